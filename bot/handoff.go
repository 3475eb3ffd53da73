package bot

import (
	"fmt"
	"strings"

	"github.com/los-bot/los"
)

// NewHandoff builds the handoff record for a triage decision, with an
// extractive summary of the transcript for the agent.
func NewHandoff(conv *los.Conversation, t los.Triage, transcript []los.Message) *los.Handoff {
	return &los.Handoff{
		ConversationID: conv.ID,
		Category:       t.Category,
		Severity:       t.Category.Severity(),
		Reason:         Reason(t),
		Signals:        t.Signals,
		Summary:        Summarize(transcript, t),
		Status:         "waiting",
	}
}

// Reason says in a line why a conversation was handed over.
func Reason(t los.Triage) string {
	if t.Category == los.CategoryNone {
		for _, s := range t.Signals {
			if strings.HasPrefix(s, "conversation:") || strings.HasPrefix(s, "retrieval:") {
				return s
			}
		}
		return "customer asked for a person"
	}
	return string(t.Category)
}

// Summarize writes what the customer asked, what the bot answered and what
// it detected, so the agent can pick up without asking again.
func Summarize(transcript []los.Message, t los.Triage) string {
	var asked []string
	var lastBot string
	for _, m := range transcript {
		switch m.Role {
		case los.RoleCustomer:
			asked = append(asked, clip(m.Text, 200))
		case los.RoleBot:
			lastBot = clip(m.Text, 200)
		}
	}
	if len(asked) > 3 {
		asked = asked[len(asked)-3:]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kunden skrev: %s\n", strings.Join(asked, " / "))
	if lastBot != "" {
		fmt.Fprintf(&b, "Los svarte: %s\n", lastBot)
	}
	b.WriteString(detected(t))
	return b.String()
}

// detected says what the code found, for agents.
func detected(t los.Triage) string {
	s := fmt.Sprintf("Oppdaget: %s (%s)", t.Category, t.Category.Severity())
	if len(t.Signals) > 0 {
		s += "; signaler: " + strings.Join(t.Signals, ", ")
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
