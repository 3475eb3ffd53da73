package ollama

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// TestPoolFailures: how each way a host can fail a chat moves it out of
// service, and whether the chat is tried again on the other host (only
// before anything reached the caller, and never when the caller gave up).
func TestPoolFailures(t *testing.T) {
	crash := errors.New("an error was encountered while running the model: unexpected EOF")
	tests := []struct {
		name string
		// chat is host a's answer; cancel cancels the caller's context.
		chat       func(ctx context.Context, fn los.ChatFunc, cancel context.CancelCauseFunc) error
		wantState  los.HostState
		wantReason string // counted in a's failures; "": none
		retried    bool   // b answered
		wantErr    func(error) bool
		wantPieces string // contents, then "+done" when done came
	}{
		{name: "connection refused", wantState: los.HostDown, wantReason: reasonUnreachable, retried: true,
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error { return refused() }},
		{name: "server error", wantState: los.HostDown, wantReason: reasonServer, retried: true,
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error {
				return api.StatusError{StatusCode: 500, Status: "500 Internal Server Error", ErrorMessage: "llama runner process has terminated"}
			}},
		{name: "runner crashed", wantState: los.HostDown, wantReason: reasonServer, retried: true,
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error { return crash }},
		{name: "stream without done before a token", wantState: los.HostDown, wantReason: reasonBroken, retried: true,
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error { return nil }},
		{name: "model missing", wantState: los.HostNoModel, wantReason: reasonModel, retried: true,
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error {
				return &los.Error{Code: los.ENOTFOUND, Message: `model "tiny" not found, try pulling it first`}
			}},
		{name: "stream broken after a token", wantState: los.HostDown, wantReason: reasonBroken, wantPieces: "Hal",
			chat: func(_ context.Context, fn los.ChatFunc, _ context.CancelCauseFunc) error {
				fn(los.ChatResponse{Content: "Hal"})
				return nil
			}},
		{name: "error after a token", wantState: los.HostDown, wantReason: reasonServer, wantPieces: "Hal",
			wantErr: func(err error) bool { return errors.Is(err, crash) },
			chat: func(_ context.Context, fn los.ChatFunc, _ context.CancelCauseFunc) error {
				fn(los.ChatResponse{Content: "Hal"})
				return crash
			}},
		{name: "caller found it too slow", wantState: los.HostDown, wantReason: reasonSlow, wantPieces: "Hal",
			chat: func(_ context.Context, fn los.ChatFunc, cancel context.CancelCauseFunc) error {
				fn(los.ChatResponse{Content: "Hal"})
				cancel(los.ErrTooSlow)
				return nil
			}},
		{name: "caller gone", wantState: los.HostUnknown,
			wantErr: func(err error) bool { return errors.Is(err, context.Canceled) },
			chat: func(ctx context.Context, _ los.ChatFunc, cancel context.CancelCauseFunc) error {
				cancel(nil)
				return ctx.Err()
			}},
		{name: "bad request", wantState: los.HostUnknown,
			wantErr: func(err error) bool { var se api.StatusError; return errors.As(err, &se) && se.StatusCode == 400 },
			chat: func(context.Context, los.ChatFunc, context.CancelCauseFunc) error {
				return api.StatusError{StatusCode: 400, ErrorMessage: "invalid options"}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			a := &fakeHost{chat: func(ctx context.Context, fn los.ChatFunc) error { return tt.chat(ctx, fn, cancel) }}
			b := &fakeHost{}
			p := fakePool(PoolConfig{}, a, b)
			got, err := collect(ctx, p)

			want := tt.wantPieces
			if tt.retried {
				want = "Hei+done"
			}
			if s := pieces(got); s != want {
				t.Errorf("the caller got %q, want %q", s, want)
			}
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !tt.wantErr(err) {
				t.Errorf("error %v", err)
			}
			if chats, _, _, _ := b.count(); chats != btoi(tt.retried) {
				t.Errorf("host b had %d chats, want %d", chats, btoi(tt.retried))
			}
			snap := p.Snapshot()
			if snap.Retries != int64(btoi(tt.retried)) {
				t.Errorf("%d retries counted", snap.Retries)
			}
			ha := snap.Hosts[0]
			if ha.State != tt.wantState {
				t.Errorf("host a is %s, want %s (%s)", ha.State, tt.wantState, ha.Message)
			}
			if tt.wantReason != "" && (ha.Failures[tt.wantReason] != 1 || len(ha.Failures) != 1) {
				t.Errorf("host a failures %v, want one %s", ha.Failures, tt.wantReason)
			}
			if tt.wantReason == "" && len(ha.Failures) != 0 {
				t.Errorf("host a failures %v, want none: not the host's fault", ha.Failures)
			}
			if tt.wantReason != "" && (!strings.Contains(ha.Message, tt.wantReason) || ha.NextCheck.IsZero()) {
				t.Errorf("host a: message %q, next check %v; want the reason and when it is checked again", ha.Message, ha.NextCheck)
			}
			if ha.InFlight != 0 || snap.Hosts[1].InFlight != 0 {
				t.Errorf("in flight after the chat: %d and %d", ha.InFlight, snap.Hosts[1].InFlight)
			}
		})
	}
}

