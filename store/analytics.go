package store

import (
	"context"
	"time"

	"github.com/los-bot/los"
)

// Analytics computes the report of a period from the store.
func (s *DB) Analytics(ctx context.Context, p los.Period) (*los.Report, error) {
	if p.Zone == nil {
		p.Zone = time.UTC
	}
	q := newAnalyticsQuery(s, p)
	r := &los.Report{Period: p, Outcomes: map[string]int{}}
	steps := []func(context.Context, *los.Report) error{
		q.outcomes, q.handoffs, q.csat, q.articles, q.noAnswers, q.firstToken, q.waiting, q.days,
	}
	for _, step := range steps {
		if err := step(ctx, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
