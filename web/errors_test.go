package web_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/webtest"
)

// The one error mapper: typed errors become their status and the API's
// error body, with a text for people in their standard; other errors are
// logged once and shown as a generic text.
func TestErrorMapper(t *testing.T) {
	var logs bytes.Buffer
	s := web.New(web.Config{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	errs := map[string]error{
		"invalid":  &los.Error{Code: los.EINVALID, Message: "text is empty", Key: "error.empty"},
		"notfound": los.Errorf(los.ENOTFOUND, "no article %q", "x"),
		"limit":    &los.Error{Code: los.ELIMIT, Message: "too many"},
		"internal": errors.New("disk full at /var/lib/los"),
		"wrapped":  errors.Join(errors.New("context"), &los.Error{Code: los.ECONFLICT, Message: "saved since"}),
		"echo404":  echo.ErrNotFound,
	}
	s.Echo().GET("/fail/:name", func(c echo.Context) error { return errs[c.Param("name")] })
	s.Echo().GET("/event/:name", func(c echo.Context) error {
		status, body := s.ErrorResponse(c, errors.New("model server down at 10.0.0.7"))
		return c.JSON(status, body)
	})
	tests := []struct {
		path, lang  string
		status      int
		want, avoid []string
	}{
		{"/fail/invalid", "nn", 422, []string{`"code":"invalid"`, `"message":"text is empty"`, `"display":"`}, nil},
		{"/fail/notfound", "", 404, []string{`"code":"not_found"`, `no article \"x\"`}, nil},
		{"/fail/limit", "", 429, []string{`"code":"rate_limited"`}, nil},
		{"/fail/internal", "nn", 500, []string{`"code":"internal"`, "Noko gjekk gale"}, []string{"disk full"}},
		{"/fail/internal", "en", 500, []string{"Something went wrong"}, []string{"disk full"}},
		{"/fail/wrapped", "", 409, []string{`"code":"conflict"`}, nil},
		{"/fail/echo404", "", 404, []string{`"code":"not_found"`}, nil},
		{"/event/x", "nb", 500, []string{"Noe gikk galt"}, []string{"10.0.0.7"}},
	}
	for _, tt := range tests {
		rec := webtest.Do(s.Handler(), "GET", tt.path, "", "Accept-Language", tt.lang)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.path, rec.Code, tt.status, rec.Body)
		}
		for _, w := range tt.want {
			if !strings.Contains(rec.Body.String(), w) {
				t.Errorf("%s: missing %s in %s", tt.path, w, rec.Body)
			}
		}
		for _, a := range tt.avoid {
			if strings.Contains(rec.Body.String(), a) {
				t.Errorf("%s: %q must not reach the requester", tt.path, a)
			}
		}
	}
	// Each internal error is logged once, with what happened.
	if n := strings.Count(logs.String(), "internal error"); n != 3 || !strings.Contains(logs.String(), "disk full") {
		t.Errorf("logged %d internal errors:\n%s", n, logs.String())
	}
}
