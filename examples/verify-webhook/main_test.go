package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los/webhook"
)

// TestVerifyAgreesWithLos signs with Los's own code and verifies with the
// example's, so the two cannot drift apart.
func TestVerifyAgreesWithLos(t *testing.T) {
	body := []byte(`{"id":"evt_7","type":"handoff.requested","created":"2026-11-23T10:00:00Z","data":{"conversation_id":"c1"}}`)
	now := time.Now()
	tests := []struct {
		name   string
		header string
		body   []byte
		ok     bool
	}{
		{"signed by Los", webhook.Sign("whsec_x", now, body), body, true},
		{"another secret", webhook.Sign("whsec_y", now, body), body, false},
		{"body changed", webhook.Sign("whsec_x", now, body), append(bytes.Clone(body), ' '), false},
		{"replayed later", webhook.Sign("whsec_x", now.Add(-10*time.Minute), body), body, false},
		{"no header", "", body, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verify("whsec_x", tt.header, tt.body, now)
			if (err == nil) != tt.ok {
				t.Errorf("verify = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestHandler(t *testing.T) {
	h := handler("whsec_x", log.New(io.Discard, "", 0))
	body := `{"id":"evt_1","type":"message.created"}`
	tests := []struct {
		name string
		sig  string
		want int
	}{
		{"signed", webhook.Sign("whsec_x", time.Now(), []byte(body)), http.StatusNoContent},
		{"forged", "t=1,v1=00", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/", strings.NewReader(body))
			req.Header.Set("X-Los-Signature", tt.sig)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}
