package redact

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// recordingTriager records what it was given.
type recordingTriager struct {
	text    string
	earlier []string
}

func (r *recordingTriager) Classify(_ context.Context, text string) los.Triage {
	r.text, r.earlier = text, nil
	return los.Triage{Category: los.CategoryNone}
}

// contextTriager also reads a message in its conversation.
type contextTriager struct{ recordingTriager }

func (c *contextTriager) ClassifyInContext(_ context.Context, text string, earlier []string) los.Triage {
	c.text, c.earlier = text, earlier
	return los.Triage{Category: los.CategoryHumanRequest}
}

// TestTriagerInContext: the conversation reaches a Next that reads one,
// every message redacted; a Next that does not gets the message alone.
func TestTriagerInContext(t *testing.T) {
	const mail = "ola@example.com"
	earlier := []string{"Skriv til " + mail, "Når kommer montøren?"}
	ct := &contextTriager{}
	got := Triager{Next: ct, Redactor: New(Email)}.ClassifyInContext(context.Background(), "Han har "+mail, earlier)
	if got.Category != los.CategoryHumanRequest || len(ct.earlier) != 2 {
		t.Fatalf("got %s with %d earlier messages, want Next's ClassifyInContext with 2", got.Category, len(ct.earlier))
	}
	for _, s := range append([]string{ct.text}, ct.earlier...) {
		if strings.Contains(s, mail) {
			t.Errorf("%q reached the classifier unredacted", s)
		}
	}
	if !slices.Equal(earlier, []string{"Skriv til " + mail, "Når kommer montøren?"}) {
		t.Errorf("the caller's slice was changed: %q", earlier)
	}
	plain := &recordingTriager{}
	Triager{Next: plain, Redactor: New(Email)}.ClassifyInContext(context.Background(), "Han har "+mail, earlier)
	if plain.text != "Han har "+Email.Placeholder() || plain.earlier != nil {
		t.Errorf("plain Next got %q, %q; want the redacted message alone", plain.text, plain.earlier)
	}
}
