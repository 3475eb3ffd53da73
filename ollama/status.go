package ollama

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// checkTimeout bounds Check: a readiness probe must answer quickly even when
// Ollama hangs.
const checkTimeout = 3 * time.Second

// Status is what Los knows about its Ollama server.
type Status struct {
	Reachable bool
	URL       string // the server's base URL; known when it is unreachable
	Version   string // the server's version, when it reports one
	Chat      ModelState
	Embed     ModelState // Name is empty when no embedding model is configured
	Err       error      // why the server or its model list could not be read
}

// Ready reports whether Ollama answers and has every configured model.
func (s Status) Ready() bool {
	return s.Err == nil && s.Reachable && len(s.Missing()) == 0
}

// Missing lists the configured models the server does not have.
func (s Status) Missing() []string {
	var out []string
	for _, m := range []ModelState{s.Chat, s.Embed} {
		if m.Name != "" && !m.Present && !contains(out, m.Name) {
			out = append(out, m.Name)
		}
	}
	return out
}

// Message is a one-line summary for an operator, saying what to do when
// something is wrong.
func (s Status) Message() string {
	if s.Err != nil {
		return "degraded: " + s.Err.Error()
	}
	if !s.Reachable {
		return "degraded: Ollama not checked"
	}
	if missing := s.Missing(); len(missing) > 0 {
		var what, pulls []string
		for _, name := range missing {
			what = append(what, fmt.Sprintf("%s model %q", s.role(name), name))
			pulls = append(pulls, strconv.Quote("ollama pull "+name))
		}
		return fmt.Sprintf("degraded: %s missing: run %s or \"los models pull\"",
			strings.Join(what, " and "), strings.Join(pulls, " and "))
	}
	version := ""
	if s.Version != "" {
		version = " " + s.Version
	}
	if s.Embed.Name == "" || SameModel(s.Embed.Name, s.Chat.Name) {
		return fmt.Sprintf("ok: Ollama%s with model %q", version, s.Chat.Name)
	}
	return fmt.Sprintf("ok: Ollama%s with chat model %q and embedding model %q", version, s.Chat.Name, s.Embed.Name)
}

func (s Status) String() string { return s.Message() }

func (s Status) role(name string) string {
	chat := s.Chat.Name != "" && SameModel(name, s.Chat.Name)
	embed := s.Embed.Name != "" && SameModel(name, s.Embed.Name)
	switch {
	case chat && embed:
		return "chat and embedding"
	case chat:
		return "chat"
	default:
		return "embedding"
	}
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if SameModel(n, name) {
			return true
		}
	}
	return false
}

// Check asks the Ollama server, within a few seconds, whether it answers,
// which version it runs and whether it has chatModel and embedModel (either
// may be empty: not configured). It never fails; the Status says what is
// wrong.
func Check(ctx context.Context, c *api.Client, chatModel, embedModel string) Status {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	st := Status{
		Chat:  ModelState{Name: chatModel, Configured: chatModel != ""},
		Embed: ModelState{Name: embedModel, Configured: embedModel != ""},
	}
	if err := c.Heartbeat(ctx); err != nil {
		st.Err = unreachable(err)
		st.URL = serverURL(err)
		return st
	}
	st.Reachable = true
	if v, err := c.Version(ctx); err == nil {
		st.Version = v
	}
	models, err := List(ctx, c, []string{chatModel, embedModel})
	if err != nil {
		st.Err = err
		return st
	}
	for _, m := range models {
		if m.Configured && SameModel(m.Name, chatModel) {
			st.Chat = m
		}
		if m.Configured && SameModel(m.Name, embedModel) {
			st.Embed = m
		}
	}
	return st
}
