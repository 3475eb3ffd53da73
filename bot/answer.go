package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/los-bot/los"
)

// answer fills res with a grounded answer to text and reports whether the
// knowledge base had nothing relevant.
func (b *Bot) answer(ctx context.Context, l los.Standard, text string, history []los.Message, onToken func(string), res *los.Result) (noAnswer bool) {
	t0 := time.Now()
	all, err := b.retrieveInConversation(ctx, l, text, history)
	res.Timings.RetrieveMS = ms(time.Since(t0))
	if err != nil {
		b.cfg.Log.ErrorContext(ctx, "retrieval failed", "err", err)
	}
	sources := relevant(all, nil)
	if len(sources) == 0 {
		res.Answer = b.cfg.Texts.T(l, "answer.none")
		res.Mode = los.ModeExtractive
		return true
	}
	res.Sources = sources

	if b.cfg.Generator != nil {
		t1 := time.Now()
		answer, first, err := b.generate(ctx, l, text, sources, history, onToken)
		if err == nil {
			if b.cfg.Observer != nil {
				b.cfg.Observer.Generated(first, time.Since(t1))
			}
			b.warned.reset()
			res.Timings.FirstTokenMS = ms(first)
			res.Answer, res.Citations = mapCitations(b.fixStandard(ctx, l, answer), sources)
			res.Mode = los.ModeGenerated
			return false
		}
		b.logGenerationFailure(ctx, err)
	}
	res.Answer, res.Citations = b.extractive(ctx, l, sources)
	res.Mode = los.ModeExtractive
	return false
}

// relevant returns the sources of all judged to answer the question,
// in order, leaving out those for which skip is true (nil: none).
func relevant(all []los.Source, skip func(los.Source) bool) []los.Source {
	var out []los.Source
	for _, s := range all {
		if s.Relevant && (skip == nil || !skip(s)) {
			out = append(out, s)
		}
	}
	return out
}

// The causes of a generation cancelled because the model was too slow:
// the first token came too late, or the stream stalled after it. Both are
// los.ErrTooSlow, which tells a pool of model hosts to blame the host.
var (
	errFirstToken = fmt.Errorf("%w: no first token before the deadline", los.ErrTooSlow)
	errTokenStall = fmt.Errorf("%w: no token for too long after the first", los.ErrTooSlow)
)

// generate streams the model's answer. It fails when the model errors,
// sends no first token in time, stalls between tokens for longer than
// TokenTimeout, or ends the stream without done.
func (b *Bot) generate(ctx context.Context, l los.Standard, text string, sources []los.Source, history []los.Message, onToken func(string)) (string, time.Duration, error) {
	msgs, err := b.cfg.Prompter.Prompt(l, text, sources, history)
	if err != nil {
		return "", 0, fmt.Errorf("render prompt: %w", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ctx, stop := context.WithTimeout(ctx, b.cfg.Generation)
	defer stop()

	start := time.Now()
	var gotFirst atomic.Bool
	timer := time.AfterFunc(b.cfg.FirstToken, func() {
		if !gotFirst.Load() {
			cancel(errFirstToken)
		}
	})
	defer timer.Stop()
	// The inter-token deadline runs from the first token and restarts
	// with every piece of the stream after it.
	stall := time.AfterFunc(time.Hour, func() { cancel(errTokenStall) })
	stall.Stop()
	defer stall.Stop()

	var (
		out   strings.Builder
		done  bool
		first time.Duration
	)
	err = b.cfg.Generator.Chat(ctx, &los.ChatRequest{
		Model: b.cfg.ChatModel, Messages: msgs, Stream: true, Options: b.cfg.Options,
	}, func(r los.ChatResponse) error {
		if r.Content != "" {
			if gotFirst.CompareAndSwap(false, true) {
				first = time.Since(start)
			}
			out.WriteString(r.Content)
			if onToken != nil {
				onToken(r.Content)
			}
		}
		switch {
		case r.Done:
			done = true
			stall.Stop()
		case gotFirst.Load():
			stall.Reset(b.cfg.TokenTimeout)
		}
		return nil
	})
	if cause := context.Cause(ctx); cause != nil && !done {
		return "", 0, cause
	}
	if err != nil {
		return "", 0, err
	}
	if !done {
		return "", 0, errNoDone
	}
	if strings.TrimSpace(out.String()) == "" {
		return "", 0, errors.New("model returned an empty answer")
	}
	return out.String(), first, nil
}

var citeRE = regexp.MustCompile(`\[(\d{1,2})\]`)

// mapCitations keeps the [n] markers that name a real source and drops the
// rest, and returns the cited slugs in order of first citation. When the
// model cites nothing, the best source is cited: every answer says where it
// comes from.
func mapCitations(answer string, sources []los.Source) (string, []string) {
	seen := map[string]bool{}
	cited := []string{}
	answer = citeRE.ReplaceAllStringFunc(answer, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		if n < 1 || n > len(sources) {
			return ""
		}
		if s := sources[n-1].Slug; !seen[s] {
			seen[s] = true
			cited = append(cited, s)
		}
		return m
	})
	answer = strings.TrimSpace(strings.ReplaceAll(answer, " .", "."))
	if len(cited) == 0 {
		cited = append(cited, sources[0].Slug)
	}
	return answer, cited
}

// warnOnce logs each distinct model problem once, with its fix, instead of
// once per turn.
type warnOnce struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (w *warnOnce) first(key string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	return true
}

func (w *warnOnce) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	clear(w.seen)
}

func (b *Bot) logGenerationFailure(ctx context.Context, err error) {
	if b.cfg.Observer != nil {
		b.cfg.Observer.Fallback(fallbackReason(err))
	}
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND:
		if b.warned.first("missing:" + b.cfg.ChatModel) {
			b.cfg.Log.ErrorContext(ctx, "chat model missing; answering extractively", "model", b.cfg.ChatModel,
				"fix", fmt.Sprintf("ollama pull %s (or: los models pull)", b.cfg.ChatModel))
		}
	case los.ErrorCode(err) == los.EUNAVAILABLE:
		b.cfg.Log.WarnContext(ctx, "model busy; answering extractively", "err", err)
	case errors.Is(err, errFirstToken):
		b.cfg.Log.WarnContext(ctx, "model too slow; answering extractively", "deadline", b.cfg.FirstToken)
	case errors.Is(err, errTokenStall):
		b.cfg.Log.WarnContext(ctx, "model stream stalled; answering extractively", "deadline", b.cfg.TokenTimeout)
	case errors.Is(err, errNoDone):
		b.cfg.Log.WarnContext(ctx, "model stream broke off; answering extractively")
	default:
		if b.warned.first("err:" + err.Error()) {
			b.cfg.Log.ErrorContext(ctx, "model unavailable; answering extractively", "err", err,
				"fix", "start Ollama (ollama serve) and check OLLAMA_HOST")
		} else {
			b.cfg.Log.DebugContext(ctx, "model unavailable", "err", err)
		}
	}
}

// fallbackReason names why a generation failed, for metrics.
func fallbackReason(err error) string {
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND:
		return "model_missing"
	case los.ErrorCode(err) == los.EUNAVAILABLE:
		return "model_busy"
	case errors.Is(err, errFirstToken):
		return "first_token_timeout"
	case errors.Is(err, errTokenStall):
		return "token_timeout"
	case errors.Is(err, errNoDone):
		return "stream_broken"
	}
	return "model_error"
}
