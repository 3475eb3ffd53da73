package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/webhook"
)

type hookCall struct {
	sig  string
	body []byte
}

// hookReceiver is an integrator's webhook endpoint on 127.0.0.1.
func hookReceiver(t *testing.T) (*httptest.Server, chan hookCall) {
	calls := make(chan hookCall, 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		calls <- hookCall{r.Header.Get(webhook.SignatureHeader), b}
	}))
	t.Cleanup(srv.Close)
	return srv, calls
}

// drain returns the payloads delivered so far, after checking each
// signature.
func drain(t *testing.T, calls chan hookCall, secret string, e *deskEnv) []webhook.Payload {
	t.Helper()
	var out []webhook.Payload
	for {
		select {
		case c := <-calls:
			if err := webhook.Verify(secret, c.sig, c.body, e.clock.now(), webhook.Tolerance); err != nil {
				t.Fatalf("delivery %s: %v", c.body, err)
			}
			var p webhook.Payload
			if err := json.Unmarshal(c.body, &p); err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
		default:
			return out
		}
	}
}

func types(ps []webhook.Payload) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Type)
	}
	return out
}

// TestOwnDeskThroughTheAPI runs an agent desk of one's own through the API
// alone: a chat key starts the conversation, a webhook brings
// handoff.requested, an agent key claims, replies and closes.
func TestOwnDeskThroughTheAPI(t *testing.T) {
	// The receiver is on 127.0.0.1: allowed as LOS_WEBHOOK_ALLOW_PRIVATE
	// would, both when saved and when delivered.
	e := newDeskEnv(t, func(d *siteDeps) { d.WebhookGuard.AllowPrivate = true })
	ctx := context.Background()
	chat, agent, admin := e.key(t, auth.ScopeChat), e.key(t, auth.ScopeAgent), e.key(t, auth.ScopeAdmin)
	recv, calls := hookReceiver(t)
	worker := webhook.NewWorker(e.db, nil)
	worker.Client = webhook.NewClient(webhook.Guard{AllowPrivate: true})
	worker.Now = e.clock.now

	var hook struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}
	admin.decode("POST", "/api/v1/webhooks", `{"url":"`+recv.URL+`/los","events":["handoff.requested","handoff.claimed","conversation.closed","message.created"]}`, 201, &hook)
	if hook.Secret == "" {
		t.Fatal("no secret on creation")
	}

	var conv struct{ ID string }
	chat.decode("POST", "/api/v1/conversations", `{"lang":"nb"}`, 201, &conv)
	var turn struct{ Action string }
	chat.decode("POST", "/api/v1/conversations/"+conv.ID+"/messages", `{"text":"Mannen min døde i helgen, hva gjør jeg med fakturaen?"}`, 200, &turn)
	if turn.Action == "answer" {
		t.Fatalf("a bereaved customer was not handed over: %s", turn.Action)
	}
	if err := worker.Step(ctx); err != nil {
		t.Fatal(err)
	}
	got := drain(t, calls, hook.Secret, e)
	i := slices.Index(types(got), "handoff.requested")
	if i < 0 {
		t.Fatalf("no handoff.requested among %v", types(got))
	}
	var data struct {
		ConversationID string `json:"conversation_id"`
	}
	json.Unmarshal(got[i].Data, &data)
	if data.ConversationID != conv.ID {
		t.Fatalf("handoff.requested for %q, want %q", data.ConversationID, conv.ID)
	}

	// The integrator's desk takes over with the agent key.
	var q struct {
		Items []struct {
			ConversationID string `json:"conversation_id"`
		}
	}
	agent.decode("GET", "/api/v1/agent/queue", "", 200, &q)
	if len(q.Items) != 1 || q.Items[0].ConversationID != conv.ID {
		t.Fatalf("queue = %+v", q)
	}
	agent.decode("POST", "/api/v1/agent/conversations/"+conv.ID+"/claim", "", 200, nil)
	agent.decode("POST", "/api/v1/agent/conversations/"+conv.ID+"/messages", `{"text":"Kondolerer. Jeg hjelper deg med fakturaen."}`, 201, nil)
	var tr struct {
		Status   string
		Messages []struct{ Role, Text string }
	}
	chat.decode("GET", "/api/v1/conversations/"+conv.ID, "", 200, &tr)
	last := tr.Messages[len(tr.Messages)-1]
	if tr.Status != "agent" || last.Role != "agent" || last.Text != "Kondolerer. Jeg hjelper deg med fakturaen." {
		t.Fatalf("the customer sees %+v", tr)
	}
	agent.decode("POST", "/api/v1/agent/conversations/"+conv.ID+"/close", `{"outcome":"resolved"}`, 200, nil)
	if err := worker.Step(ctx); err != nil {
		t.Fatal(err)
	}
	after := types(drain(t, calls, hook.Secret, e))
	if !slices.Contains(after, "handoff.claimed") || !slices.Contains(after, "conversation.closed") || !slices.Contains(after, "message.created") {
		t.Fatalf("after claim and close, deliveries = %v", after)
	}

	// The delivery log shows every delivery done, and one can be sent again.
	var log struct {
		Items []struct {
			ID     int64
			Status string
		}
	}
	admin.decode("GET", "/api/v1/webhooks/"+jsonInt(hook.ID)+"/deliveries", "", 200, &log)
	if len(log.Items) != len(got)+len(after) {
		t.Fatalf("log has %d deliveries, receiver got %d", len(log.Items), len(got)+len(after))
	}
	for _, d := range log.Items {
		if d.Status != "delivered" {
			t.Errorf("delivery %d: %s", d.ID, d.Status)
		}
	}
	admin.decode("POST", "/api/v1/webhooks/"+jsonInt(hook.ID)+"/deliveries/"+jsonInt(log.Items[0].ID)+"/redeliver", "", 202, nil)
	if err := worker.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if again := drain(t, calls, hook.Secret, e); len(again) != 1 {
		t.Errorf("redelivery sent %d", len(again))
	}
}

