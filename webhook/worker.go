package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/metrics"
)

// Defaults of the worker. Eight attempts, a minute apart at first and
// three times longer each time, span about 18 hours before giving up.
const (
	DefaultMaxAttempts = 8
	DefaultBaseDelay   = time.Minute
	DefaultTimeout     = 10 * time.Second
	DefaultConcurrency = 4
	DefaultPoll        = time.Second
)

// Outbox is the store's side of delivery: the outbox of events and the
// queue of deliveries.
type Outbox interface {
	// FanOut queues a delivery to every subscribed webhook for up to
	// limit events not yet fanned out, with the body rendered by body.
	FanOut(ctx context.Context, limit int, body func(los.Event) ([]byte, error)) (int, error)
	// DueDeliveries returns up to limit pending deliveries due at now.
	DueDeliveries(ctx context.Context, now time.Time, limit int) ([]los.Delivery, error)
	// RecordAttempt records one attempt and the delivery's new state.
	RecordAttempt(ctx context.Context, id int64, status string, httpStatus int, errMsg string, next time.Time) error
}

// Worker moves events from the outbox into the delivery queue and
// delivers them. It runs beside the HTTP server, so a slow or dead
// receiver never delays a chat turn: turns only write to the outbox.
type Worker struct {
	DB          Outbox
	Client      *http.Client // see NewClient
	Log         *slog.Logger
	Now         func() time.Time
	MaxAttempts int
	BaseDelay   time.Duration
	Timeout     time.Duration    // per request
	Concurrency int              // requests in flight at most
	Poll        time.Duration    // how often to look for work
	Metrics     *metrics.Metrics // counts attempts; nil counts nothing
}

// NewWorker returns a worker with the defaults. Its client follows no
// redirects and refuses internal addresses (NewClient with the zero
// Guard); set Client to NewClient(Guard{AllowPrivate: true}) to reach
// internal receivers. The retention job prunes the delivery log.
func NewWorker(db Outbox, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{
		DB:          db,
		Log:         log,
		Client:      NewClient(Guard{}),
		Now:         time.Now,
		MaxAttempts: DefaultMaxAttempts,
		BaseDelay:   DefaultBaseDelay,
		Timeout:     DefaultTimeout,
		Concurrency: DefaultConcurrency,
		Poll:        DefaultPoll,
	}
}

// Run works until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	for {
		if err := w.Step(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("webhook worker", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Step queues deliveries for new events and makes every due attempt
// once. It returns when they are done.
func (w *Worker) Step(ctx context.Context) error {
	for {
		n, err := w.DB.FanOut(ctx, 200, Body)
		if err != nil {
			return fmt.Errorf("queue deliveries: %w", err)
		}
		if n < 200 {
			break
		}
	}
	due, err := w.DB.DueDeliveries(ctx, w.Now(), 100)
	if err != nil {
		return fmt.Errorf("due deliveries: %w", err)
	}
	sem := make(chan struct{}, max(1, w.Concurrency))
	var wg sync.WaitGroup
	for _, d := range due {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			w.attempt(ctx, d)
		})
	}
	wg.Wait()
	return nil
}

func (w *Worker) attempt(ctx context.Context, d los.Delivery) {
	code, err := w.send(ctx, d)
	if ctx.Err() != nil {
		return // shutting down: the attempt did not count
	}
	w.Metrics.WebhookDelivery(d.EventType, err == nil)
	status, next, msg := los.DeliveryDelivered, w.Now(), ""
	if err != nil {
		msg = err.Error()
		status, next = los.DeliveryPending, w.Now().Add(w.Backoff(d.Attempts+1))
		if d.Attempts+1 >= w.MaxAttempts {
			status = los.DeliveryFailed
		}
		level := slog.LevelInfo
		if errors.Is(err, ErrInternal) {
			level = slog.LevelWarn // the operator's to fix, not the receiver's
		}
		w.Log.Log(ctx, level, "webhook delivery failed", "webhook", d.WebhookID, "delivery", d.ID, "attempt", d.Attempts+1, "status", code, "err", err)
	}
	if err := w.DB.RecordAttempt(context.WithoutCancel(ctx), d.ID, status, code, msg, next); err != nil {
		w.Log.Warn("record webhook attempt", "delivery", d.ID, "err", err)
	}
}

func (w *Worker) send(ctx context.Context, d los.Delivery) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, w.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Los-Webhook/1")
	req.Header.Set("X-Los-Event", d.EventType)
	req.Header.Set("X-Los-Delivery", fmt.Sprint(d.ID))
	req.Header.Set(SignatureHeader, Sign(d.Secret, w.Now(), d.Body))
	resp, err := w.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("receiver answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// Backoff is the wait before attempt n+1 after n failed attempts: the
// base delay times 3^(n-1), with up to 20% jitter either way.
func (w *Worker) Backoff(n int) time.Duration {
	d := float64(w.BaseDelay) * math.Pow(3, float64(n-1))
	return time.Duration(d * (0.8 + 0.4*rand.Float64()))
}
