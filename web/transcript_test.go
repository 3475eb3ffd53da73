package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// state is the transcript's state, as the chat reads it after a reload.
type state struct {
	Status   los.Status `json:"status"`
	Messages []struct {
		Role    los.Role `json:"role"`
		Sources []struct {
			Slug, Title, URL string
		} `json:"sources"`
	} `json:"messages"`
	IdleCloseSeconds int  `json:"idle_close_seconds"`
	ClosesInSeconds  int  `json:"closes_in_seconds"`
	CallbackOffered  bool `json:"callback_offered"`
	CSATAnswered     bool `json:"csat_answered"`
}

func (c *customer) state() state {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/conversations/"+c.id, "")
	var s state
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &s) != nil {
		c.t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	return s
}

func TestTranscriptCitesTitles(t *testing.T) {
	st := newTestStack(t, stackOptions{validate: true})
	c := (&deskEnv{srv: st.srv}).customer(t)
	res := c.say("Hvordan endrer jeg fakturaadressen min?")
	if len(res.Citations) == 0 {
		t.Fatalf("the answer cites nothing: %+v", res)
	}
	s := c.state()
	if len(s.Messages) != 2 {
		t.Fatalf("%d messages, want 2", len(s.Messages))
	}
	got := s.Messages[1].Sources
	if len(got) != len(res.Citations) {
		t.Fatalf("sources %+v for citations %v", got, res.Citations)
	}
	if got[0].Slug != "endre-fakturaadresse" || got[0].Title != "Endre fakturaadresse" || got[0].URL != "/artikler/endre-fakturaadresse" {
		t.Errorf("first source = %+v, want the article's title", got[0])
	}
	if s.Messages[0].Sources != nil {
		t.Errorf("the customer's message has sources: %+v", s.Messages[0].Sources)
	}
}

