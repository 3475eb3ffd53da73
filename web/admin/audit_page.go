package admin

import (
	"bytes"
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
	Entries  []los.AuditEntry
	t        func(l los.Standard, key string, args ...any) string
}

func (p auditPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

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
	p.Filter = f
	if p.Entries, err = a.audit.AuditLog(c.Request().Context(), f); err != nil {
		return err
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
