package admin

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// events: GET /api/v1/agent/events?after=ID&limit=N lists the outbox, for
// admins.
func (in *integrations) events(c echo.Context) error {
	after, _ := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	limit, err := strconv.Atoi(c.QueryParam("limit"))
	if err != nil || limit <= 0 || limit > 500 {
		limit = 100
	}
	evs, err := in.outbox.Events(c.Request().Context(), after, limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": evs})
}
