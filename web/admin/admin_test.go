package admin_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web/admin"
	"github.com/los-bot/los/web/webtest"
)

// The administrators' API against fakes of the store. The same against
// the real store is tested in web's tests.

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

var errNotFound = &los.Error{Code: los.ENOTFOUND, Message: "not found"}

// fakeWebhooks calls its function fields; one left nil answers "not
// found".
type fakeWebhooks struct {
	CreateWebhookFunc func(ctx context.Context, w *los.Webhook) error
	WebhooksFunc      func(ctx context.Context) ([]los.Webhook, error)
	WebhookFunc       func(ctx context.Context, id int64) (*los.Webhook, error)
	UpdateWebhookFunc func(ctx context.Context, w *los.Webhook) error
	DeleteWebhookFunc func(ctx context.Context, id int64) error
	DeliveriesFunc    func(ctx context.Context, webhookID int64, limit int) ([]los.Delivery, error)
	RedeliverFunc     func(ctx context.Context, webhookID, deliveryID int64) (*los.Delivery, error)
}

var _ admin.Webhooks = (*fakeWebhooks)(nil)

func (f *fakeWebhooks) CreateWebhook(ctx context.Context, w *los.Webhook) error {
	if f.CreateWebhookFunc == nil {
		return errNotFound
	}
	return f.CreateWebhookFunc(ctx, w)
}

func (f *fakeWebhooks) Webhooks(ctx context.Context) ([]los.Webhook, error) {
	if f.WebhooksFunc == nil {
		return nil, nil
	}
	return f.WebhooksFunc(ctx)
}

func (f *fakeWebhooks) Webhook(ctx context.Context, id int64) (*los.Webhook, error) {
	if f.WebhookFunc == nil {
		return nil, errNotFound
	}
	return f.WebhookFunc(ctx, id)
}

func (f *fakeWebhooks) UpdateWebhook(ctx context.Context, w *los.Webhook) error {
	if f.UpdateWebhookFunc == nil {
		return errNotFound
	}
	return f.UpdateWebhookFunc(ctx, w)
}

func (f *fakeWebhooks) DeleteWebhook(ctx context.Context, id int64) error {
	if f.DeleteWebhookFunc == nil {
		return errNotFound
	}
	return f.DeleteWebhookFunc(ctx, id)
}

func (f *fakeWebhooks) Deliveries(ctx context.Context, webhookID int64, limit int) ([]los.Delivery, error) {
	if f.DeliveriesFunc == nil {
		return nil, errNotFound
	}
	return f.DeliveriesFunc(ctx, webhookID, limit)
}

func (f *fakeWebhooks) Redeliver(ctx context.Context, webhookID, deliveryID int64) (*los.Delivery, error) {
	if f.RedeliverFunc == nil {
		return nil, errNotFound
	}
	return f.RedeliverFunc(ctx, webhookID, deliveryID)
}

// fakeKeys creates one key at a time.
type fakeKeys struct {
	NewAPIKeyFunc func(ctx context.Context, name string, scopes []auth.Scope, expires time.Time) (string, *auth.APIKey, error)
}

var _ admin.Keys = (*fakeKeys)(nil)

func (f *fakeKeys) NewAPIKeyUntil(ctx context.Context, name string, scopes []auth.Scope, expires time.Time) (string, *auth.APIKey, error) {
	return f.NewAPIKeyFunc(ctx, name, scopes, expires)
}
func (f *fakeKeys) APIKeys(context.Context) ([]auth.APIKey, error) { return nil, nil }
func (f *fakeKeys) RevokeAPIKey(context.Context, int64) error      { return errNotFound }

