package bot_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// queryRecorder is a ContextRetriever that records every query and
// answers from a table: the source of the first key found in the text
// plus context, relevant.
type queryRecorder struct {
	mu      sync.Mutex
	queries []los.Query
	answers map[string]los.Source
}

var (
	_ los.Retriever        = (*queryRecorder)(nil)
	_ los.ContextRetriever = (*queryRecorder)(nil)
)

func (r *queryRecorder) Retrieve(ctx context.Context, q string, l los.Standard, limit int) ([]los.Source, error) {
	return r.RetrieveQuery(ctx, los.Query{Text: q}, l, limit)
}

func (r *queryRecorder) RetrieveQuery(_ context.Context, q los.Query, _ los.Standard, _ int) ([]los.Source, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queries = append(r.queries, q)
	keys := make([]string, 0, len(r.answers))
	for k := range r.answers {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The message's own words first, then the context, most recent first.
	for _, text := range append([]string{q.Text}, q.Context...) {
		for _, k := range keys {
			if strings.Contains(strings.ToLower(text), k) {
				return []los.Source{r.answers[k]}, nil
			}
		}
	}
	return nil, nil
}

func (r *queryRecorder) last() los.Query {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.queries[len(r.queries)-1]
}

// count returns how many queries were made so far.
func (r *queryRecorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.queries)
}

// at returns query i.
func (r *queryRecorder) at(i int) los.Query {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.queries[i]
}

var (
	src5G  = los.Source{Slug: "bredband-via-5g", Title: "Bredbånd via 5G", Text: "Bredbånd via 5G koster 399 kr.", Relevant: true}
	srcTV  = los.Source{Slug: "tv-abonnement", Title: "TV", Text: "TV Basis koster 299 kr.", Relevant: true}
	srcFib = los.Source{Slug: "fiber", Title: "Fiber", Text: "Fiber leveres på 2–4 uker.", Relevant: true}
)

// TestConversationPath plays conversations through the bot and checks
// how each message was read: alone, with the earlier messages of its
// topic, or as a new topic.
func TestConversationPath(t *testing.T) {
	type turn struct {
		text        string
		wantCite    string   // first citation; "" for no answer
		wantContext []string // Context of the turn's first query
		wantTopic   []string // Topic of the turn's first query
	}
	tests := []struct {
		name  string
		turns []turn
	}{
		{"follow-up by pronoun reads the topic", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "og hva koster den?", wantCite: "bredband-via-5g",
				wantContext: []string{"har dere 5g bredbånd?"}, wantTopic: []string{"bredband-via-5g"}},
		}},
		{"follow-up with words of its own keeps the context but not the topic favour", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "kan jeg ta med 5g-ruteren på hytta i helgene?", wantCite: "bredband-via-5g",
				wantContext: []string{"har dere 5g bredbånd?"}},
		}},
		{"a marked change of topic resets", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "forresten, hva koster tv basis?", wantCite: "tv-abonnement"},
		}},
		{"a marked change of topic resets, in Nynorsk", []turn{
			{text: "har de 5g breiband?", wantCite: "bredband-via-5g"},
			{text: "apropos, kva kostar tv basis?", wantCite: "tv-abonnement"},
		}},
		{"'apropos det' keeps the topic", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "apropos det, hva koster den?", wantCite: "bredband-via-5g",
				wantContext: []string{"har dere 5g bredbånd?"}, wantTopic: []string{"bredband-via-5g"}},
		}},
		{"'nei forresten' corrects instead", []turn{
			{text: "hvor lang tid tar 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "nei forresten, den andre", wantCite: "bredband-via-5g",
				wantContext: []string{"hvor lang tid tar 5g bredbånd?"}, wantTopic: []string{"bredband-via-5g"}},
		}},
		{"a subtopic with its own answer moves on, and the next follow-up goes with it", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "og tv, har dere det?", wantCite: "tv-abonnement",
				wantContext: []string{"har dere 5g bredbånd?"}, wantTopic: []string{"bredband-via-5g"}},
			{text: "hva koster det?", wantCite: "tv-abonnement",
				wantContext: []string{"og tv, har dere det?", "har dere 5g bredbånd?"}, wantTopic: []string{"tv-abonnement"}},
		}},
		{"after a change of topic, the older messages are left out", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "forresten, har dere tv?", wantCite: "tv-abonnement"},
			{text: "hva koster det?", wantCite: "tv-abonnement",
				wantContext: []string{"forresten, har dere tv?"}, wantTopic: []string{"tv-abonnement"}},
		}},
		{"a message with words of its own that finds nothing alone gets no answer", []turn{
			{text: "har dere 5g bredbånd?", wantCite: "bredband-via-5g"},
			{text: "selger dere varmepumper også?", wantCite: "",
				wantContext: []string{"har dere 5g bredbånd?"}},
		}},
		{"an unanswered message joins the next", []turn{
			{text: "hei, lurer på noe", wantCite: ""},
			{text: "hvor fort leverer dere fiber?", wantCite: "fiber", wantContext: []string{"hei, lurer på noe"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &queryRecorder{answers: map[string]los.Source{"5g": src5G, "tv": srcTV, "fiber": srcFib}}
			h := newHarness(t, nil, rec, nil)
			id := h.conversation(t)
			for i, tu := range tt.turns {
				before := rec.count()
				res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: tu.text})
				if err != nil {
					t.Fatal(err)
				}
				got := ""
				if len(res.Citations) > 0 {
					got = res.Citations[0]
				}
				if got != tu.wantCite {
					t.Errorf("turn %d %q: cites %q, want %q", i+1, tu.text, got, tu.wantCite)
				}
				if i == 0 {
					continue
				}
				q := rec.at(before)
				if !slices.Equal(q.Context, tu.wantContext) || !slices.Equal(q.Topic, tu.wantTopic) {
					t.Errorf("turn %d %q: query context %q topic %q; want %q, %q", i+1, tu.text, q.Context, q.Topic, tu.wantContext, tu.wantTopic)
				}
			}
		})
	}
}

