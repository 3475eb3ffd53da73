package chat_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web/chat"
	"github.com/los-bot/los/web/webtest"
)

// The conversation API against fakes of the store and the bot: what the
// handlers ask of them, and what they make of their answers. The same
// API against the real store and bot is tested in web's tests.

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const token = "lct_secret-token"

// oneConversation is a store holding conversation c1, in Nynorsk, whose
// token is token.
func oneConversation() *fakeConversations {
	hash := sha256.Sum256([]byte(token))
	return &fakeConversations{ConversationFunc: func(_ context.Context, id string) (*los.Conversation, error) {
		if id != "c1" {
			return nil, errNotFound
		}
		return &los.Conversation{ID: "c1", Status: los.StatusOpen, Lang: los.Nynorsk, TokenHash: hash[:], Created: now, Updated: now}, nil
	}}
}

func serve(d chat.Deps) http.Handler {
	s := webtest.Server(&webtest.Accounts{}, now)
	chat.Routes(s, d)
	return s.Handler()
}

func TestCreateConversation(t *testing.T) {
	var stored *los.Conversation
	store := &fakeConversations{CreateConversationFunc: func(_ context.Context, c *los.Conversation) error {
		stored = c
		return nil
	}}
	h := serve(chat.Deps{Conversations: store, IdleClose: 90 * time.Second})

	rec := webtest.Do(h, "POST", "/api/v1/conversations", `{"lang":"nn"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var out struct {
		ID               string `json:"id"`
		Token            string `json:"token"`
		IdleCloseSeconds int    `json:"idle_close_seconds"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if stored == nil || stored.ID != out.ID || stored.Lang != los.Nynorsk || stored.Status != los.StatusOpen {
		t.Fatalf("stored %+v, answered %+v", stored, out)
	}
	if hash := sha256.Sum256([]byte(out.Token)); !strings.HasPrefix(out.Token, "lct_") || string(stored.TokenHash) != string(hash[:]) {
		t.Errorf("the store keeps the token's hash: token %q", out.Token)
	}
	if out.IdleCloseSeconds != 90 {
		t.Errorf("idle_close_seconds = %d, want 90", out.IdleCloseSeconds)
	}

	stored = nil
	if rec := webtest.Do(h, "POST", "/api/v1/conversations", `{"lang":"sv"}`); rec.Code != http.StatusUnprocessableEntity || stored != nil {
		t.Errorf("an unknown standard: status %d, stored %v", rec.Code, stored)
	}
}

func TestPostMessage(t *testing.T) {
	var asked []los.TurnRequest
	b := &fakeBot{TurnFunc: func(_ context.Context, req los.TurnRequest) (los.Result, error) {
		asked = append(asked, req)
		if req.OnToken != nil {
			req.OnToken("Hei")
			req.OnToken(" du")
		}
		if req.Text == "feil" {
			return los.Result{}, errors.New("the model server fell over at 10.0.0.7")
		}
		return los.Result{Answer: "Hei du", Action: los.ActionAnswer, Citations: []string{"faktura"},
			Sources: []los.Source{{Slug: "faktura", Title: "Faktura"}}}, nil
	}}
	h := serve(chat.Deps{Conversations: oneConversation(), Bot: b})
	auth := []string{"Authorization", "Bearer " + token}

	tests := []struct {
		name        string
		path, body  string
		header      []string
		status      int
		turns       int // turns asked of the bot
		want, avoid []string
	}{
		{name: "answered", path: "/api/v1/conversations/c1/messages", body: `{"text":"  Kva kostar det?  "}`, header: auth,
			status: 200, turns: 1, want: []string{`"answer":"Hei du"`}},
		{name: "wrong token", path: "/api/v1/conversations/c1/messages", body: `{"text":"hei"}`,
			header: []string{"Authorization", "Bearer lct_wrong"}, status: 401},
		{name: "unknown conversation looks like a wrong token", path: "/api/v1/conversations/c2/messages", body: `{"text":"hei"}`,
			header: auth, status: 401},
		{name: "empty text", path: "/api/v1/conversations/c1/messages", body: `{}`, header: auth, status: 422},
		{name: "a failing bot: a generic text in the conversation's standard, nothing internal",
			path: "/api/v1/conversations/c1/messages", body: `{"text":"feil"}`, header: auth, status: 500, turns: 1,
			want: []string{`"code":"internal"`, "Noko gjekk gale"}, avoid: []string{"10.0.0.7"}},
		{name: "streamed", path: "/api/v1/conversations/c1/messages", body: `{"text":"hei"}`,
			header: append([]string{"Accept", "text/event-stream"}, auth...), status: 200, turns: 1,
			want: []string{"event: ready", "event: token\ndata: {\"text\":\"Hei\"}", "event: citation\ndata: {\"slug\":\"faktura\",\"title\":\"Faktura\",\"url\":\"/artikler/faktura\"}", "event: done"}},
		{name: "streamed failure: the same error body as JSON", path: "/api/v1/conversations/c1/messages", body: `{"text":"feil"}`,
			header: append([]string{"Accept", "text/event-stream"}, auth...), status: 200, turns: 1,
			want: []string{"event: error\ndata: {\"error\":{\"code\":\"internal\"", "Noko gjekk gale"}, avoid: []string{"10.0.0.7", "event: done"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked = nil
			rec := webtest.Do(h, "POST", tt.path, tt.body, tt.header...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if len(asked) != tt.turns {
				t.Fatalf("bot asked %d times, want %d", len(asked), tt.turns)
			}
			if tt.turns > 0 && asked[0].ConversationID != "c1" {
				t.Errorf("turn for %q", asked[0].ConversationID)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("missing %q in %s", w, rec.Body)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(rec.Body.String(), a) {
					t.Errorf("%q must not reach the customer: %s", a, rec.Body)
				}
			}
		})
	}
	asked = nil
	if rec := webtest.Do(h, "POST", "/api/v1/conversations/c1/messages", `{"text":"  Kva kostar det?  "}`, auth...); rec.Code != 200 || asked[0].Text != "Kva kostar det?" {
		t.Errorf("the bot gets the text trimmed: %q", asked[0].Text)
	}
}

func TestCloseTellsTheInboxes(t *testing.T) {
	store := oneConversation()
	var notice string
	store.CloseByCustomerFunc = func(_ context.Context, id, n string) (bool, error) {
		notice = n
		return id == "c1", nil
	}
	changes := &published{}
	h := serve(chat.Deps{Conversations: store, Hub: changes})

	rec := webtest.Do(h, "POST", "/api/v1/conversations/c1/close", "", "Authorization", "Bearer "+token)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"closed"`) {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if notice == "" || !strings.Contains(notice, "samtal") {
		t.Errorf("the stored notice is in the conversation's standard: %q", notice)
	}
	want := []hub.Change{hub.QueueChanged(), hub.ConversationChanged("c1")}
	if got := changes.all(); !slices.Equal(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
}
