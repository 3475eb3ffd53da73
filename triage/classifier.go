// Package triage detects emotionally sensitive customer messages (grief,
// illness, payment trouble, fraud, threats, self-harm, distress, vulnerable
// customers, requests for a human) so that Los can hand them to people.
//
// Decisions come from lexicons per written standard (lexicons/*.json,
// matched on Snowball-stemmed Norwegian or English words and multi-word
// phrases), negation and figurative-language rules, and the intensity of the
// writing. A small learned model (lexicons/model.json, see Model and
// Train) complements the rules within bounds: it may raise a decision the
// rules missed, never change a critical one. A chat model may give a second
// opinion on unsure cases, within bounds (see SecondOpinion).
package triage

import (
	"context"
	"math"

	"github.com/los-bot/los"
)

// Classifier triages messages. It is safe for concurrent use.
type Classifier struct {
	lex    *Lexicon
	model  *Model
	second *SecondOpinion
}

// Option configures a Classifier.
type Option func(*Classifier)

// WithSecondOpinion makes the classifier ask a chat model when the rules
// are unsure.
func WithSecondOpinion(s SecondOpinion) Option {
	return func(c *Classifier) { c.second = &s }
}

// WithModel replaces the learned model loaded with the lexicons; nil
// turns the learned layer off, leaving the rules alone.
func WithModel(m *Model) Option {
	return func(c *Classifier) { c.model = m }
}

// New returns a classifier using lex, which must not be nil (see
// NewDefault, Embedded and LoadDir), and the learned model loaded with it.
func New(lex *Lexicon, opts ...Option) *Classifier {
	c := &Classifier{lex: lex, model: lex.model}
	for _, o := range opts {
		o(c)
	}
	return c
}

// NewDefault returns a classifier using the built-in lexicons.
func NewDefault(opts ...Option) (*Classifier, error) {
	lex, err := Embedded()
	if err != nil {
		return nil, err
	}
	return New(lex, opts...), nil
}

// Classify triages one message. Action and Response are filled from
// los.DefaultPolicy; callers with a configured policy set them again with
// Policy.Respond from Category and Evidence.
func (c *Classifier) Classify(ctx context.Context, text string) los.Triage {
	return c.classify(ctx, text, analyse(text), nil)
}

// classify triages the analysed message t; pre are signals of how it was
// read (see ClassifyIn), shown first.
func (c *Classifier) classify(ctx context.Context, raw string, t *text, pre []string) los.Triage {
	a := c.lex.assess(t)
	if len(pre) > 0 {
		a.signals = append(pre, a.signals...)
	}
	if c.model != nil {
		c.model.apply(t, &a)
	}
	if c.second != nil && c.second.wants(a) {
		c.second.review(ctx, raw, &a)
	}
	action, response := los.DefaultPolicy.Respond(a.category, a.evidence)
	return los.Triage{
		Category:   a.category,
		Severity:   a.category.Severity(),
		Action:     action,
		Signals:    a.signals,
		Confidence: math.Round(a.conf*100) / 100,
		Evidence:   a.evidence,
		Response:   response,
	}
}
