package admin

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

var auditTmpl = template.Must(template.ParseFS(analyticsFS, "templates/audit.html", "templates/top.html"))

// auditPage is what the audit template sees.
type auditPage struct {
	Lang     los.Standard
	Email    string
	CSRF     string
	CSS      string
	From, To string
	Filter   los.AuditFilter
	All      bool // every request, page views too; else the actions
	Rows     []auditRow
	t        func(l los.Standard, key string, args ...any) string
}

// auditRow is one entry as the page tells it: a sentence, with the HTTP
// request behind a toggle.
type auditRow struct {
	At   time.Time
	Role string
	Text string
	HTTP string
}

func (p auditPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// role names an entry's role in the page's language ("Redaktør"), never
// its code; a role the texts do not know is shown as it is stored.
func (p auditPage) role(r string) string {
	key := "audit.role." + r
	if text := p.T(key); text != key {
		return text
	}
	return r
}

// TitleKey names the page's title text.
func (auditPage) TitleKey() string { return "audit.title" }

// When shows a time in Oslo.
func (p auditPage) When(t time.Time) string { return t.In(web.Oslo).Format("2006-01-02 15:04:05") }

// auditLogPage shows admins the audit log with a filter form; the
// same filters as GET /api/v1/audit.
func (a *analytics) auditLogPage(c echo.Context) error {
	p := auditPage{Lang: web.RequestLang(c), CSS: adminAssets.URL("analytics.css"), t: a.web.Texts().T,
		From: c.QueryParam("from"), To: c.QueryParam("to")}
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	if !f.To.IsZero() && len(p.To) == len(time.DateOnly) {
		f.To = f.To.AddDate(0, 0, 1) // the "to" day is included
	}
	// The actions: what changed, and the reads of customers' conversations
	// and of the whole knowledge base; page views left out.
	p.All = c.QueryParam("view") == "all"
	if !p.All {
		f.Changes, f.Reads = true, auditReads
	}
	p.Filter = f
	entries, err := a.audit.AuditLog(c.Request().Context(), f)
	if err != nil {
		return err
	}
	for _, e := range entries {
		http := e.Method + " " + e.Route
		if e.Target != "" {
			http += " · " + e.Target
		}
		p.Rows = append(p.Rows, auditRow{At: e.At, Role: p.role(e.Role), Text: describe(e, p.Lang, p.t), HTTP: fmt.Sprintf("%s · %d", http, e.Status)})
	}
	if u := web.UserFrom(c); u != nil {
		p.Email = u.Email
	}
	if sess := web.SessionFrom(c); sess != nil {
		p.CSRF = sess.CSRF
	}
	var buf bytes.Buffer
	if err := auditTmpl.Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}
