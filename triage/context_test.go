package triage

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// TestClassifyIn reads messages in their conversation: pronouns of a
// message in a conversation about a service matter stand for the device
// or the installer it named; a conversation naming someone close, or with
// anything sensitive in it, is not used.
func TestClassifyIn(t *testing.T) {
	fibre := Conversation{Earlier: []string{"Hei! Når kommer montøren for å installere fiber hos meg?"}}
	fibreNn := Conversation{Earlier: []string{"Kva tid kjem montøren for å leggje inn fiber?"}}
	router := Conversation{Topic: "Omstart av ruteren"}
	partner := Conversation{Earlier: []string{"Samboeren min har flyttet ut, men strømmen står på ham."}}
	sensitive := Conversation{Earlier: []string{"Jeg er livredd for eksen min, han har truet meg før."}}
	tests := []struct {
		name   string
		conv   Conversation
		text   string
		alone  los.Category // Classify
		want   los.Category // ClassifyIn
		signal string       // present in ClassifyIn's signals, by prefix
	}{
		{"installer knows the address", fibre, "Han vet hvor jeg bor, men finner han fram?", los.CategoryViolence, los.CategoryNone, "context:han=montøren"},
		{"afraid he will not come", fibre, "Jeg er redd han ikke kommer i dag heller.", los.CategoryNone, los.CategoryNone, "context:han=montøren"},
		{"installer nn", fibreNn, "Han veit kvar eg bur, så det går fint.", los.CategoryViolence, los.CategoryNone, "context:han=montøren"},
		{"dead device", router, "Den er helt død nå, hva gjør jeg?", los.CategoryNone, los.CategoryNone, "context:den=ruteren"},
		{"a real threat stays", fibre, "Han slo meg da jeg sa han ikke fikk komme inn.", los.CategoryViolence, los.CategoryViolence, "context:han=montøren"},
		{"someone close: as it stands", partner, "Han vet hvor jeg bor.", los.CategoryViolence, los.CategoryViolence, "lexicon:violence:"},
		{"sensitive before: as it stands", sensitive, "Han vet hvor jeg bor.", los.CategoryViolence, los.CategoryViolence, "lexicon:violence:"},
		{"no context", Conversation{}, "Han vet hvor jeg bor.", los.CategoryViolence, los.CategoryViolence, "lexicon:violence:"},
	}
	c := newTestClassifier(t)
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Classify(ctx, tt.text); got.Category != tt.alone {
				t.Errorf("alone: %s %v, want %s", got.Category, got.Signals, tt.alone)
			}
			got := c.ClassifyIn(ctx, tt.text, tt.conv)
			if got.Category != tt.want {
				t.Errorf("in conversation: %s %v, want %s", got.Category, got.Signals, tt.want)
			}
			if !slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, tt.signal) }) {
				t.Errorf("signals %v, want one starting with %q", got.Signals, tt.signal)
			}
			resolved := slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, "context:") })
			if resolved && (tt.conv.Topic == "" && len(tt.conv.Earlier) == 0 || tt.name == "someone close: as it stands" || tt.name == "sensitive before: as it stands") {
				t.Errorf("signals %v: the conversation should not have been used", got.Signals)
			}
		})
	}
	if got := c.ClassifyInContext(ctx, "Han vet hvor jeg bor.", fibre.Earlier); got.Category != los.CategoryNone {
		t.Errorf("ClassifyInContext: %s %v, want none", got.Category, got.Signals)
	}
}
