package bot

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/los-bot/los/lang"
)

// Rewriter writes the standalone question a customer's message asks in
// its conversation ("og hva koster den?" after a question about 5G
// broadband: "Hva koster bredbånd via 5G?"), with a model. It answers in
// structured form (see Rewrite). The Ollama adapter implements it; the
// bot never waits for it longer than Config.RewriteTimeout and falls
// back to its own reading of the conversation when it fails.
type Rewriter interface {
	Rewrite(ctx context.Context, req RewriteRequest) (Rewrite, error)
}

// RewriteRequest is what a Rewriter is given: the conversation so far
// (redacted, as stored), the new message and its written standard.
type RewriteRequest struct {
	History []Message
	Text    string
	Lang    lang.Standard
}

// Rewrite is a Rewriter's answer, the structured output asked of the
// model: {"question": "...", "new_topic": false}.
type Rewrite struct {
	// Question is the message as a question that stands alone, in the
	// customer's written standard.
	Question string `json:"question"`
	// NewTopic is true when the message leaves the earlier topic: the
	// articles cited for it are then not favoured.
	NewTopic bool `json:"new_topic"`
}

// DefaultRewriteTimeout bounds a Rewriter call when Config.RewriteTimeout
// is not set: a small model writes one short JSON object in well under a
// second on a warm server; a turn must not wait long for a better query.
const DefaultRewriteTimeout = 1500 * time.Millisecond

// errRewrite marks an answer a Rewriter gave that cannot be used.
var errRewrite = errors.New("rewriter gave no usable question")

// rewrite asks the Rewriter, if any, for the standalone question, within
// the deadline. ok is false when there is no Rewriter, it failed, was
// late, or answered with nothing usable; the caller then reads the
// conversation itself.
func (b *Bot) rewrite(ctx context.Context, l lang.Standard, text string, history []Message, t topic) (Query, bool) {
	if b.Rewriter == nil {
		return Query{}, false
	}
	timeout := b.RewriteTimeout
	if timeout <= 0 {
		timeout = DefaultRewriteTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		rw  Rewrite
		err error
	}
	done := make(chan result, 1)
	go func() {
		rw, err := b.Rewriter.Rewrite(ctx, RewriteRequest{History: history, Text: text, Lang: l})
		done <- result{rw, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		r.err = ctx.Err()
	}
	if r.err == nil {
		r.err = checkRewrite(r.rw)
	}
	if r.err != nil {
		b.Log.DebugContext(ctx, "standalone question not written; reading the conversation without the model", "err", r.err)
		return Query{}, false
	}
	q := Query{Text: strings.TrimSpace(r.rw.Question)}
	if !r.rw.NewTopic {
		q.Topic = t.slugs
	}
	return q, true
}

// checkRewrite refuses an empty or runaway question.
func checkRewrite(rw Rewrite) error {
	q := strings.TrimSpace(rw.Question)
	if q == "" || utf8.RuneCountInString(q) > MaxQuestionRunes || !utf8.ValidString(q) {
		return errRewrite
	}
	return nil
}
