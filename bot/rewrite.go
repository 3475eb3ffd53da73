package bot

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/los-bot/los"
)

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
func (b *Bot) rewrite(ctx context.Context, l los.Standard, text string, history []los.Message, t topic) (los.Query, bool) {
	if b.cfg.Rewriter == nil {
		return los.Query{}, false
	}
	timeout := b.cfg.RewriteTimeout
	if timeout <= 0 {
		timeout = DefaultRewriteTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		rw  los.Rewrite
		err error
	}
	done := make(chan result, 1)
	go func() {
		rw, err := b.cfg.Rewriter.Rewrite(ctx, los.RewriteRequest{History: history, Text: text, Lang: l})
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
		b.cfg.Log.DebugContext(ctx, "standalone question not written; reading the conversation without the model", "err", r.err)
		return los.Query{}, false
	}
	b.cfg.Log.DebugContext(ctx, "standalone question written by the model", "new_topic", r.rw.NewTopic)
	q := los.Query{Text: strings.TrimSpace(r.rw.Question)}
	if !r.rw.NewTopic {
		q.Topic = t.slugs
	}
	return q, true
}

// checkRewrite refuses an empty or runaway question.
func checkRewrite(rw los.Rewrite) error {
	q := strings.TrimSpace(rw.Question)
	if q == "" || utf8.RuneCountInString(q) > los.MaxQuestionRunes || !utf8.ValidString(q) {
		return errRewrite
	}
	return nil
}