// hosts resolves the test's host names without DNS.
type hosts map[string][]netip.Addr

func (h hosts) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := h[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

var testHosts = hosts{
	"crm.example.no":       {netip.MustParseAddr("193.90.0.1")},
	"intranett.example.no": {netip.MustParseAddr("193.90.0.2"), netip.MustParseAddr("10.20.30.40")},
}

func TestWebhookCRUD(t *testing.T) {
	e := newDeskEnv(t, func(d *siteDeps) { d.WebhookGuard.Resolver = testHosts })
	admin := e.key(t, auth.ScopeAdmin)
	tests := []struct {
		name, body string
		want       int
		msg        string
	}{
		{"not http", `{"url":"ftp://crm.example.no/x","events":["handoff.requested"]}`, 422, "not an http or https URL"},
		{"unknown event", `{"url":"https://crm.example.no/x","events":["kaffe.brygget"]}`, 422, "kaffe.brygget"},
		{"no events", `{"url":"https://crm.example.no/x","events":[]}`, 422, "at least one"},
		{"missing url", `{"events":["handoff.requested"]}`, 422, "give url and events"},
		{"malformed", `{`, 400, ""},
		{"loopback", `{"url":"http://127.0.0.1:8080/x","events":["handoff.requested"]}`, 422,
			"webhook URL resolves to 127.0.0.1, a loopback address; set LOS_WEBHOOK_ALLOW_PRIVATE=true to allow internal destinations"},
		{"private", `{"url":"http://10.0.0.1/x","events":["handoff.requested"]}`, 422, "10.0.0.1, a private address"},
		{"cloud metadata", `{"url":"http://169.254.169.254/latest/meta-data/","events":["handoff.requested"]}`, 422,
			"169.254.169.254, a link-local address (the cloud metadata service)"},
		{"loopback v6", `{"url":"http://[::1]:8080/x","events":["handoff.requested"]}`, 422, "::1, a loopback address"},
		{"localhost", `{"url":"http://localhost:8080/x","events":["handoff.requested"]}`, 422, "host localhost resolves to 127.0.0.1"},
		{"name of a private address", `{"url":"https://intranett.example.no/x","events":["handoff.requested"]}`, 422,
			"host intranett.example.no resolves to 10.20.30.40, a private address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			admin.t = t
			if got, body := admin.do("POST", "/api/v1/webhooks", tt.body); got != tt.want || !strings.Contains(body, tt.msg) {
				t.Errorf("%d %s, want %d with %q", got, body, tt.want, tt.msg)
			}
		})
	}
	admin.t = t
	var w struct {
		ID     int64
		Secret string
		Active bool
		Events []string
	}
	admin.decode("POST", "/api/v1/webhooks", `{"url":"https://crm.example.no/los","events":["feedback.received"]}`, 201, &w)
	path := "/api/v1/webhooks/" + jsonInt(w.ID)
	w.Secret = ""
	admin.decode("PATCH", path, `{"active":false,"events":["article.published","feedback.received"]}`, 200, &w)
	if w.Active || len(w.Events) != 2 || w.Secret != "" {
		t.Fatalf("updated = %+v (the secret is shown on creation only)", w)
	}
	if got, body := admin.do("PATCH", path, `{"url":"http://169.254.169.254/"}`); got != 422 || !strings.Contains(body, "cloud metadata") {
		t.Fatalf("PATCH to the metadata address: %d %s", got, body)
	}
	admin.decode("GET", path, "", 200, &w)
	admin.decode("DELETE", path, "", 204, nil)
	admin.decode("GET", path, "", 404, nil)
	admin.decode("GET", "/api/v1/webhooks/abc", "", 404, nil)
}
