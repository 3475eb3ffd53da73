package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/los-bot/los"
)

// analyticsQuery runs the report's queries over the conversations of one
// period: every query starts from the CTE sel.
type analyticsQuery struct {
	s    *DB
	p    los.Period
	args []any
}

const selCTE = `WITH sel AS (
	SELECT * FROM conversation_outcomes
	WHERE created >= ? AND created < ? AND (? = '' OR lang = ?) AND outcome != 'empty'
) `

func newAnalyticsQuery(s *DB, p los.Period) *analyticsQuery {
	l := string(p.Lang)
	return &analyticsQuery{s: s, p: p, args: []any{millis(p.From), millis(p.To), l, l}}
}

// query runs sel + q with the period's arguments followed by args.
func (q *analyticsQuery) query(ctx context.Context, sqlText string, args ...any) (*sql.Rows, error) {
	return q.s.db.QueryContext(ctx, selCTE+sqlText, append(append([]any{}, q.args...), args...)...)
}

func (q *analyticsQuery) outcomes(ctx context.Context, r *los.Report) error {
	rows, err := q.query(ctx, `SELECT outcome, count(*) FROM sel GROUP BY outcome`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			return err
		}
		r.Outcomes[o] = n
		r.Conversations += n
	}
	r.ResolutionRate = ratio(r.Outcomes[los.OutcomeResolved], r.Conversations)
	r.HandoffRate = ratio(r.Outcomes[los.OutcomeHandedOver]+r.Outcomes[los.OutcomeCalledBack], r.Conversations)
	return rows.Err()
}

func (q *analyticsQuery) handoffs(ctx context.Context, r *los.Report) error {
	rows, err := q.query(ctx, `SELECT category, reason, count(*) FROM sel
		WHERE outcome IN ('handed_over', 'called_back') GROUP BY category, reason ORDER BY count(*) DESC, category, reason`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h los.HandoffFigure
		if err := rows.Scan(&h.Category, &h.Reason, &h.Count); err != nil {
			return err
		}
		h.Share = ratio(h.Count, r.Conversations)
		r.Handoffs = append(r.Handoffs, h)
	}
	return rows.Err()
}

func (q *analyticsQuery) csat(ctx context.Context, r *los.Report) error {
	rows, err := q.query(ctx, `SELECT CASE WHEN sel.outcome IN ('handed_over', 'called_back') THEN 'human' ELSE 'bot' END AS grp,
		count(*), avg(c.score), sum(CASE WHEN c.score >= 4 THEN 1 ELSE 0 END)
		FROM sel JOIN csat c ON c.conversation_id = sel.conversation_id GROUP BY grp`)
	if err != nil {
		return err
	}
	defer rows.Close()
	got := map[string]los.CSATFigure{}
	for rows.Next() {
		var f los.CSATFigure
		if err := rows.Scan(&f.Group, &f.Answers, &f.Average, &f.Satisfied); err != nil {
			return err
		}
		got[f.Group] = f
	}
	for _, g := range []string{"bot", "human"} {
		f := got[g]
		f.Group = g
		r.CSAT = append(r.CSAT, f)
	}
	return rows.Err()
}

func (q *analyticsQuery) articles(ctx context.Context, r *los.Report) error {
	const up, down = `sum(CASE WHEN m.rating = 1 THEN 1 ELSE 0 END)`, `sum(CASE WHEN m.rating = -1 THEN 1 ELSE 0 END)`
	rows, err := q.query(ctx, `SELECT j.value, COALESCE(max(a.title), ''), `+up+`, `+down+`
		FROM messages m JOIN sel ON sel.conversation_id = m.conversation_id CROSS JOIN `+q.s.eng.jsonEach("m.citations", "j")+`
		LEFT JOIN articles a ON a.slug = j.value
		WHERE m.role = 'bot' AND m.rating != 0
		GROUP BY j.value ORDER BY `+down+` DESC, `+up+` DESC, j.value`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a los.ArticleFigure
		if err := rows.Scan(&a.Slug, &a.Title, &a.Up, &a.Down); err != nil {
			return err
		}
		r.Articles = append(r.Articles, a)
	}
	return rows.Err()
}

