package main

import (
	"context"
	"slices"
	"testing"

	"github.com/los-bot/los/eval"
)

// TestThreeMessageConversationOverHTTP plays one conversation through
// the real server (demo knowledge base, SQLite, Bleve, Ollama down) over
// HTTP with server-sent events: a question, a follow-up that only makes
// sense after it, and a change of topic. Each answer's text arrives in
// token events.
func TestThreeMessageConversationOverHTTP(t *testing.T) {
	ctx := context.Background()
	cfgEnv := baseEnv(t)
	cfgEnv["LOS_ADDR"] = "127.0.0.1:0"
	addr, _ := startServe(t, cfgEnv)

	chat := &eval.HTTPChat{Base: "http://" + addr, Stream: true}
	conv, err := chat.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		text string
		want []string
	}{
		{"Hvordan bestiller jeg e-faktura?", []string{"efaktura", "avtalegiro-og-efaktura"}},
		{"og koster det noe?", []string{"efaktura", "avtalegiro-og-efaktura"}},
		{"forresten, hvordan endrer jeg fakturaadressen?", []string{"endre-fakturaadresse"}},
	} {
		r, err := conv.Send(ctx, m.text)
		if err != nil {
			t.Fatalf("%q: %v", m.text, err)
		}
		if len(r.Citations) == 0 || !slices.Contains(m.want, r.Citations[0]) {
			t.Errorf("%q: cites %v, want one of %v first\n%s", m.text, r.Citations, m.want, r.Answer)
		}
		if r.Streamed != r.Answer || r.Answer == "" {
			t.Errorf("%q: token events spell %q, the answer is %q", m.text, r.Streamed, r.Answer)
		}
	}
}
