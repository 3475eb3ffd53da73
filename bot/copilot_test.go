package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

func TestSuggestOneArticleEach(t *testing.T) {
	var limit int
	var asked string
	ret := &FakeRetriever{RetrieveFn: func(_ context.Context, q string, n int) ([]los.Source, error) {
		limit, asked = n, q
		return []los.Source{
			{Slug: "faktura", Heading: "Forfall", Relevant: true},
			{Slug: "faktura", Heading: "Gebyr", Relevant: true},
			{Slug: "efaktura"},
			{Slug: "flytting"},
			{Slug: "strom"},
		}, nil
	}}
	h := newHarness(t, nil, ret, nil)
	got, err := h.bot.Suggest(context.Background(), "  Når forfaller fakturaen?  ", los.Bokmal, 3)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, s := range got {
		slugs = append(slugs, s.Slug+"/"+s.Heading)
	}
	if strings.Join(slugs, ",") != "faktura/Forfall,efaktura/,flytting/" || got[1].Relevant {
		t.Errorf("suggestions = %v; want the best passage of each of three articles, the weak ones kept and marked", slugs)
	}
	if limit < 9 || asked != "Når forfaller fakturaen?" {
		t.Errorf("retrieved %d for %q; want enough for three articles, for the trimmed message", limit, asked)
	}
	if got, err := h.bot.Suggest(context.Background(), " ", los.Bokmal, 3); err != nil || len(got) != 0 {
		t.Errorf("nothing to answer: %v, %v", got, err)
	}
}

func TestDraftNeedsAModel(t *testing.T) {
	transcript := []los.Message{{Role: los.RoleCustomer, Text: "Hvor finner jeg fakturaen?"}}
	src := []los.Source{{Slug: "faktura", Title: "Faktura", Text: "På Min side.", Relevant: true}}
	h := newHarness(t, nil, fixedSources(src...), nil)
	if _, err := h.bot.Draft(context.Background(), los.Bokmal, transcript, src); los.ErrorCode(err) != los.EUNAVAILABLE {
		t.Errorf("without a model: err = %v, want unavailable", err)
	}
	down := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error { return errors.New("connection refused") }}
	h = newHarness(t, down, fixedSources(src...), nil)
	if _, err := h.bot.Draft(context.Background(), los.Bokmal, transcript, src); los.ErrorCode(err) != los.EUNAVAILABLE {
		t.Errorf("model down: err = %v, want unavailable", err)
	}
	h = newHarness(t, streamOf("Du finner den på Min side [1]."), fixedSources(src...), nil)
	got, err := h.bot.Draft(context.Background(), los.Bokmal, transcript, src)
	if err != nil || got != "Du finner den på Min side.\n\nLes mer: [Faktura](/artikler/faktura)" {
		t.Errorf("draft = %q, %v", got, err)
	}
	if _, err := h.bot.Draft(context.Background(), los.Bokmal, nil, src); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("nothing from the customer: err = %v", err)
	}
}
