package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/metrics"
)

// testMetricsToken is the LOS_METRICS_TOKEN of newAnalyticsEnv.
const testMetricsToken = "prometheus-0123456789abcdef"

// newAnalyticsEnv is newDeskEnv with metrics, readable with
// testMetricsToken.
func newAnalyticsEnv(t *testing.T) *deskEnv {
	t.Helper()
	return newMetricsEnv(t, testMetricsToken)
}

// newMetricsEnv is newDeskEnv with metrics and the metrics token token
// ("" for none).
func newMetricsEnv(t *testing.T, token string) *deskEnv {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 11, 13, 12, 0, 0, 0, time.UTC)}
	m := metrics.New()
	st := newTestStack(t, stackOptions{noIndex: true, clock: clock.now,
		users: map[string]auth.Role{"kari@example.no": auth.RoleAgent, "ada@example.no": auth.RoleAdmin},
		bot:   func(c *bot.Config) { c.Retriever, c.Triager, c.Observer = oneSource{}, testTriager, m },
		deps:  func(d *siteDeps) { d.Metrics, d.MetricsToken = m, token }})
	return &deskEnv{srv: st.srv, db: st.db, clock: clock, web: st.web}
}

// seedDashboard stores four conversations from 10 to 12 November 2026:
// one resolved, two abandoned, one handed over and claimed after 90 s.
func seedDashboard(t *testing.T, e *deskEnv) {
	t.Helper()
	ctx := context.Background()
	at := func(d, h, m, s int) time.Time { return time.Date(2026, 11, d, h, m, s, 0, time.UTC) }
	type conv struct {
		id      string
		l       los.Standard
		start   time.Time
		reply   los.Message
		rating  int
		handoff bool
		csat    int
	}
	for _, c := range []conv{
		{id: "c1", l: los.Bokmal, start: at(10, 10, 0, 0), rating: 1, csat: 5,
			reply: los.Message{Mode: los.ModeGenerated, Action: los.ActionAnswer, Citations: []string{"faktura"}, FirstTokenMS: 100}},
		{id: "c2", l: los.Bokmal, start: at(10, 11, 0, 0),
			reply: los.Message{Mode: los.ModeExtractive, Action: los.ActionOfferHandoff, NoAnswer: true}},
		{id: "c3", l: los.Nynorsk, start: at(11, 10, 0, 0), handoff: true, csat: 2,
			reply: los.Message{Mode: los.ModeExtractive, Action: los.ActionHandoffNow, Category: los.CategoryBereavement}},
		{id: "c4", l: los.Bokmal, start: at(12, 10, 0, 0), rating: -1,
			reply: los.Message{Mode: los.ModeGenerated, Action: los.ActionAnswer, Citations: []string{"flytting"}, FirstTokenMS: 300}},
	} {
		e.clock.set(c.start)
		bc := &los.Conversation{ID: c.id, TokenHash: []byte{1}, Lang: c.l}
		if err := e.db.CreateConversation(ctx, bc); err != nil {
			t.Fatal(err)
		}
		customer := &los.Message{ConversationID: c.id, Role: los.RoleCustomer, Text: "hei", Created: c.start}
		reply := c.reply
		reply.ConversationID, reply.Role, reply.Text, reply.Created = c.id, los.RoleBot, "svar", c.start
		if err := e.db.AddTurn(ctx, customer, &reply); err != nil {
			t.Fatal(err)
		}
		if c.rating != 0 {
			if err := e.db.RateMessage(ctx, c.id, reply.ID, c.rating); err != nil {
				t.Fatal(err)
			}
		}
		if c.handoff {
			tri := los.Triage{Category: reply.Category, Severity: reply.Category.Severity(), Action: los.ActionHandoffNow}
			if err := e.db.RequestHandoff(ctx, bc, bot.NewHandoff(bc, tri, nil)); err != nil {
				t.Fatal(err)
			}
			e.clock.add(90 * time.Second)
			if _, err := e.db.Claim(ctx, c.id, "kari@example.no", "Kari har tatt over."); err != nil {
				t.Fatal(err)
			}
		}
		if c.csat != 0 {
			if err := e.db.SetCSAT(ctx, &los.CSAT{ConversationID: c.id, Score: c.csat}); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.clock.set(at(13, 12, 0, 0))
}

const period = "from=2026-11-10&to=2026-11-12"

func TestAnalyticsCSV(t *testing.T) {
	e := newAnalyticsEnv(t)
	seedDashboard(t, e)
	admin := e.login(t, "ada@example.no")
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{name: "summary", query: period + "&table=summary", want: `metric,value
conversations,4
confirmed_rate,0.2500
assumed_rate,0.0000
not_resolved_rate,0.5000
pending,0
handoff_rate,0.2500
no_answer_rate,0.3333
csat_bot,5.00
csat_human,2.00
first_token_median_ms,100
first_token_p90_ms,300
waiting_median_ms,90000
waiting_p90_ms,90000
unclaimed,0
`},
		{name: "resolution", query: period + "&table=resolution", want: `resolution,conversations,share
confirmed,1,0.2500
assumed,0,0.0000
pending,0,0.0000
not_resolved,2,0.5000
handed_over,1,0.2500
`},
		{name: "handoffs", query: period + "&table=handoffs", want: `category,reason,conversations,share
bereavement,bereavement,1,0.2500
`},
		{name: "csat", query: period + "&table=csat", want: `group,answers,average,satisfied
bot,1,5.00,1.0000
human,1,2.00,0.0000
`},
		{name: "articles", query: period + "&table=articles", want: `article,title,helpful,unhelpful
flytting,,0,1
faktura,,1,0
`},
		{name: "latency", query: period + "&table=latency", want: `measure,count,median_ms,p90_ms
first_token,2,100,300
waiting,1,90000,90000
`},
		{name: "days", query: period + "&table=days", want: `date,conversations,confirmed,assumed,pending,not_resolved,handed_over,csat_answers,csat_average
2026-11-10,2,1,0,0,1,0,1,5.00
2026-11-11,1,0,0,0,0,1,1,2.00
2026-11-12,1,0,0,0,1,0,0,
`},
		// Quiet days are no rows of zeros.
		{name: "days of a longer period", query: "from=2026-10-14&to=2026-11-12&table=days", want: `date,conversations,confirmed,assumed,pending,not_resolved,handed_over,csat_answers,csat_average
2026-11-10,2,1,0,0,1,0,1,5.00
2026-11-11,1,0,0,0,0,1,1,2.00
2026-11-12,1,0,0,0,1,0,0,
`},
		{name: "nynorsk only", query: period + "&standard=nn&table=resolution", want: `resolution,conversations,share
confirmed,0,0.0000
assumed,0,0.0000
pending,0,0.0000
not_resolved,0,0.0000
handed_over,1,1.0000
`},
		// Nothing in the period: no share of nothing, no rows.
		{name: "empty period", query: "from=2026-10-01&to=2026-10-05&table=summary", want: `metric,value
conversations,0
confirmed_rate,
assumed_rate,
not_resolved_rate,
pending,0
handoff_rate,
no_answer_rate,
csat_bot,
csat_human,
first_token_median_ms,
first_token_p90_ms,
waiting_median_ms,
waiting_p90_ms,
unclaimed,0
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := admin.do("GET", "/admin/analytics?format=csv&"+tt.query, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
				t.Errorf("content type = %q", ct)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || strings.HasPrefix(tt.query, period) && !strings.Contains(cd, "2026-11-10-2026-11-12") {
				t.Errorf("content disposition = %q", cd)
			}
			if got := strings.ReplaceAll(body, "\r\n", "\n"); got != tt.want {
				t.Errorf("CSV:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestAnalyticsDashboard(t *testing.T) {
	e := newAnalyticsEnv(t)
	seedDashboard(t, e)
	admin := e.login(t, "ada@example.no")
	resp, page := admin.do("GET", "/admin/analytics?lang=nb&"+period, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, page)
	}
	tests := []struct {
		name string
		want string
	}{
		{"conversations", `data-metric="conversations">4<`},
		{"confirmed", `data-metric="confirmed_rate">25,0 %<`},
		{"assumed", `data-metric="assumed_rate">0,0 %<`},
		{"not resolved", `data-metric="not_resolved_rate">50,0 %<`},
		{"definitions", `<dt>Antatt løst</dt><dd>Boten svarte fra kunnskapsbasen`},
		{"handoff rate", `data-metric="handoff_rate">25,0 %<`},
		{"no answer rate", `data-metric="no_answer_rate">33,3 %<`},
		{"csat bot", `data-metric="csat_bot">5,00<`},
		{"csat human", `data-metric="csat_human">2,00<`},
		{"first token median", `data-metric="first_token_median_ms">0,10 s<`},
		{"first token p90", `data-metric="first_token_p90_ms">0,30 s<`},
		{"waiting median", `data-metric="waiting_median_ms">90,00 s<`},
		{"handoff row", `<td>Dødsfall</td><td>Dødsfall i familien</td><td class="num">1</td><td class="num">25,0 %</td>`},
		{"article row", `<td>flytting</td><td></td><td class="num">0</td><td class="num">1</td>`},
		{"day row", `<td>2026-11-10</td><td class="num">2</td><td class="num">1</td>`},
		{"confirmed bars", `<rect class="bar r-confirmed"`},
		{"not resolved bars", `<rect class="bar r-not_resolved"`},
		{"resolution line", `<path class="line" d="M`},
		{"csv link", `href="/admin/analytics?format=csv&amp;from=2026-11-10&amp;table=days&amp;to=2026-11-12"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(page, tt.want) {
				t.Errorf("page lacks %s", tt.want)
			}
		})
	}
	if n := strings.Count(page, "<svg "); n != 3 {
		t.Errorf("%d charts, want 3", n)
	}
	if strings.Contains(page, "style=") || strings.Contains(page, "<script") {
		t.Error("page has inline style or script, which the CSP blocks")
	}
	if strings.Contains(page, "Løst av boten") {
		t.Error("the page still counts silence as success")
	}
	// A period without conversations says so, instead of empty charts and
	// rates of nothing.
	_, page = admin.do("GET", "/admin/analytics?lang=nb&from=2026-10-01&to=2026-10-05", "")
	for _, want := range []string{"Ingen samtaler i perioden.", `data-metric="confirmed_rate">–<`} {
		if !strings.Contains(page, want) {
			t.Errorf("empty period lacks %s", want)
		}
	}
	if strings.Count(page, "<svg ") != 0 {
		t.Error("empty period draws charts")
	}
}

func TestAnalyticsAccess(t *testing.T) {
	e := newAnalyticsEnv(t)
	tests := []struct {
		name     string
		who      string
		query    string
		status   int
		location string
	}{
		{name: "signed out goes to sign-in", query: "", status: http.StatusSeeOther, location: "/agent/login?next=%2Fadmin%2Fanalytics"},
		{name: "agent is refused", who: "kari@example.no", status: http.StatusForbidden},
		{name: "admin sees it", who: "ada@example.no", status: http.StatusOK},
		{name: "bad date", who: "ada@example.no", query: "?from=10.11.2026", status: http.StatusUnprocessableEntity},
		{name: "backwards period", who: "ada@example.no", query: "?from=2026-11-12&to=2026-11-10", status: http.StatusUnprocessableEntity},
		{name: "unknown standard", who: "ada@example.no", query: "?standard=sv", status: http.StatusUnprocessableEntity},
		{name: "unknown table", who: "ada@example.no", query: "?format=csv&table=nope", status: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := e.browser(t)
			if tt.who != "" {
				b = e.login(t, tt.who)
			}
			resp, body := b.do("GET", "/admin/analytics"+tt.query, "")
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if loc := resp.Header.Get("Location"); loc != tt.location {
				t.Errorf("location %q, want %q", loc, tt.location)
			}
		})
	}
}
