package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// testConversationKey: a conversation keeps the API key that started it.
func testConversationKey(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	for _, c := range []*los.Conversation{{ID: "by-key", TokenHash: []byte{1}, KeyID: 7}, {ID: "own", TokenHash: []byte{2}}} {
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[string]int64{"by-key": 7, "own": 0} {
		c, err := db.Conversation(ctx, id)
		if err != nil || c.KeyID != want {
			t.Errorf("Conversation(%s).KeyID = %+v, %v; want %d", id, c, err, want)
		}
	}
}

// testKeyExpiry: a key keeps its expiry; without one it has none.
func testKeyExpiry(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	at := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	_, k, err := db.NewAPIKeyUntil(ctx, "kort", []auth.Scope{auth.ScopeChat}, at)
	if err != nil {
		t.Fatal(err)
	}
	_, never, err := db.NewAPIKey(ctx, "lang", []auth.Scope{auth.ScopeChat})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.APIKeyByHash(ctx, k.Hash)
	if err != nil || got.Expires == nil || !got.Expires.Equal(at) || !got.Expired(at) || got.Expired(at.Add(-time.Second)) {
		t.Errorf("expiring key = %+v, %v", got, err)
	}
	if got, err := db.APIKeyByHash(ctx, never.Hash); err != nil || got.Expires != nil {
		t.Errorf("key without expiry = %+v, %v", got, err)
	}
}

// testAccountControls: disable, role, second factor, delete.
func testAccountControls(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	u := &auth.User{Email: "kari@example.no", Role: auth.RoleAgent, PasswordHash: "h"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	if err := db.CreateSession(ctx, &auth.Session{TokenHash: []byte("s"), UserID: u.ID, CSRF: "c", Created: now, Expires: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetUserDisabled(ctx, u.Email, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.UserByEmail(ctx, u.Email); !got.Disabled {
		t.Error("not disabled")
	}
	if _, _, err := db.Session(ctx, []byte("s")); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("a disabled user's session remains: %v", err)
	}
	if err := db.SetUserDisabled(ctx, u.Email, false); err != nil {
		t.Fatal(err)
	}
	if err := db.SetUserRole(ctx, u.Email, auth.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.UserByEmail(ctx, u.Email); got.Disabled || got.Role != auth.RoleAdmin {
		t.Errorf("after enable and role: %+v", got)
	}
	if err := db.SetTOTP(ctx, u.ID, "SECRET", [][]byte{[]byte("code1")}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		step int64
		want bool
	}{{100, true}, {100, false}, {99, false}, {101, true}} {
		if ok, err := db.UseTOTPStep(ctx, u.ID, tt.step); err != nil || ok != tt.want {
			t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", tt.step, ok, err, tt.want)
		}
	}
	if ok, _ := db.UseRecoveryCode(ctx, u.ID, []byte("code1")); !ok {
		t.Error("recovery code refused")
	}
	if ok, _ := db.UseRecoveryCode(ctx, u.ID, []byte("code1")); ok {
		t.Error("recovery code used twice")
	}
	if err := db.ResetTOTP(ctx, u.Email); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.UserByEmail(ctx, u.Email); got.HasTOTP() || got.TOTPStep != 0 {
		t.Errorf("after reset: %+v", got)
	}
	if err := db.DeleteUser(ctx, u.Email); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UserByEmail(ctx, u.Email); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("deleted user: %v", err)
	}
	for _, err := range []error{db.DeleteUser(ctx, u.Email), db.SetUserDisabled(ctx, u.Email, true), db.ResetTOTP(ctx, u.Email)} {
		if los.ErrorCode(err) != los.ENOTFOUND {
			t.Errorf("unknown user: %v, want not_found", err)
		}
	}
}
