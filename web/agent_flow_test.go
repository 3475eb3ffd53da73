package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

type queueResp struct {
	Items  []queueItemResp `json:"items"`
	Status struct {
		Open         bool `json:"open"`
		AgentsOnline int  `json:"agents_online"`
	} `json:"status"`
}

type queueItemResp struct {
	ID               int64        `json:"id"`
	Created          time.Time    `json:"created"`
	ConversationID   string       `json:"conversation_id"`
	Category         los.Category `json:"category"`
	Severity         los.Severity `json:"severity"`
	Reason           string       `json:"reason"`
	Signals          []string     `json:"signals"`
	Summary          string       `json:"summary"`
	Status           string       `json:"status"`
	ClaimedBy        string       `json:"claimed_by"`
	WaitingSeconds   int64        `json:"waiting_seconds"`
	Mine             bool         `json:"mine"`
	Lang             string       `json:"lang"`
	FirstWords       string       `json:"first_words"`
	ReasonKey        string       `json:"reason_key"`
	ClaimedName      string       `json:"claimed_name"`
	CustomerMessages int          `json:"customer_messages"`
	Page             string       `json:"page"`
}

func (b *browser) queue() queueResp {
	b.t.Helper()
	resp, body := b.do("GET", "/api/v1/agent/queue", "")
	var q queueResp
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &q) != nil {
		b.t.Fatalf("queue: %d %s", resp.StatusCode, body)
	}
	return q
}

func TestQueueOrder(t *testing.T) {
	e := newDeskEnv(t)
	human := e.customer(t)
	human.say("Hei, jeg lurer på fakturaen")
	human.askForHuman()
	e.clock.add(3 * time.Minute)
	grief := e.customer(t)
	if res := grief.say("Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans"); res.Action != los.ActionHandoffNow {
		t.Fatalf("grief: action %s", res.Action)
	}
	e.clock.add(2 * time.Minute)
	crisis := e.customer(t)
	crisis.say("Jeg vil ta livet mitt")
	e.clock.add(time.Minute)

	q := e.login(t, "kari@example.no").queue()
	var got []string
	for _, it := range q.Items {
		got = append(got, it.ConversationID)
	}
	want := []string{crisis.id, human.id, grief.id}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("queue = %v, want critical first, then high by waiting time: %v", got, want)
	}
	first, second, third := q.Items[0], q.Items[1], q.Items[2]
	if first.Severity != los.SeverityCritical || first.WaitingSeconds != 60 || second.WaitingSeconds != 360 || third.Category != los.CategoryBereavement {
		t.Errorf("items = %+v", q.Items)
	}
	if second.Reason != "human_request" || !strings.Contains(strings.Join(second.Signals, ","), "button:human_request") ||
		!strings.Contains(second.Summary, "fakturaen") {
		t.Errorf("human request item = %+v; want reason, signals and a summary of what the customer wrote", second)
	}
	if third.Reason != "bereavement" || third.Lang != "nb" || third.Status != "waiting" {
		t.Errorf("grief item = %+v", third)
	}
	if !q.Status.Open || q.Status.AgentsOnline != 1 {
		t.Errorf("status = %+v; want open with the one agent who asked", q.Status)
	}
}

