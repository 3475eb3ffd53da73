package webhook_test

import (
	"errors"
	"testing"
	"time"

	"github.com/los-bot/los/webhook"
)

func TestVerify(t *testing.T) {
	body := []byte(`{"id":"evt_1","type":"message.created"}`)
	sent := time.Unix(1_800_000_000, 0)
	good := webhook.Sign("hemmelig", sent, body)
	tests := []struct {
		name   string
		secret string
		header string
		body   []byte
		now    time.Time
		want   error
	}{
		{"valid", "hemmelig", good, body, sent.Add(time.Minute), nil},
		{"wrong secret", "annen", good, body, sent, webhook.ErrSignature},
		{"tampered body", "hemmelig", good, []byte(`{"id":"evt_2"}`), sent, webhook.ErrSignature},
		{"too old", "hemmelig", good, body, sent.Add(6 * time.Minute), webhook.ErrTimestamp},
		{"from the future", "hemmelig", good, body, sent.Add(-6 * time.Minute), webhook.ErrTimestamp},
		{"no signature", "hemmelig", "t=1800000000", body, sent, webhook.ErrHeader},
		{"garbage", "hemmelig", "nonsense", body, sent, webhook.ErrHeader},
		{"second signature matches", "hemmelig", good + ",v1=00", body, sent, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := webhook.Verify(tt.secret, tt.header, tt.body, tt.now, webhook.Tolerance)
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		name string
		url  string
		ok   bool
	}{
		{"https", "https://crm.example.no/los", true},
		{"http", "http://127.0.0.1:8080/hook", true},
		{"ftp", "ftp://example.no/", false},
		{"relative", "/hook", false},
		{"javascript", "javascript:alert(1)", false},
		{"credentials", "https://u:p@example.no/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := webhook.CheckURL(tt.url); (err == nil) != tt.ok {
				t.Errorf("CheckURL(%q) = %v, want ok %v", tt.url, err, tt.ok)
			}
		})
	}
}
