package ollama

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// pullLimits bound the silent stretches of a pull rather than its length: a
// multi-gigabyte download may take an hour, but the registry must answer
// quickly and bytes must keep coming.
type pullLimits struct {
	answer time.Duration // from the start to the registry's first answer
	stall  time.Duration // between two progress updates once it answered
}

var defaultLimits = pullLimits{answer: 20 * time.Second, stall: 2 * time.Minute}

// statusManifest is the first progress update of a pull, sent by the Ollama
// server before it contacts the registry.
const statusManifest = "pulling manifest"

// PullError says why pulling a model failed. Kind is one of ErrNoNetwork,
// ErrModelNotFound, ErrStalled, ErrUnreachable, or nil when unknown.
type PullError struct {
	Model string
	Kind  error
	Err   error
}

func (e *PullError) Error() string {
	switch {
	case errors.Is(e.Kind, ErrUnreachable):
		return fmt.Sprintf("pulling %q failed: %v", e.Model, e.Err)
	case e.Kind == nil:
		return fmt.Sprintf("pulling %q from the Ollama registry failed: %v", e.Model, e.Err)
	case errors.Is(e.Kind, ErrModelNotFound):
		return fmt.Sprintf("pulling %q from the Ollama registry failed: %v; check the name and tag (%v)", e.Model, e.Kind, e.Err)
	default:
		return fmt.Sprintf("pulling %q from the Ollama registry failed: %v (%v)", e.Model, e.Kind, e.Err)
	}
}

func (e *PullError) Unwrap() []error {
	if e.Kind == nil {
		return []error{e.Err}
	}
	return []error{e.Kind, e.Err}
}

// Pull asks the Ollama server to download model from its registry and reports
// progress (progress may be nil). It fails fast and says why when the server
// has no network, the model does not exist or the download stalls.
func Pull(ctx context.Context, c *api.Client, model string, progress func(status string, completed, total int64)) error {
	return pull(ctx, c, model, progress, defaultLimits)
}

var (
	errNoAnswer = errors.New("no answer")
	errNoBytes  = errors.New("no progress")
)

func pull(ctx context.Context, c *api.Client, model string, progress func(string, int64, int64), limits pullLimits) error {
	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// The client calls the progress function on this goroutine; only the
	// timers run elsewhere, and they only cancel.
	var started, success bool // the Ollama server answered; the pull finished
	watchdog := time.AfterFunc(limits.answer, func() { cancel(errNoAnswer) })

	err := c.Pull(ctx, &api.PullRequest{Model: model}, func(r api.ProgressResponse) error {
		started = true
		if r.Status != statusManifest { // the registry answered
			watchdog.Stop()
			watchdog = time.AfterFunc(limits.stall, func() { cancel(errNoBytes) })
		}
		success = success || r.Status == "success"
		if progress != nil {
			progress(r.Status, r.Completed, r.Total)
		}
		return nil
	})
	watchdog.Stop()

	switch cause := context.Cause(ctx); {
	case err == nil && success:
		return nil
	case parent.Err() != nil:
		return fmt.Errorf("pulling %q: %w", model, parent.Err())
	case errors.Is(cause, errNoAnswer) && !started:
		return &PullError{Model: model, Kind: ErrUnreachable, Err: unreachable(timeoutErr(err))}
	case errors.Is(cause, errNoAnswer):
		return &PullError{Model: model, Kind: ErrNoNetwork, Err: fmt.Errorf("no answer from the registry within %v", limits.answer)}
	case errors.Is(cause, errNoBytes):
		return &PullError{Model: model, Kind: ErrStalled, Err: fmt.Errorf("no progress for %v", limits.stall)}
	case err == nil:
		return &PullError{Model: model, Err: errors.New("the Ollama server ended the pull before it finished")}
	case isTransport(err):
		return &PullError{Model: model, Kind: ErrUnreachable, Err: unreachable(err)}
	case strings.Contains(err.Error(), "file does not exist") || strings.Contains(err.Error(), "manifest unknown"):
		return &PullError{Model: model, Kind: ErrModelNotFound, Err: err}
	case looksOffline(err):
		return &PullError{Model: model, Kind: ErrNoNetwork, Err: err}
	default:
		return &PullError{Model: model, Err: err}
	}
}

// timeoutErr makes a request cancelled by the watchdog read as a timeout.
func timeoutErr(err error) error {
	if err == nil {
		return context.DeadlineExceeded
	}
	return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
}
