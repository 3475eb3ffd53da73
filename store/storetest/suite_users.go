package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

func testUsersAndSessions(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	u := &auth.User{Email: "kari@example.no", Name: "Kari", Role: auth.RoleAgent, PasswordHash: "h1"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(ctx, &auth.User{Email: "kari@example.no", Role: auth.RoleAdmin, PasswordHash: "h"}); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("duplicate e-mail: err = %v, want conflict", err)
	}
	if err := db.CreateUser(ctx, &auth.User{Email: "ada@example.no", Role: auth.RoleAdmin, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	users, err := db.Users(ctx)
	if err != nil || len(users) != 2 || users[0].Email != "ada@example.no" || users[1].Role != auth.RoleAgent {
		t.Errorf("users = %+v, %v", users, err)
	}
	got, err := db.UserByEmail(ctx, "kari@example.no")
	if err != nil || got.ID != u.ID || got.PasswordHash != "h1" {
		t.Errorf("UserByEmail = %+v, %v", got, err)
	}
	if _, err := db.UserByEmail(ctx, "nobody@example.no"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("unknown user: err = %v, want not_found", err)
	}

	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	s := &auth.Session{TokenHash: auth.HashToken("tok"), UserID: u.ID, CSRF: "c", Created: now, Expires: now.Add(time.Hour)}
	old := &auth.Session{TokenHash: auth.HashToken("old"), UserID: u.ID, CSRF: "c", Created: now, Expires: now.Add(-time.Minute)}
	for _, x := range []*auth.Session{s, old} {
		if err := db.CreateSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	gs, gu, err := db.Session(ctx, auth.HashToken("tok"))
	if err != nil || !bytes.Equal(gs.TokenHash, s.TokenHash) || gu.Email != u.Email || gu.Name != "Kari" || !gs.Expires.Equal(s.Expires) || gs.CSRF != "c" {
		t.Errorf("Session = %+v, %+v, %v", gs, gu, err)
	}
	if n, err := db.DeleteExpiredSessions(ctx, now); err != nil || n != 1 {
		t.Errorf("deleted %d expired sessions (%v), want 1", n, err)
	}
	if err := db.SetPassword(ctx, "kari@example.no", "h2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Session(ctx, auth.HashToken("tok")); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("session after a password change: err = %v, want not_found", err)
	}
	if err := db.SetPassword(ctx, "nobody@example.no", "h"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("SetPassword of an unknown user: err = %v, want not_found", err)
	}
}