func TestWebhooksWithFakes(t *testing.T) {
	var created []*los.Webhook
	hooks := &fakeWebhooks{
		CreateWebhookFunc: func(_ context.Context, w *los.Webhook) error {
			w.ID = int64(len(created) + 1)
			created = append(created, w)
			return nil
		},
		WebhooksFunc: func(context.Context) ([]los.Webhook, error) {
			return []los.Webhook{{ID: 1, URL: "https://crm.example.no/hook", Secret: "whsec_do-not-show", Active: true}}, nil
		},
	}
	var named string
	var scopes []auth.Scope
	keys := &fakeKeys{NewAPIKeyFunc: func(_ context.Context, name string, s []auth.Scope, _ time.Time) (string, *auth.APIKey, error) {
		named, scopes = name, s
		return "los_new-key", &auth.APIKey{ID: 9, Name: name, Scopes: s}, nil
	}}
	accounts, key := webtest.WithKey("ops", auth.ScopeAdmin)
	s := webtest.Server(accounts, now)
	admin.Routes(s, admin.Deps{Webhooks: hooks, Keys: keys})
	h := s.Handler()
	bearer := []string{"Authorization", "Bearer " + key}

	tests := []struct {
		name, method, path, body string
		status                   int
		created                  int
		want, avoid              []string
	}{
		{name: "created, its secret shown once", method: "POST", path: "/api/v1/webhooks",
			body: `{"url":"https://93.184.215.14/hook","events":["handoff.requested"]}`, status: 201, created: 1,
			want: []string{`"secret":"`, `"active":true`}},
		{name: "an internal address is refused before the store", method: "POST", path: "/api/v1/webhooks",
			body: `{"url":"http://127.0.0.1:9000/hook","events":["handoff.requested"]}`, status: 422},
		{name: "an unknown event is refused", method: "POST", path: "/api/v1/webhooks",
			body: `{"url":"https://93.184.215.14/hook","events":["everything"]}`, status: 422},
		{name: "listed without secrets", method: "GET", path: "/api/v1/webhooks", status: 200,
			want: []string{"crm.example.no"}, avoid: []string{"whsec_do-not-show"}},
		{name: "a key, shown once", method: "POST", path: "/api/v1/keys", body: `{"name":"crm","scopes":["chat"]}`,
			status: 201, want: []string{`"key":"los_new-key"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created = nil
			rec := webtest.Do(h, tt.method, tt.path, tt.body, bearer...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if len(created) != tt.created {
				t.Errorf("stored %d webhooks, want %d", len(created), tt.created)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("missing %q in %s", w, rec.Body)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(rec.Body.String(), a) {
					t.Errorf("%q must not show: %s", a, rec.Body)
				}
			}
		})
	}
	if named != "crm" || len(scopes) != 1 || scopes[0] != auth.ScopeChat {
		t.Errorf("key made as %q with %v", named, scopes)
	}

	// Without the admin scope, nothing reaches the store.
	other, otherKey := webtest.WithKey("desk", auth.ScopeAgent)
	s2 := webtest.Server(other, now)
	admin.Routes(s2, admin.Deps{Webhooks: hooks, Keys: keys})
	created = nil
	if rec := webtest.Do(s2.Handler(), "POST", "/api/v1/webhooks", `{"url":"https://93.184.215.14/hook","events":["handoff.requested"]}`,
		"Authorization", "Bearer "+otherKey); rec.Code != http.StatusForbidden || created != nil {
		t.Errorf("agent-scoped key: status %d, created %d", rec.Code, len(created))
	}
}

type fakeReports func(ctx context.Context, p los.Period) (*los.Report, error)

var _ admin.Reports = fakeReports(nil)

func (f fakeReports) Analytics(ctx context.Context, p los.Period) (*los.Report, error) {
	return f(ctx, p)
}

// The dashboard asks for the period in the query, in Oslo days, and links
// its stylesheet by its content-hashed name.
func TestDashboardWithFakes(t *testing.T) {
	var asked []los.Period
	reports := fakeReports(func(_ context.Context, p los.Period) (*los.Report, error) {
		asked = append(asked, p)
		return &los.Report{Period: p, Outcomes: map[string]int{los.OutcomeResolved: 3}, Conversations: 4,
			Resolution: map[string]int{los.ResolutionConfirmed: 3, los.ResolutionPending: 1}}, nil
	})
	accounts, key := webtest.WithKey("ops", auth.ScopeAdmin)
	s := webtest.Server(accounts, now)
	admin.Routes(s, admin.Deps{Reports: reports})
	h := s.Handler()

	rec := webtest.Do(h, "GET", "/admin/analytics?from=2026-11-01&to=2026-11-02&standard=nn", "", "Authorization", "Bearer "+key)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if len(asked) != 1 || asked[0].Lang != los.Nynorsk || asked[0].To.Sub(asked[0].From) != 48*time.Hour ||
		asked[0].From.Format("2006-01-02 15:04 MST") != "2026-11-01 00:00 CET" {
		t.Errorf("asked for %+v", asked)
	}
	css := regexp.MustCompile(`/admin/analytics/assets/analytics\.[0-9a-f]{12}\.css`).FindString(rec.Body.String())
	if css == "" || !strings.Contains(rec.Body.String(), "75,0 %") {
		t.Fatalf("dashboard: no hashed stylesheet or no confirmed share:\n%s", rec.Body)
	}
	if r := webtest.Do(h, "GET", css, "", "Accept-Encoding", "br"); r.Code != http.StatusOK ||
		r.Header().Get("Content-Encoding") != "br" || !strings.Contains(r.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %v", css, r.Code, r.Header())
	}
	if rec := webtest.Do(h, "GET", "/admin/analytics?from=2026-13-01", "", "Authorization", "Bearer "+key); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("a bad date: %d", rec.Code)
	}
}

// Handoff reasons reach the dashboard in words, in the page's standard,
// never as their codes; a reason the texts do not know reads as the
// general one.
func TestDashboardNamesHandoffReasons(t *testing.T) {
	reports := fakeReports(func(_ context.Context, p los.Period) (*los.Report, error) {
		return &los.Report{Period: p, Conversations: 3, Outcomes: map[string]int{los.OutcomeHandedOver: 3},
			Handoffs: []los.HandoffFigure{
				{Category: string(los.CategoryHumanRequest), Reason: "human_request", Count: 2, Share: 2.0 / 3},
				{Category: string(los.CategoryHumanRequest), Reason: "some_future_reason", Count: 1, Share: 1.0 / 3},
			}}, nil
	})
	accounts, key := webtest.WithKey("ops", auth.ScopeAdmin)
	s := webtest.Server(accounts, now)
	admin.Routes(s, admin.Deps{Reports: reports})
	for _, tt := range []struct{ standard, reason, other string }{
		{"nb", "Ønsker å snakke med et menneske", "Sendt videre til en kundebehandler"},
		{"nn", "Ønskjer å snakke med eit menneske", ""},
		{"en", "Wants to talk to a person", ""},
	} {
		rec := webtest.Do(s.Handler(), "GET", "/admin/analytics?from=2026-11-01&to=2026-11-02&standard="+tt.standard+"&lang="+tt.standard, "", "Authorization", "Bearer "+key)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", tt.standard, rec.Code)
		}
		if strings.Contains(body, ">human_request<") || strings.Contains(body, "some_future_reason<") {
			t.Errorf("%s: a reason code reached the page", tt.standard)
		}
		if !strings.Contains(body, tt.reason) || (tt.other != "" && !strings.Contains(body, tt.other)) {
			t.Errorf("%s: the reasons %q and %q are not on the page", tt.standard, tt.reason, tt.other)
		}
	}
}
