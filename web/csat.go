package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
)

// postCSAT: POST /api/v1/conversations/:id/csat {"score": 1..5,
// "comment": "..."} stores the customer's satisfaction; a later answer
// replaces an earlier one. The comment is redacted like messages are.
func (s *Server) postCSAT(c echo.Context) error {
	var req struct {
		Score   *int   `json:"score"`
		Comment string `json:"comment"`
	}
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Score == nil {
		return &los.Error{Code: los.EINVALID, Message: `body needs a "score" from 1 to 5`, Key: "error.csat_score"}
	}
	comment := strings.TrimSpace(req.Comment)
	if s.Redactor != nil {
		comment = s.Redactor.String(comment)
	}
	cs := &los.CSAT{ConversationID: conversationOf(c).ID, Score: *req.Score, Comment: comment}
	if err := s.DB.SetCSAT(c.Request().Context(), cs); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}
