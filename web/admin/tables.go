package admin

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
)

// table is one of the dashboard's tables. The page and the CSV export
// are made from the same table, so they always agree.
type table struct {
	Name    string   // CSV name and text key: analytics.table.NAME
	Columns []string // CSV header and text keys: analytics.col.NAME
	Rows    [][]cell
}

// cell is a value as CSV holds it (Raw: dot decimals, no units) and as
// the page shows it (Text).
type cell struct {
	Raw, Text string
	Num       bool // align right
}

// formatter writes numbers for people in one written standard.
type formatter struct {
	l los.Standard
	t func(l los.Standard, key string, args ...any) string
}

func (a *analytics) formatter(l los.Standard) formatter { return formatter{l: l, t: a.web.Texts().T} }

func (f formatter) decimal(v float64, places int) string {
	s := strconv.FormatFloat(v, 'f', places, 64)
	if f.l != los.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (f formatter) count(n int) cell {
	return cell{Raw: strconv.Itoa(n), Text: strconv.Itoa(n), Num: true}
}

// rate is a fraction shown as a percentage.
func (f formatter) rate(v float64) cell {
	return cell{Raw: strconv.FormatFloat(v, 'f', 4, 64), Text: f.decimal(v*100, 1) + " %", Num: true}
}

// share is n of all as a percentage, "–" (and empty in CSV) when there is
// nothing to divide by: no share of nothing is 0 %.
func (f formatter) share(n, all int) cell {
	if all == 0 {
		return cell{Text: "–", Num: true}
	}
	return f.rate(float64(n) / float64(all))
}

func (f formatter) average(v float64, n int) cell {
	if n == 0 {
		return cell{Raw: "", Text: "–", Num: true}
	}
	return cell{Raw: strconv.FormatFloat(v, 'f', 2, 64), Text: f.decimal(v, 2), Num: true}
}

// millis shows a duration in milliseconds as seconds, or minutes when long.
func (f formatter) millis(v float64, n int) cell {
	c := cell{Raw: strconv.FormatFloat(v, 'f', 0, 64), Text: "–", Num: true}
	switch {
	case n == 0:
		c.Raw = ""
	case v >= 120_000:
		c.Text = f.decimal(v/60_000, 1) + " min"
	default:
		c.Text = f.decimal(v/1000, 2) + " s"
	}
	return c
}

func (f formatter) text(s string) cell { return cell{Raw: s, Text: s} }

// label is a text cell whose page text is looked up under prefix.
func (f formatter) label(prefix, raw string) cell {
	return cell{Raw: raw, Text: f.t(f.l, prefix+raw)}
}

// reason is a handoff reason in the words the desk shows agents
// ("Ønsker å snakke med et menneske"), never its code; one the texts do
// not know reads as the general "sent on to an agent".
func (f formatter) reason(raw string) cell {
	key := "agent.why." + raw
	if text := f.t(f.l, key); text != key {
		return cell{Raw: raw, Text: text}
	}
	return cell{Raw: raw, Text: f.t(f.l, "agent.why.other")}
}

// reportTables turns a report into the dashboard's tables.
func reportTables(r *los.Report, f formatter) []table {
	csat := map[string]los.CSATFigure{}
	for _, c := range r.CSAT {
		csat[c.Group] = c
	}
	summary := table{Name: "summary", Columns: []string{"metric", "value"}}
	add := func(metric string, v cell) {
		summary.Rows = append(summary.Rows, []cell{f.label("analytics.metric.", metric), v})
	}
	add("conversations", f.count(r.Conversations))
	add("confirmed_rate", f.share(r.Resolution[los.ResolutionConfirmed], r.Conversations))
	add("assumed_rate", f.share(r.Resolution[los.ResolutionAssumed], r.Conversations))
	add("not_resolved_rate", f.share(r.Resolution[los.ResolutionNotResolved], r.Conversations))
	add("pending", f.count(r.Resolution[los.ResolutionPending]))
	add("handoff_rate", f.share(r.Outcomes[los.OutcomeHandedOver]+r.Outcomes[los.OutcomeCalledBack], r.Conversations))
	add("no_answer_rate", f.share(r.NoAnswers, r.BotAnswers))
	add("csat_bot", f.average(csat["bot"].Average, csat["bot"].Answers))
	add("csat_human", f.average(csat["human"].Average, csat["human"].Answers))
	add("first_token_median_ms", f.millis(r.FirstToken.Median, r.FirstToken.Count))
	add("first_token_p90_ms", f.millis(r.FirstToken.P90, r.FirstToken.Count))
	add("waiting_median_ms", f.millis(r.Waiting.Median, r.Waiting.Count))
	add("waiting_p90_ms", f.millis(r.Waiting.P90, r.Waiting.Count))
	add("unclaimed", f.count(r.Unclaimed))

	// What became of the questions, side by side: never one number that
	// counts silence as success.
	resolution := table{Name: "resolution", Columns: []string{"resolution", "conversations", "share"}}
	if r.Conversations > 0 {
		for _, o := range los.ResolutionNames {
			n := r.Resolution[o]
			resolution.Rows = append(resolution.Rows, []cell{f.label("analytics.resolution.", o), f.count(n), f.share(n, r.Conversations)})
		}
	}

	handoffs := table{Name: "handoffs", Columns: []string{"category", "reason", "conversations", "share"}}
	for _, h := range r.Handoffs {
		cat := f.text(h.Category)
		if los.Category(h.Category).Valid() {
			cat = f.label("analytics.category.", h.Category)
		}
		handoffs.Rows = append(handoffs.Rows, []cell{cat, f.reason(h.Reason), f.count(h.Count), f.rate(h.Share)})
	}

	satisfaction := table{Name: "csat", Columns: []string{"group", "answers", "average", "satisfied"}}
	for _, c := range r.CSAT {
		satisfaction.Rows = append(satisfaction.Rows, []cell{f.label("analytics.group.", c.Group), f.count(c.Answers),
			f.average(c.Average, c.Answers), f.share(c.Satisfied, c.Answers)})
	}

	articles := table{Name: "articles", Columns: []string{"article", "title", "helpful", "unhelpful"}}
	for _, a := range r.Articles {
		articles.Rows = append(articles.Rows, []cell{f.text(a.Slug), f.text(a.Title), f.count(a.Up), f.count(a.Down)})
	}

	latency := table{Name: "latency", Columns: []string{"measure", "count", "median_ms", "p90_ms"}}
	for _, l := range []struct {
		name string
		v    los.Latency
	}{{"first_token", r.FirstToken}, {"waiting", r.Waiting}} {
		latency.Rows = append(latency.Rows, []cell{f.label("analytics.measure.", l.name), f.count(l.v.Count),
			f.millis(l.v.Median, l.v.Count), f.millis(l.v.P90, l.v.Count)})
	}

	// The days with conversations; a quiet day is not a row of zeros.
	days := table{Name: "days", Columns: append(append([]string{"date", "conversations"}, los.ResolutionNames...), "csat_answers", "csat_average")}
	for _, d := range r.Days {
		if d.Conversations == 0 {
			continue
		}
		row := []cell{f.text(d.Date.Format(time.DateOnly)), f.count(d.Conversations)}
		for _, o := range los.ResolutionNames {
			row = append(row, f.count(d.Resolution[o]))
		}
		row = append(row, f.count(d.CSATAnswers), f.average(d.CSATAverage, d.CSATAnswers))
		days.Rows = append(days.Rows, row)
	}
	return []table{summary, resolution, handoffs, satisfaction, articles, latency, days}
}

// writeCSV sends one table as a CSV download.
func writeCSV(c echo.Context, tables []table, name string, p los.Period) error {
	for _, t := range tables {
		if t.Name != name {
			continue
		}
		var sb strings.Builder
		w := csv.NewWriter(&sb)
		w.Write(t.Columns)
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for i, c := range row {
				rec[i] = c.Raw
				if !c.Num {
					rec[i] = defuse(c.Raw)
				}
			}
			w.Write(rec)
		}
		w.Flush()
		file := fmt.Sprintf("los-%s-%s-%s.csv", t.Name, p.From.Format(time.DateOnly), p.To.AddDate(0, 0, -1).Format(time.DateOnly))
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+file+`"`)
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte(sb.String()))
	}
	return los.Errorf(los.ENOTFOUND, "no table %q; tables: summary, outcomes, handoffs, csat, articles, latency, days", name)
}

// defuse keeps spreadsheets from running a text cell as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
