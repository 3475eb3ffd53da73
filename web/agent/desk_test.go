package agent_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web/agent"
	"github.com/los-bot/los/web/webtest"
)

// The desk against a fake of the store: what agents' requests ask of it
// and tell open inboxes. The desk against the real store is tested in
// web's tests.

// fakeDesk calls its function fields; one left nil answers "not found".
type fakeDesk struct {
	QueueFunc             func(ctx context.Context, ids ...string) ([]los.QueueItem, error)
	ConversationFunc      func(ctx context.Context, id string) (*los.Conversation, error)
	LatestHandoffFunc     func(ctx context.Context, id string) (*los.Handoff, error)
	MessagesFunc          func(ctx context.Context, id string) ([]los.Message, error)
	ClaimFunc             func(ctx context.Context, id, agent, notice string) (*los.Handoff, error)
	AgentReplyFunc        func(ctx context.Context, id, agent, text string) (*los.Message, error)
	HandBackFunc          func(ctx context.Context, id, agent, notice string) error
	CloseConversationFunc func(ctx context.Context, id, agent, outcome, notice string) error
	CallbacksFunc         func(ctx context.Context) ([]los.Callback, error)
	CompleteCallbackFunc  func(ctx context.Context, id int64, agent string) error
}

var _ agent.Desk = (*fakeDesk)(nil)

var errNotFound = &los.Error{Code: los.ENOTFOUND, Message: "not found"}

func (f *fakeDesk) DeskQueue(ctx context.Context, ids ...string) ([]los.QueueItem, error) {
	if f.QueueFunc == nil {
		return nil, nil
	}
	return f.QueueFunc(ctx, ids...)
}

func (f *fakeDesk) CitedTitles(context.Context, string) (map[string]string, error) {
	return map[string]string{}, nil
}

func (f *fakeDesk) Conversation(ctx context.Context, id string) (*los.Conversation, error) {
	if f.ConversationFunc == nil {
		return nil, errNotFound
	}
	return f.ConversationFunc(ctx, id)
}

func (f *fakeDesk) LatestHandoff(ctx context.Context, id string) (*los.Handoff, error) {
	if f.LatestHandoffFunc == nil {
		return nil, errNotFound
	}
	return f.LatestHandoffFunc(ctx, id)
}

func (f *fakeDesk) Messages(ctx context.Context, id string) ([]los.Message, error) {
	if f.MessagesFunc == nil {
		return nil, nil
	}
	return f.MessagesFunc(ctx, id)
}

func (f *fakeDesk) Claim(ctx context.Context, id, agent, notice string) (*los.Handoff, error) {
	if f.ClaimFunc == nil {
		return nil, errNotFound
	}
	return f.ClaimFunc(ctx, id, agent, notice)
}

func (f *fakeDesk) AgentReply(ctx context.Context, id, agent, text string) (*los.Message, error) {
	if f.AgentReplyFunc == nil {
		return nil, errNotFound
	}
	return f.AgentReplyFunc(ctx, id, agent, text)
}

func (f *fakeDesk) HandBack(ctx context.Context, id, agent, notice string) error {
	if f.HandBackFunc == nil {
		return errNotFound
	}
	return f.HandBackFunc(ctx, id, agent, notice)
}

func (f *fakeDesk) CloseConversation(ctx context.Context, id, agent, outcome, notice string) error {
	if f.CloseConversationFunc == nil {
		return errNotFound
	}
	return f.CloseConversationFunc(ctx, id, agent, outcome, notice)
}

func (f *fakeDesk) Callbacks(ctx context.Context) ([]los.Callback, error) {
	if f.CallbacksFunc == nil {
		return nil, nil
	}
	return f.CallbacksFunc(ctx)
}

func (f *fakeDesk) CompleteCallback(ctx context.Context, id int64, agent string) error {
	if f.CompleteCallbackFunc == nil {
		return errNotFound
	}
	return f.CompleteCallbackFunc(ctx, id, agent)
}

// monday10 is within the default opening hours.
var monday10 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("CET", 3600))