// TestIdleCloseState: the transcript says how long the bot's
// conversation has left, and closes it when it is read past its quiet
// spell, as the idle job would; handed-over conversations stay open.
func TestIdleCloseState(t *testing.T) {
	clock := &testClock{t: time.Now()}
	st := newTestStack(t, stackOptions{noIndex: true, validate: true, clock: clock.now,
		bot:  func(c *bot.Config) { c.Retriever, c.Triager = oneSource{}, testTriager },
		deps: func(d *siteDeps) { d.IdleClose = 30 * time.Minute }})
	e := &deskEnv{srv: st.srv, db: st.db, clock: clock}

	resp, body := e.customer(t).do("POST", "/api/v1/conversations", "")
	var created struct {
		IdleCloseSeconds int `json:"idle_close_seconds"`
	}
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil || created.IdleCloseSeconds != 1800 {
		t.Fatalf("create: %d %s, want idle_close_seconds 1800", resp.StatusCode, body)
	}
	quiet := e.customer(t)
	if s := quiet.state(); s.Status != los.StatusOpen || s.ClosesInSeconds != 0 || s.IdleCloseSeconds != 1800 {
		t.Errorf("before a message: %+v, want open with no countdown", s)
	}
	quiet.say("Hvor finner jeg fakturaen?")
	waiting := e.customer(t)
	waiting.say("Mannen min døde i forrige uke")

	tests := []struct {
		name         string
		after        time.Duration // since the messages
		want         los.Status
		wantClosesIn int // in seconds, give or take two; 0: none
	}{
		{name: "just answered", after: 0, want: los.StatusOpen, wantClosesIn: 1800},
		{name: "a minute left", after: 29 * time.Minute, want: los.StatusOpen, wantClosesIn: 60},
		{name: "past the spell", after: 31 * time.Minute, want: los.StatusClosed},
	}
	start := clock.now()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.set(start.Add(tt.after))
			s := quiet.state()
			if s.Status != tt.want {
				t.Errorf("status %s, want %s", s.Status, tt.want)
			}
			// The messages were stored a moment after start, by the real clock.
			if d := s.ClosesInSeconds - tt.wantClosesIn; d < -2 || d > 2 || (tt.wantClosesIn == 0) != (s.ClosesInSeconds == 0) {
				t.Errorf("closes in %d s, want %d", s.ClosesInSeconds, tt.wantClosesIn)
			}
			if w := waiting.state(); w.Status != los.StatusWaiting || w.ClosesInSeconds != 0 {
				t.Errorf("handed over: %s, closes in %d; want waiting, no countdown", w.Status, w.ClosesInSeconds)
			}
		})
	}

	events, err := st.db.Events(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	closed := 0
	for _, ev := range events {
		if ev.Type == "conversation.closed" && ev.ConversationID == quiet.id {
			closed++
		}
	}
	if closed != 1 {
		t.Errorf("%d conversation.closed events, want 1", closed)
	}
	if n, err := st.db.CloseIdle(context.Background(), clock.now()); err != nil || n != 0 {
		t.Errorf("the idle job closed %d more (%v)", n, err)
	}

	// The satisfaction answer is part of the state, so the chat asks once.
	if quiet.state().CSATAnswered {
		t.Error("csat_answered before an answer")
	}
	if resp, body := quiet.do("POST", "/api/v1/conversations/"+quiet.id+"/csat", `{"score":4}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("csat: %d %s", resp.StatusCode, body)
	}
	if !quiet.state().CSATAnswered {
		t.Error("csat_answered is false after the answer")
	}
}

// TestCallbackOfferState: a call-back offered because nobody could take
// over stays offered, after a reload, until the customer asks for one or
// a person takes the conversation.
func TestCallbackOfferState(t *testing.T) {
	e := newDeskEnv(t)
	tests := []struct {
		name   string
		agent  bool              // an agent is signed in (staffed)
		start  func(c *customer) // how the conversation is handed over
		then   func(c *customer) // what happens next
		offer  bool              // the answer offered a call-back
		want   bool              // callback_offered afterwards
		status los.Status
	}{
		{name: "typed, nobody there", start: func(c *customer) { c.say("Mannen min døde") }, offer: true, want: true, status: los.StatusWaiting},
		{name: "button, nobody there", start: func(c *customer) { c.askForHuman() }, offer: true, want: true, status: los.StatusWaiting},
		{name: "asked for the call-back", start: func(c *customer) { c.askForHuman() }, offer: true, status: los.StatusWaiting,
			then: askCallBack},
		{name: "offered again after a call-back", start: func(c *customer) {
			c.askForHuman()
			askCallBack(c)
			e.clock.add(time.Second)
			c.askForHuman()
		}, offer: true, want: true, status: los.StatusWaiting},
		{name: "an agent is there", agent: true, start: func(c *customer) { c.askForHuman() }, status: los.StatusWaiting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.agent {
				ola := e.login(t, "ola@example.no")
				ola.do("GET", "/api/v1/agent/queue", "") // ola is seen at work
				defer e.clock.add(time.Hour)             // ola is gone for the next cases
			}
			c := e.customer(t)
			tt.start(c)
			if got := lastBotOffers(t, e, c.id); got != tt.offer {
				t.Errorf("the last answer offered a call-back: %v, want %v", got, tt.offer)
			}
			if tt.then != nil {
				tt.then(c)
			}
			s := c.state()
			if s.CallbackOffered != tt.want || s.Status != tt.status {
				t.Errorf("callback_offered %v, status %s; want %v, %s", s.CallbackOffered, s.Status, tt.want, tt.status)
			}
		})
	}

	// Once an agent takes the conversation, the form is not needed.
	c := e.customer(t)
	c.askForHuman()
	kari := e.login(t, "kari@example.no")
	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/claim", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim: %d %s", resp.StatusCode, body)
	}
	if s := c.state(); s.CallbackOffered || s.Status != los.StatusAgent {
		t.Errorf("after the claim: callback_offered %v, status %s", s.CallbackOffered, s.Status)
	}
}

// lastBotOffers reports whether the last bot message of a conversation is
// marked as offering a call-back, as agents see it.
func lastBotOffers(t *testing.T, e *deskEnv, id string) bool {
	t.Helper()
	msgs, err := e.db.Messages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Role == los.RoleBot {
			return cmp.Equal(msgs[i].Signals, []string{"staffing:callback_offered"})
		}
	}
	return false
}

// askCallBack leaves a name and number in the call-back form.
func askCallBack(c *customer) {
	c.t.Helper()
	if resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/callback", `{"name":"Kari","phone":"912 34 567"}`); resp.StatusCode != http.StatusCreated {
		c.t.Fatalf("call-back: %d %s", resp.StatusCode, body)
	}
}
