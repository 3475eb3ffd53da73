package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestCSATAPI(t *testing.T) {
	e := newAnalyticsEnv(t)
	c := e.customer(t)
	c.say("Hvor finner jeg fakturaen?")
	tests := []struct {
		name   string
		token  string
		body   string
		status int
		score  int
	}{
		{name: "score too high", body: `{"score": 6}`, status: http.StatusUnprocessableEntity},
		{name: "score zero", body: `{"score": 0}`, status: http.StatusUnprocessableEntity},
		{name: "no score", body: `{"comment": "bra"}`, status: http.StatusUnprocessableEntity},
		{name: "not json", body: `score=4`, status: http.StatusBadRequest},
		{name: "wrong token", token: "lct_wrong", body: `{"score": 4}`, status: http.StatusUnauthorized},
		{name: "first answer", body: `{"score": 4, "comment": "Greit nok"}`, status: http.StatusOK, score: 4},
		{name: "later answer replaces", body: `{"score": 2}`, status: http.StatusOK, score: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := *c
			if tt.token != "" {
				cc.token = tt.token
			}
			resp, body := cc.do("POST", "/api/v1/conversations/"+c.id+"/csat", tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.score == 0 {
				return
			}
			got, err := e.db.CSATOf(context.Background(), c.id)
			if err != nil || got.Score != tt.score {
				t.Errorf("stored %+v (%v), want score %d", got, err, tt.score)
			}
		})
	}
}

func TestMetricsEndpoint(t *testing.T) {
	e := newAnalyticsEnv(t)
	c := e.customer(t)
	c.say("Hvor finner jeg fakturaen?")
	c.askForHuman()
	resp, body := e.browser(t).do("GET", "/metrics", "", "Authorization", "Bearer "+testMetricsToken)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`los_turns_total\{action="answer",lang="(nb|nn|en)",mode="extractive"\} 1`,
		`los_search_seconds_count 1`,
		`los_handoffs_total\{category="human_request"\} 1`,
		`los_http_responses_total\{class="2xx",method="POST",route="/api/v1/conversations/:id/messages"\} 1`,
		`los_http_responses_total\{class="2xx",method="POST",route="/api/v1/conversations"\} 1`,
	} {
		if !regexp.MustCompile(want).MatchString(body) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "fakturaen") {
		t.Error("metrics hold customer text")
	}
}