func (q *analyticsQuery) noAnswers(ctx context.Context, r *los.Report) error {
	rows, err := q.query(ctx, `SELECT count(*), COALESCE(sum(m.no_answer), 0)
		FROM messages m JOIN sel ON sel.conversation_id = m.conversation_id
		WHERE m.role = 'bot' AND m.action != 'handoff_now'`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&r.BotAnswers, &r.NoAnswers); err != nil {
			return err
		}
	}
	r.NoAnswerRate = ratio(r.NoAnswers, r.BotAnswers)
	return rows.Err()
}

func (q *analyticsQuery) firstToken(ctx context.Context, r *los.Report) (err error) {
	r.FirstToken, err = q.latency(ctx, `SELECT m.first_token_ms FROM messages m JOIN sel ON sel.conversation_id = m.conversation_id
		WHERE m.role = 'bot' AND m.first_token_ms > 0`)
	return err
}

func (q *analyticsQuery) waiting(ctx context.Context, r *los.Report) (err error) {
	const handoffs = `FROM handoffs h JOIN sel ON sel.conversation_id = h.conversation_id`
	if r.Waiting, err = q.latency(ctx, `SELECT h.claimed_at - h.created `+handoffs+` WHERE h.claimed_at > 0`); err != nil {
		return err
	}
	rows, err := q.query(ctx, `SELECT count(*) `+handoffs+` WHERE h.claimed_at = 0`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&r.Unclaimed); err != nil {
			return err
		}
	}
	return rows.Err()
}

// latency computes count, median and 90th percentile (nearest rank) of
// the values values selects, in SQL.
func (q *analyticsQuery) latency(ctx context.Context, values string) (los.Latency, error) {
	rows, err := q.query(ctx, `, v(x) AS (`+values+`),
		ranked AS (SELECT x, row_number() OVER (ORDER BY x) AS rn, count(*) OVER () AS n FROM v)
		SELECT count(*), COALESCE(min(CASE WHEN rn * 100 >= n * 50 THEN x END), 0),
			COALESCE(min(CASE WHEN rn * 100 >= n * 90 THEN x END), 0) FROM ranked`)
	if err != nil {
		return los.Latency{}, err
	}
	defer rows.Close()
	var l los.Latency
	for rows.Next() {
		if err := rows.Scan(&l.Count, &l.Median, &l.P90); err != nil {
			return los.Latency{}, err
		}
	}
	return l, rows.Err()
}

// days fills in every day of the period, with zeros where nothing
// happened. A day runs from midnight to midnight in the period's zone, so
// it has 23 or 25 hours when the clocks change.
func (q *analyticsQuery) days(ctx context.Context, r *los.Report) error {
	starts := los.CalendarDays(q.p.From, q.p.To, q.p.Zone)
	// The days' bounds are computed here, in the period's zone, and
	// passed as rows: both engines count by the same midnights.
	values := make([]string, len(starts))
	bounds := make([]any, 0, 3*len(starts))
	for i, d := range starts {
		values[i] = "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
		bounds = append(bounds, i, millis(d), millis(d.AddDate(0, 0, 1)))
	}
	if len(starts) == 0 {
		values, bounds = []string{"(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"}, []any{-1, 0, 0}
	}
	rows, err := q.query(ctx, `, day(i, lo, hi) AS (VALUES `+strings.Join(values, ", ")+`)
		SELECT day.i, sel.outcome, count(*), count(c.score), COALESCE(sum(c.score), 0)
		FROM sel JOIN day ON sel.created >= day.lo AND sel.created < day.hi
		LEFT JOIN csat c ON c.conversation_id = sel.conversation_id
		GROUP BY day.i, sel.outcome`, bounds...)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.Days = make([]los.Day, len(starts))
	for i, d := range starts {
		r.Days[i] = los.Day{Date: d, Outcomes: map[string]int{}}
	}
	sums := make([]int, len(starts))
	for rows.Next() {
		var i, n, answers, total int
		var outcome string
		if err := rows.Scan(&i, &outcome, &n, &answers, &total); err != nil {
			return err
		}
		d := &r.Days[i]
		d.Outcomes[outcome] += n
		d.Conversations += n
		d.CSATAnswers += answers
		sums[i] += total
	}
	for i := range r.Days {
		r.Days[i].CSATAverage = ratio(sums[i], r.Days[i].CSATAnswers)
	}
	return rows.Err()
}
