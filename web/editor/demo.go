package editor

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web"
)

// Demo removes the built-in demo knowledge base's articles that are still
// exactly as shipped (see store.DB.RemoveUnchanged); nil: the editor does
// not offer it.
type Demo interface {
	RemoveUnchanged(ctx context.Context, articles []kb.Article, author string) (removed, changed []string, err error)
	WouldRemoveUnchanged(ctx context.Context, articles []kb.Article) (removed, changed []string, err error)
}

// demoJSON says what removing the demo articles would do, or did:
// Removable (Removed) are still as shipped and go to the bin, Changed
// were changed by someone and stay.
type demoJSON struct {
	Removable []string `json:"removable"`
	Removed   []string `json:"removed"`
	Changed   []string `json:"changed"`
	Total     int      `json:"total"` // articles in the demo
}

// demoPlan: GET /api/v1/editor/demo says which demo articles removing
// them would take away and which it would keep.
func (ed *editor) demoPlan(c echo.Context) error {
	demo, err := kb.Demo()
	if err != nil {
		return err
	}
	removable, changed, err := ed.demo.WouldRemoveUnchanged(c.Request().Context(), demo)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, demoJSON{Removable: orEmpty(removable), Removed: []string{}, Changed: orEmpty(changed), Total: len(demo)})
}

// removeDemo: POST /api/v1/editor/demo/remove moves the demo articles
// still as shipped to the bin and takes them out of search; those someone
// changed stay, and are listed.
func (ed *editor) removeDemo(c echo.Context) error {
	demo, err := kb.Demo()
	if err != nil {
		return err
	}
	var removed, changed []string
	err = ed.change(c.Request().Context(), func() ([]string, error) {
		var err error
		removed, changed, err = ed.demo.RemoveUnchanged(c.Request().Context(), demo, editorName(c))
		return removed, err
	})
	if err != nil {
		return err
	}
	web.AuditDetail(c, "count", strconv.Itoa(len(removed)))
	return c.JSON(http.StatusOK, demoJSON{Removable: []string{}, Removed: orEmpty(removed), Changed: orEmpty(changed), Total: len(demo)})
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
