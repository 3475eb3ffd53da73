package admin

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// Canned are the canned responses agents insert in the desk.
type Canned interface {
	CannedResponses(ctx context.Context, l los.Standard) ([]los.CannedResponse, error)
	SaveCannedResponse(ctx context.Context, c *los.CannedResponse, author string) error
	DeleteCannedResponse(ctx context.Context, id int64) error
}

var cannedTmpl = template.Must(template.ParseFS(analyticsFS, "templates/canned.html", "templates/top.html"))

// cannedPages is the page where administrators write canned responses:
// plain forms, no script.
type cannedPages struct {
	web    *web.Server
	canned Canned
}

// cannedPage is what the template sees.
type cannedPage struct {
	Lang      los.Standard
	Email     string
	CSRF      string
	CSS       string
	Standards []los.Standard
	Items     []los.CannedResponse
	Edit      los.CannedResponse // the form's contents
	Notice    string             // what just happened
	Error     string

	t func(l los.Standard, key string, args ...any) string
}

func (p cannedPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// TitleKey names the page's title text.
func (cannedPage) TitleKey() string { return "canned.title" }

// page lists the canned responses; ?edit=ID fills the form with one.
func (cp *cannedPages) page(c echo.Context) error {
	p := cp.newPage(c)
	switch c.QueryParam("done") {
	case "saved", "deleted":
		p.Notice = p.T("canned." + c.QueryParam("done"))
	}
	if id, err := strconv.ParseInt(c.QueryParam("edit"), 10, 64); err == nil {
		for _, it := range p.Items {
			if it.ID == id {
				p.Edit = it
			}
		}
	}
	return cp.render(c, http.StatusOK, p)
}

func (cp *cannedPages) newPage(c echo.Context) cannedPage {
	p := cannedPage{Lang: web.RequestLang(c), CSS: adminAssets.URL("analytics.css"), Standards: los.Standards, t: cp.web.Texts().T}
	p.Edit.Lang = p.Lang
	if u := web.UserFrom(c); u != nil {
		p.Email = u.Email
	}
	if sess := web.SessionFrom(c); sess != nil {
		p.CSRF = sess.CSRF
	}
	return p
}

func (cp *cannedPages) render(c echo.Context, status int, p cannedPage) error {
	var err error
	if p.Items, err = cp.canned.CannedResponses(c.Request().Context(), ""); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cannedTmpl.Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

// save stores the form (a new response when it has no ID) and goes back
// to the list; a refused one is shown again in the form with why.
func (cp *cannedPages) save(c echo.Context) error {
	r := los.CannedResponse{Lang: los.Standard(c.FormValue("lang")), Title: c.FormValue("title"), Body: c.FormValue("body")}
	if v := c.FormValue("id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return los.Errorf(los.ENOTFOUND, "no canned response %q", v)
		}
		r.ID = id
	}
	if err := cp.canned.SaveCannedResponse(c.Request().Context(), &r, web.UserFrom(c).Email); err != nil {
		var le *los.Error
		if !errors.As(err, &le) || le.Key == "" {
			return err
		}
		p := cp.newPage(c)
		p.Edit, p.Error = r, p.T(le.Key)
		return cp.render(c, http.StatusUnprocessableEntity, p)
	}
	return cp.back(c, "saved")
}

// remove deletes one response.
func (cp *cannedPages) remove(c echo.Context) error {
	id, err := pathID(c, "cid")
	if err != nil {
		return err
	}
	if err := cp.canned.DeleteCannedResponse(c.Request().Context(), id); err != nil {
		return err
	}
	return cp.back(c, "deleted")
}

func (cp *cannedPages) back(c echo.Context, done string) error {
	q := url.Values{"done": {done}, "lang": {string(web.RequestLang(c))}}
	return c.Redirect(http.StatusSeeOther, "/admin/canned?"+q.Encode())
}
