package agent

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// Copilot helps the agent answer: the knowledge base's best passages for
// the customer's last message, and a reply the model drafts from them.
// The bot is one.
type Copilot interface {
	Suggest(ctx context.Context, text string, l los.Standard, n int) ([]los.Source, error)
	Draft(ctx context.Context, l los.Standard, transcript []los.Message, sources []los.Source) (string, error)
}

// suggestionCount is how many articles the desk suggests.
const suggestionCount = 3

type suggestionJSON struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Heading  string `json:"heading,omitempty"`
	URL      string `json:"url"`
	Text     string `json:"text"`
	Relevant bool   `json:"relevant"`
}

type suggestionsJSON struct {
	// For is the customer's message the suggestions answer; "" when they
	// have written nothing.
	For   string           `json:"for"`
	Items []suggestionJSON `json:"items"`
}

// suggest finds the passages for the customer's last message in a
// handed-over conversation, with the transcript and standard.
func (d *desk) suggest(ctx context.Context, id string) (los.Standard, []los.Message, string, []los.Source, error) {
	conv, err := d.store.Conversation(ctx, id)
	if err != nil {
		return "", nil, "", nil, err
	}
	if _, err := d.store.LatestHandoff(ctx, id); err != nil {
		return "", nil, "", nil, err
	}
	msgs, err := d.store.Messages(ctx, id)
	if err != nil {
		return "", nil, "", nil, err
	}
	l := conv.Lang
	if l == "" {
		l = los.Bokmal
	}
	var last string
	for _, m := range msgs {
		if m.Role == los.RoleCustomer {
			last = m.Text
		}
	}
	sources, err := d.copilot.Suggest(ctx, last, l, suggestionCount)
	return l, msgs, last, sources, err
}

// suggestions: GET .../conversations/:id/suggestions.
func (d *desk) suggestions(c echo.Context) error {
	_, _, last, sources, err := d.suggest(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	out := suggestionsJSON{For: clipWords(last, 140), Items: []suggestionJSON{}}
	for _, s := range sources {
		url := "/artikler/" + s.Slug
		if s.Anchor != "" {
			url += "#" + s.Anchor
		}
		out.Items = append(out.Items, suggestionJSON{Slug: s.Slug, Title: s.Title, Heading: s.Heading, URL: url,
			Text: clipWords(s.Text, 420), Relevant: s.Relevant})
	}
	return c.JSON(http.StatusOK, out)
}

// draft: POST .../conversations/:id/draft has the model write a reply
// for the agent holding the conversation to read, edit and send.
func (d *desk) draft(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := d.store.LatestHandoff(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if h.Status != "claimed" || h.ClaimedBy != web.UserFrom(c).Email {
		return los.Errorf(los.ECONFLICT, "take the conversation before you draft a reply")
	}
	l, msgs, _, sources, err := d.suggest(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	text, err := d.copilot.Draft(ctx, l, msgs, sources)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"text": text})
}
