package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeLos is a protocol fake of the conversation API: it answers each
// message with the article named after its first word, or with no
// citation for "hmm", and refuses the first message of each conversation
// once with 429 to test the retry. With stream, it answers with events.
type fakeLos struct {
	mu      sync.Mutex
	limited map[string]bool
	seen    map[string][]string // conversation -> texts
}

func (f *fakeLos) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.URL.Path == "/api/v1/conversations":
		id := fmt.Sprintf("c%d", len(f.seen)+1)
		f.seen[id] = nil
		json.NewEncoder(w).Encode(map[string]string{"id": id, "token": "t-" + id})
	case strings.HasSuffix(r.URL.Path, "/messages"):
		id := strings.Split(r.URL.Path, "/")[4]
		if r.Header.Get("Authorization") != "Bearer t-"+id {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		if !f.limited[id] {
			f.limited[id] = true
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		var body struct{ Text string }
		json.NewDecoder(r.Body).Decode(&body)
		f.seen[id] = append(f.seen[id], body.Text)
		rep := Reply{Answer: "Svar om " + body.Text, Mode: "extractive", Citations: []string{strings.Fields(body.Text)[0]}}
		if body.Text == "hmm" {
			rep.Citations = nil
		}
		if r.Header.Get("Accept") == "text/event-stream" {
			tok, _ := json.Marshal(map[string]string{"text": rep.Answer})
			done, _ := json.Marshal(rep)
			fmt.Fprintf(w, "event: ready\ndata: {}\n\nevent: token\ndata: %s\n\nevent: done\ndata: %s\n\n", tok, done)
			return
		}
		json.NewEncoder(w).Encode(rep)
	default:
		http.NotFound(w, r)
	}
}

func TestConversationsOverHTTP(t *testing.T) {
	ds := []Dialogue{
		{ID: "d1", Lang: "nb", Messages: []Message{
			{Text: "a spørsmål", Kind: "first", Slugs: []string{"a"}, Evidence: "spørsmål"},
			{Text: "b og hva koster det", Kind: "followup", Slugs: []string{"a"}},
			{Text: "hmm", Kind: "oos"},
		}},
		{ID: "d2", Lang: "nn", Messages: []Message{
			{Text: "c kva", Kind: "first", Slugs: []string{"c"}},
			{Text: "d no noko anna", Kind: "switch", Slugs: []string{"d"}},
		}},
	}
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			f := &fakeLos{limited: map[string]bool{}, seen: map[string][]string{}}
			srv := httptest.NewServer(f)
			defer srv.Close()
			rep, err := Conversations(context.Background(), ds, &HTTPChat{Base: srv.URL, Stream: stream}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.seen["c1"]) != 3 || len(f.seen["c2"]) != 2 {
				t.Errorf("messages per conversation: %v", f.seen)
			}
			if k := rep.ByKind["first"]; k.Answerable != 2 || k.RightFirst != 1 || k.Useful != 0.5 {
				t.Errorf("first = %+v", k)
			}
			if k := rep.ByKind["followup"]; k.RightFirst != 0 {
				t.Errorf("followup = %+v", k)
			}
			if k := rep.ByKind["oos"]; k.OutOfScope != 1 || k.Honest != 1 {
				t.Errorf("oos = %+v", k)
			}
			if rep.Later.Answerable != 2 || rep.Later.RightFirst != 0.5 {
				t.Errorf("later = %+v", rep.Later)
			}
			if stream && (rep.Streams == nil || rep.Streams.Replies != 5 || rep.Streams.Spelled != 5) {
				t.Errorf("streams = %+v", rep.Streams)
			}
			if !stream && rep.Streams != nil {
				t.Errorf("streams counted without streaming: %+v", rep.Streams)
			}
		})
	}
}