// pieces renders what a caller received: contents, and "+done".
func pieces(rs []los.ChatResponse) string {
	var sb strings.Builder
	for _, r := range rs {
		sb.WriteString(r.Content)
		if r.Done {
			sb.WriteString("+done")
		}
	}
	return sb.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPoolOfOne: with one host, a failure is returned as it came (there is
// no other host), and the host, though out of service, still gets the
// next chat, whose success puts it back: as a plain Client would behave.
func TestPoolOfOne(t *testing.T) {
	a := &fakeHost{chat: func(context.Context, los.ChatFunc) error { return refused() }}
	p := fakePool(PoolConfig{}, a)
	if _, err := collect(context.Background(), p); !isTransport(err) {
		t.Fatalf("error %v, want the host's own", err)
	}
	if h := stateOf(p, 0); h.State != los.HostDown {
		t.Fatalf("host is %s after connection refused", h.State)
	}
	a.set(func(f *fakeHost) { f.chat = nil })
	got, err := collect(context.Background(), p)
	if err != nil || pieces(got) != "Hei+done" {
		t.Fatalf("second chat: %q, %v; want the answer from the only host", pieces(got), err)
	}
	if h := stateOf(p, 0); h.State != los.HostUp || h.Requests != 2 {
		t.Errorf("host %+v, want up after answering, 2 requests", h)
	}
}

// TestPoolLeastInFlight: a chat goes to the host in service with the
// fewest chats running; ties take turns; hosts out of service get none
// while another is in service.
func TestPoolLeastInFlight(t *testing.T) {
	started := make(chan struct{}, 16)
	release := []chan struct{}{make(chan struct{}), make(chan struct{}), make(chan struct{})}
	hosts := make([]*fakeHost, 3)
	for i := range hosts {
		hosts[i] = &fakeHost{chat: hold(started, release[i])}
	}
	p := fakePool(PoolConfig{Concurrency: 10}, hosts...)
	ctx := context.Background()
	done := make(chan error, 16)
	run := func(n int) {
		for range n {
			go func() { _, err := collect(ctx, p); done <- err }()
			<-started // one at a time, so that each sees the last one's count
		}
	}
	inFlight := func() [3]int {
		var out [3]int
		for i, h := range p.Hosts() {
			out[i] = h.InFlight
		}
		return out
	}
	run(3)
	if got := inFlight(); got != [3]int{1, 1, 1} {
		t.Fatalf("in flight %v after 3 chats, want one each", got)
	}
	release[1] <- struct{}{}
	<-done
	run(1)
	if got := inFlight(); got != [3]int{1, 1, 1} {
		t.Fatalf("in flight %v, want the freed host b to take the next chat", got)
	}
	p.mu.Lock()
	p.fail(p.hosts[0], reasonUnreachable, refused())
	p.unlock()
	run(2)
	if got := inFlight(); got != [3]int{1, 2, 2} {
		t.Errorf("in flight %v, want host a (down) skipped and the others taking turns", got)
	}
	for i := range release {
		close(release[i])
	}
	for range 5 { // the sixth ended above
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestPoolReady: /readyz's line.
func TestPoolReady(t *testing.T) {
	one := fakePool(PoolConfig{ChatModel: "tiny"}, &fakeHost{status: func() Status { return unreachableStatus }})
	one.Start(context.Background())
	defer one.Close()
	if msg, ok := one.Ready(context.Background()); ok || !strings.HasPrefix(msg, "degraded: Ollama unreachable at") {
		t.Errorf("one host down: %q %v, want the host's own line, as without a pool", msg, ok)
	}
	two := fakePool(PoolConfig{ChatModel: "tiny"}, &fakeHost{}, &fakeHost{status: func() Status { return noModel }})
	two.Start(context.Background())
	defer two.Close()
	msg, ok := two.Ready(context.Background())
	if ok || !strings.HasPrefix(msg, "degraded: 1 of 2 Ollama hosts up; b is missing_model") || !strings.Contains(msg, "ollama pull tiny") {
		t.Errorf("two hosts, one without the model: %q %v", msg, ok)
	}
	if msg := stateOf(two, 0).Message; msg != `ok: Ollama 0.6.5 with model "tiny"` {
		t.Errorf("host a says %q", msg)
	}
}