func TestTakeOverReplyHandBackClose(t *testing.T) {
	ctx := context.Background()
	e := newDeskEnv(t)
	kari, ola := e.login(t, "kari@example.no"), e.login(t, "ola@example.no")
	c := e.customer(t)
	c.askForHuman()
	if res := c.say("Hvor finner jeg fakturaen?"); res.Held || res.Answer == "" {
		t.Errorf("while waiting the bot keeps answering; got held=%v answer=%q", res.Held, res.Answer)
	}

	path := "/api/v1/agent/conversations/" + c.id
	if resp, body := kari.do("POST", path+"/messages", `{"text":"Hei"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("reply before claiming: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", path+"/claim", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim: %d %s", resp.StatusCode, body)
	}
	if resp, body := ola.do("POST", path+"/claim", ""); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "kari@example.no") {
		t.Errorf("second claim: %d %s", resp.StatusCode, body)
	}
	if q := ola.queue(); len(q.Items) != 1 || q.Items[0].Status != "claimed" || q.Items[0].ClaimedBy != "kari@example.no" || q.Items[0].Mine {
		t.Errorf("queue seen by ola = %+v", q.Items)
	}

	// Held: the customer's message is stored, the bot stays silent.
	_, before := c.transcript()
	res := c.say("Hallo, er det noen der?")
	status, after := c.transcript()
	if !res.Held || res.Answer != "" || status != los.StatusAgent || len(after) != len(before)+1 || after[len(after)-1].Role != los.RoleCustomer {
		t.Errorf("held turn: held=%v answer=%q status=%s, %d -> %d messages", res.Held, res.Answer, status, len(before), len(after))
	}
	if !strings.Contains(before[len(before)-1].Text, "kundebehandler har tatt over") || before[len(before)-1].Role != los.RoleSystem {
		t.Errorf("the customer was not told an agent took over: %+v", before[len(before)-1])
	}

	if resp, body := ola.do("POST", path+"/messages", `{"text":"Hei fra Ola"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("reply by another agent: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", path+"/messages", `{"text":"   "}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty reply: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", path+"/messages", `{"text":"Hei, jeg heter Kari og hjelper deg med fakturaen."}`); resp.StatusCode != http.StatusCreated {
		t.Fatalf("reply: %d %s", resp.StatusCode, body)
	}
	if _, msgs := c.transcript(); msgs[len(msgs)-1].Role != los.RoleAgent || !strings.Contains(msgs[len(msgs)-1].Text, "jeg heter Kari") {
		t.Errorf("the customer does not see the agent's reply: %+v", msgs[len(msgs)-1])
	}
	var detail struct {
		Mine     bool `json:"mine"`
		Messages []struct {
			Role    los.Role `json:"role"`
			Signals []string `json:"signals"`
		} `json:"messages"`
	}
	_, body := kari.do("GET", path, "")
	if err := json.Unmarshal([]byte(body), &detail); err != nil || !detail.Mine || len(detail.Messages) != len(after)+1 {
		t.Errorf("agent's view: %s", body)
	}

	// Hand back: the bot answers again.
	if resp, body := kari.do("POST", path+"/handback", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("hand back: %d %s", resp.StatusCode, body)
	}
	if res := c.say("Hvor finner jeg fakturaen?"); res.Held || !strings.Contains(res.Answer, "Min side") {
		t.Errorf("after hand back: held=%v answer=%q", res.Held, res.Answer)
	}
	if q := kari.queue(); len(q.Items) != 0 {
		t.Errorf("queue after hand back = %+v", q.Items)
	}

	// Again, then close with an outcome.
	c.askForHuman()
	if resp, body := kari.do("POST", path+"/claim", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim again: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", path+"/close", `{"outcome":"fixed"}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown outcome: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", path+"/close", `{"outcome":"resolved"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	if resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/messages", `{"text":"Takk!"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("message to a closed conversation: %d %s", resp.StatusCode, body)
	}

	evs, err := e.db.Events(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, ev := range evs {
		if ev.ConversationID != c.id {
			t.Errorf("event %+v for another conversation", ev)
		}
		if ev.Type != "message.created" { // integrators' event; see integrator tests
			types = append(types, ev.Type)
		}
	}
	want := "handoff.requested,handoff.claimed,handoff.returned,handoff.requested,handoff.claimed,conversation.closed"
	if got := strings.Join(types, ","); got != want {
		t.Errorf("events = %s\nwant     %s", got, want)
	}
	var out struct {
		Items []struct {
			Type string          `json:"type"`
			Data json.RawMessage `json:"data"`
		} `json:"items"`
	}
	_, body = e.login(t, "ada@example.no").do("GET", "/api/v1/agent/events?after="+jsonInt(evs[len(evs)-2].ID), "")
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Items) != 1 || !strings.Contains(string(out.Items[0].Data), `"outcome":"resolved"`) ||
		!strings.Contains(string(out.Items[0].Data), `"reason":"agent"`) {
		t.Errorf("the last event: %s", body)
	}
}

func TestHandoffTellsWhoIsThere(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		at           time.Time
		agentActive  bool
		text         string
		wantCallback bool
		want         []string
		notWant      []string
	}{
		{name: "open with an agent", at: time.Date(2026, 11, 23, 10, 0, 0, 0, oslo), agentActive: true,
			text: "Mannen min døde i forrige uke", want: []string{"lei for det"}, notWant: []string{"stengt", "ledige", "ringer deg"}},
		{name: "open without agents", at: time.Date(2026, 11, 23, 10, 0, 0, 0, oslo),
			text: "Mannen min døde i forrige uke", wantCallback: true, want: []string{"ingen kundebehandlere ledige", "Legg igjen navn og telefonnummer"}},
		{name: "sunday", at: time.Date(2026, 11, 29, 12, 0, 0, 0, oslo), agentActive: true,
			text: "Mannen min døde i forrige uke", wantCallback: true, want: []string{"stengt nå", "i morgen kl. 08.00"}},
		{name: "easter", at: time.Date(2026, 4, 2, 9, 0, 0, 0, oslo),
			text: "Mannen min døde i forrige uke", wantCallback: true, want: []string{"lørdag 4. april kl. 10.00"}},
		{name: "crisis at night", at: time.Date(2026, 11, 24, 23, 30, 0, 0, oslo),
			text: "Jeg vil ta livet mitt", wantCallback: true, want: []string{"116 123", "22 40 00 40", "i morgen kl. 08.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDeskEnv(t)
			e.clock.set(tt.at)
			if tt.agentActive {
				e.login(t, "kari@example.no").queue()
			}
			res := e.customer(t).say(tt.text)
			if res.Action != los.ActionHandoffNow || res.Callback != tt.wantCallback {
				t.Errorf("action %s, callback %v; want handoff_now, %v", res.Action, res.Callback, tt.wantCallback)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Answer, w) {
					t.Errorf("answer lacks %q:\n%s", w, res.Answer)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.Answer, w) {
					t.Errorf("answer has %q:\n%s", w, res.Answer)
				}
			}
		})
	}
}

func TestPresenceFades(t *testing.T) {
	e := newDeskEnv(t)
	kari := e.login(t, "kari@example.no")
	if q := kari.queue(); q.Status.AgentsOnline != 1 {
		t.Fatalf("agents online = %d, want 1", q.Status.AgentsOnline)
	}
	e.clock.add(6 * time.Minute)
	res := e.customer(t).say("Mannen min døde i forrige uke")
	if !res.Callback || !strings.Contains(res.Answer, "ingen kundebehandlere ledige") {
		t.Errorf("an agent idle for 6 minutes still counts as present: %q", res.Answer)
	}
}
