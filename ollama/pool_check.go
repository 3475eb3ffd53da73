package ollama

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// Start checks every host now, then keeps checking them in the background
// until ctx ends or Close is called: hosts in service every CheckEvery,
// hosts out of service after their backoff.
func (p *Pool) Start(ctx context.Context) {
	ctx, p.stop = context.WithCancel(ctx)
	var first sync.WaitGroup
	for _, h := range p.hosts {
		first.Go(func() { p.check(ctx, h) })
	}
	first.Wait()
	for _, h := range p.hosts {
		p.watchers.Go(func() { p.watch(ctx, h) })
	}
}

// Close stops the health checks started by Start and waits for them.
func (p *Pool) Close() {
	if p.stop != nil {
		p.stop()
	}
	p.watchers.Wait()
}

// watch checks h whenever its next check is due; a failed request makes
// it plan again.
func (p *Pool) watch(ctx context.Context, h *host) {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		p.mu.Lock()
		wait := time.Until(h.nextCheck)
		p.mu.Unlock()
		if wait <= 0 {
			p.check(ctx, h)
			if ctx.Err() != nil {
				return
			}
			continue
		}
		if timer == nil {
			timer = time.NewTimer(wait)
		} else {
			timer.Reset(wait)
		}
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-h.kick:
		}
	}
}

// check asks h whether it answers and has the configured models (Check,
// within a few seconds), and puts it in or out of service.
func (p *Pool) check(ctx context.Context, h *host) {
	st := h.b.Check(ctx, p.cfg.ChatModel, p.cfg.EmbedModel)
	if ctx.Err() != nil {
		return
	}
	p.mu.Lock()
	defer p.unlock()
	switch {
	case st.Ready():
		h.nextCheck = time.Now().Add(p.cfg.CheckEvery)
		p.setState(h, los.HostUp, st.Message())
	case st.Reachable && st.Err == nil: // a model is missing
		h.nextCheck = time.Now().Add(p.cfg.CheckEvery)
		p.setState(h, los.HostNoModel, st.Message())
	default:
		p.takeOut(h)
		p.setState(h, los.HostDown, st.Message())
	}
	p.dispatch()
}

// Why a request failed, for ModelHost.Failures.
const (
	reasonUnreachable = "unreachable"
	reasonServer      = "server_error"
	reasonBroken      = "stream_broken"
	reasonModel       = "model_missing"
	reasonSlow        = "too_slow"
)

// outcome is how a request ended for its host: ok, the host's fault (with
// a reason), or neither (the caller gave up, or the request was bad).
type outcome struct {
	ok, fault bool
	reason    string
	err       error
}

var errNoDone = errors.New("the stream ended without done")

// chatOutcome judges a chat that returned err, having seen done or not;
// fnErr is the error the caller's function stopped it with.
func chatOutcome(ctx context.Context, err error, done bool, fnErr error) outcome {
	switch {
	case fnErr != nil:
		return outcome{}
	case err == nil && done:
		return outcome{ok: true}
	case ctx.Err() != nil:
		if cause := context.Cause(ctx); errors.Is(cause, los.ErrTooSlow) {
			return outcome{fault: true, reason: reasonSlow, err: cause}
		}
		return outcome{}
	case err == nil:
		return outcome{fault: true, reason: reasonBroken, err: errNoDone}
	}
	return errOutcome(err)
}

// embedOutcome judges an embedding request that returned err.
func embedOutcome(ctx context.Context, err error) outcome {
	switch {
	case err == nil:
		return outcome{ok: true}
	case ctx.Err() != nil:
		return outcome{}
	}
	return errOutcome(err)
}

func errOutcome(err error) outcome {
	var se api.StatusError
	fault := func(reason string) outcome { return outcome{fault: true, reason: reason, err: err} }
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND, errors.As(err, &se) && se.StatusCode == 404:
		return fault(reasonModel)
	case errors.As(err, &se) && se.StatusCode < 500:
		return outcome{} // the request's fault, the same on every host
	case errors.As(err, &se):
		return fault(reasonServer)
	case isTransport(err):
		return fault(reasonUnreachable)
	}
	// An error the server sent in the stream, such as "an error was
	// encountered while running the model: unexpected EOF" when its model
	// runner crashed.
	return fault(reasonServer)
}