// fakeRewriter answers from a function field.
type fakeRewriter struct {
	fn    func(ctx context.Context, req los.RewriteRequest) (los.Rewrite, error)
	calls int
}

func (f *fakeRewriter) Rewrite(ctx context.Context, req los.RewriteRequest) (los.Rewrite, error) {
	f.calls++
	return f.fn(ctx, req)
}

// TestRewriterPath: a model's standalone question is used when it comes
// in time; late, failing or empty answers fall back to the bot's own
// reading, and the turn never waits past the deadline.
func TestRewriterPath(t *testing.T) {
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	tests := []struct {
		name      string
		fn        func(ctx context.Context, req los.RewriteRequest) (los.Rewrite, error)
		wantText  string
		wantTopic []string
		fallback  bool
	}{
		{"standalone question used", func(_ context.Context, req los.RewriteRequest) (los.Rewrite, error) {
			if len(req.History) != 2 || req.Text != "og hva koster den?" || req.Lang != los.Bokmal {
				return los.Rewrite{}, errors.New("unexpected request")
			}
			return los.Rewrite{Question: "Hva koster 5g bredbånd?"}, nil
		}, "Hva koster 5g bredbånd?", []string{"bredband-via-5g"}, false},
		{"new topic drops the topic's articles", func(context.Context, los.RewriteRequest) (los.Rewrite, error) {
			return los.Rewrite{Question: "Hva koster TV?", NewTopic: true}, nil
		}, "Hva koster TV?", nil, false},
		{"late: falls back at the deadline", func(ctx context.Context, _ los.RewriteRequest) (los.Rewrite, error) {
			<-ctx.Done()
			return los.Rewrite{}, ctx.Err()
		}, "og hva koster den?", []string{"bredband-via-5g"}, true},
		{"late and deaf to cancellation: the turn does not wait", func(context.Context, los.RewriteRequest) (los.Rewrite, error) {
			<-stuck // a model client that ignores its context; released when the test ends
			return los.Rewrite{Question: "for sent"}, nil
		}, "og hva koster den?", []string{"bredband-via-5g"}, true},
		{"error", func(context.Context, los.RewriteRequest) (los.Rewrite, error) {
			return los.Rewrite{}, errors.New("model down")
		}, "og hva koster den?", []string{"bredband-via-5g"}, true},
		{"empty question", func(context.Context, los.RewriteRequest) (los.Rewrite, error) {
			return los.Rewrite{Question: "  "}, nil
		}, "og hva koster den?", []string{"bredband-via-5g"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &queryRecorder{answers: map[string]los.Source{"5g": src5G, "tv": srcTV}}
			rw := &fakeRewriter{fn: tt.fn}
			h := newHarness(t, nil, rec, nil, func(c *bot.Config) { c.Rewriter, c.RewriteTimeout = rw, 50*time.Millisecond })
			id := h.conversation(t)
			if _, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "har dere 5g bredbånd?", Lang: los.Bokmal}); err != nil {
				t.Fatal(err)
			}
			if rw.calls != 0 {
				t.Errorf("the rewriter was asked about a first message")
			}
			// The deaf rewriter never returns before the test ends: the turn
			// returning at all shows it is not waited for.
			if _, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "og hva koster den?", Lang: los.Bokmal}); err != nil {
				t.Fatal(err)
			}
			q := rec.last()
			if q.Text != tt.wantText || !slices.Equal(q.Topic, tt.wantTopic) {
				t.Errorf("query %q topic %q; want %q, %q", q.Text, q.Topic, tt.wantText, tt.wantTopic)
			}
			if tt.fallback && len(q.Context) == 0 {
				t.Errorf("the fallback did not read the conversation: %+v", q)
			}
		})
	}
}
