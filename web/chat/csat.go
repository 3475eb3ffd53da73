package chat

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// postCSAT: POST /api/v1/conversations/:id/csat {"score": 1..5,
// "comment": "..."} stores the customer's satisfaction; a later answer
// replaces an earlier one. The comment is redacted like messages are.
func (a *api) postCSAT(c echo.Context) error {
	var req struct {
		Score   *int   `json:"score"`
		Comment string `json:"comment"`
	}
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Score == nil {
		return &los.Error{Code: los.EINVALID, Message: `body needs a "score" from 1 to 5`, Key: "error.csat_score"}
	}
	comment := strings.TrimSpace(req.Comment)
	if a.redactor != nil {
		comment = a.redactor.String(comment)
	}
	cs := &los.CSAT{ConversationID: conversationOf(c).ID, Score: *req.Score, Comment: comment}
	if err := a.store.SetCSAT(c.Request().Context(), cs); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}