func TestDeskWithFakes(t *testing.T) {
	waiting := los.Handoff{ID: 1, ConversationID: "c1", Category: los.CategoryBereavement, Status: "waiting", Created: monday10.Add(-90 * time.Second)}
	var claimed []string
	store := &fakeDesk{
		QueueFunc: func(context.Context, ...string) ([]los.QueueItem, error) {
			return []los.QueueItem{{Handoff: waiting, Lang: los.Nynorsk}}, nil
		},
		ConversationFunc: func(_ context.Context, id string) (*los.Conversation, error) {
			if id != "c1" {
				return nil, errNotFound
			}
			return &los.Conversation{ID: "c1", Lang: los.Nynorsk, Status: los.StatusWaiting}, nil
		},
		ClaimFunc: func(_ context.Context, id, agent, notice string) (*los.Handoff, error) {
			claimed = append(claimed, id, agent, notice)
			h := waiting
			h.Status, h.ClaimedBy = "claimed", agent
			return &h, nil
		},
	}
	accounts, key := webtest.WithKey("desk-robot", auth.ScopeAgent)
	s := webtest.Server(accounts, monday10)
	changes := hub.New()
	staffing, err := agent.NewStaffing(nil, func() time.Time { return monday10 })
	if err != nil {
		t.Fatal(err)
	}
	agent.Routes(s, agent.Deps{Desk: store, Hub: changes, Staffing: staffing})
	h := s.Handler()
	bearer := []string{"Authorization", "Bearer " + key}

	rec := webtest.Do(h, "GET", "/api/v1/agent/queue", "", bearer...)
	var q struct {
		Items []struct {
			ConversationID string       `json:"conversation_id"`
			Lang           los.Standard `json:"lang"`
			WaitingSeconds int64        `json:"waiting_seconds"`
			Mine           bool         `json:"mine"`
		} `json:"items"`
		Status struct {
			Open         bool `json:"open"`
			AgentsOnline int  `json:"agents_online"`
		} `json:"status"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &q); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("queue: %d %s", rec.Code, rec.Body)
	}
	if len(q.Items) != 1 || q.Items[0].Lang != los.Nynorsk || q.Items[0].WaitingSeconds != 90 || q.Items[0].Mine {
		t.Errorf("queue items %+v", q.Items)
	}
	// The key's request counts as an agent present, in opening hours.
	if !q.Status.Open || q.Status.AgentsOnline != 1 {
		t.Errorf("status %+v", q.Status)
	}

	sub := changes.Subscribe()
	defer changes.Unsubscribe(sub)
	rec = webtest.Do(h, "POST", "/api/v1/agent/conversations/c1/claim", "", bearer...)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"claimed_by":"key:desk-robot"`) {
		t.Fatalf("claim: %d %s", rec.Code, rec.Body)
	}
	if len(claimed) != 3 || claimed[0] != "c1" || claimed[1] != "key:desk-robot" || !strings.HasPrefix(claimed[2], "Ein kundebehandlar") {
		t.Errorf("claimed %q: the notice is in the conversation's standard", claimed)
	}
	got := sub.Take()
	for _, want := range []hub.Change{hub.QueueChanged(), hub.ConversationChanged("c1")} {
		if !slices.Contains(got, want) {
			t.Errorf("published %v, missing %v", got, want)
		}
	}

	// A key without the agent scope reaches nothing of the desk.
	chatOnly, chatKey := webtest.WithKey("widget", auth.ScopeChat)
	s2 := webtest.Server(chatOnly, monday10)
	agent.Routes(s2, agent.Deps{Desk: store, Hub: hub.New(), Staffing: staffing})
	claimed = nil
	if rec := webtest.Do(s2.Handler(), "POST", "/api/v1/agent/conversations/c1/claim", "", "Authorization", "Bearer "+chatKey); rec.Code != http.StatusForbidden || claimed != nil {
		t.Errorf("chat-scoped key: status %d, claimed %q", rec.Code, claimed)
	}
}
