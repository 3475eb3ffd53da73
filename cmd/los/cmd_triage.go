package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"strings"

	"github.com/los-bot/los"
	"github.com/los-bot/los/config"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/triage"
)

// triageLine is the contract of `los triage`. Fields may be added, never
// renamed: evidence (none, weak, clear) and response (answer, offer,
// check_in, handoff, crisis) grade the decision, see los.Policy.Respond.
type triageLine struct {
	Text     string       `json:"text"`
	Category los.Category `json:"category"`
	Severity los.Severity `json:"severity"`
	Action   los.Action   `json:"action"`
	Signals  []string     `json:"signals"`
	// Lang is the detected written standard of the message.
	Lang     los.Standard `json:"lang"`
	Evidence los.Evidence `json:"evidence"`
	Response los.Response `json:"response"`
}

// cmdTriage classifies one message per stdin line with the rules alone.
func cmdTriage(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("triage", &fs, 0, ""); err != nil {
		return err
	}
	c, err := newClassifier(e.cfg)
	if err != nil {
		return err
	}
	policy := e.cfg.Policy
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(untilDone(ctx, e.stdin))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		t := c.Classify(ctx, text)
		signals := t.Signals
		if signals == nil {
			signals = []string{}
		}
		action, response := policy.Respond(t.Category, t.Evidence)
		if err := enc.Encode(triageLine{Text: text, Category: t.Category, Severity: t.Category.Severity(),
			Action: action, Signals: signals, Lang: lang.Detect(text), Evidence: t.Evidence, Response: response}); err != nil {
			return err
		}
	}
	return sc.Err()
}

// newClassifier loads the triage lexicons: the built-in ones, or the
// operator's directory.
func newClassifier(cfg config.Config, opts ...triage.Option) (*triage.Classifier, error) {
	if cfg.TriageDir != "" {
		lex, err := triage.LoadDir(cfg.TriageDir)
		if err != nil {
			return nil, err
		}
		return triage.New(lex, opts...), nil
	}
	return triage.NewDefault(opts...)
}
