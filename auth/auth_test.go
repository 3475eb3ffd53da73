package auth_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

func TestHashAndVerify(t *testing.T) {
	h, err := auth.HashPassword("riktig hest batteri stift")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := auth.HashPassword("riktig hest batteri stift")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC format", h)
	}
	tests := []struct {
		name     string
		hash     string
		password string
		want     bool
		wantErr  bool
	}{
		{name: "right", hash: h, password: "riktig hest batteri stift", want: true},
		{name: "wrong", hash: h, password: "riktig hest batteri stiff"},
		{name: "empty", hash: h, password: ""},
		{name: "bcrypt hash", hash: "$2a$10$abcdefghijklmnopqrstuv", password: "x", wantErr: true},
		{name: "truncated", hash: h[:strings.LastIndexByte(h, '$')], password: "x", wantErr: true},
		{name: "bad params", hash: strings.Replace(h, "t=2", "t=0", 1), password: "x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.VerifyPassword(tt.hash, tt.password)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("VerifyPassword = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newService(t *testing.T) (*auth.Service, *store.DB, *clock) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.SetClock(clk.now)
	for _, u := range []struct {
		email string
		role  auth.Role
	}{{"kari@example.no", auth.RoleAgent}, {"eva@example.no", auth.RoleEditor}} {
		h, err := auth.HashPassword("et langt passord")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(context.Background(), &auth.User{Email: u.email, Role: u.role, PasswordHash: h}); err != nil {
			t.Fatal(err)
		}
	}
	return auth.New(db, clk.now, nil), db, clk
}

func TestLoginAndExpiry(t *testing.T) {
	ctx := context.Background()
	a, _, clk := newService(t)
	if _, _, _, err := a.Login(ctx, "kari@example.no", "feil passord", "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("wrong password: err = %v, want unauthorized", err)
	}
	if _, _, _, err := a.Login(ctx, "ingen@example.no", "et langt passord", "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("unknown user: err = %v, want unauthorized", err)
	}
	token, sess, u, err := a.Login(ctx, "  Kari@Example.no ", "et langt passord", "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != auth.RoleAgent || len(token) < 40 || len(sess.CSRF) < 40 || !sess.Expires.Equal(clk.t.Add(auth.DefaultTTL)) {
		t.Errorf("login: user %+v, token %q, session %+v", u, token, sess)
	}
	clk.t = clk.t.Add(auth.DefaultTTL - time.Second)
	if got, _, err := a.Authenticate(ctx, token); err != nil || got.Email != "kari@example.no" {
		t.Errorf("just before expiry: %+v, %v", got, err)
	}
	clk.t = clk.t.Add(time.Second)
	if _, _, err := a.Authenticate(ctx, token); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("at expiry: err = %v, want unauthorized", err)
	}
	if _, _, err := a.Authenticate(ctx, "made-up"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("made-up token: err = %v, want unauthorized", err)
	}
	token, _, _, err = a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Authenticate(ctx, token); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("after logout: err = %v, want unauthorized", err)
	}
}

func TestLoginThrottle(t *testing.T) {
	ctx := context.Background()
	a, _, clk := newService(t)
	for i := range 10 {
		if _, _, _, err := a.Login(ctx, "kari@example.no", "gjetning", "10.0.0.9"); los.ErrorCode(err) != los.EAUTH {
			t.Fatalf("attempt %d: err = %v", i+1, err)
		}
	}
	// Now even the right password is refused for this address from this IP.
	if _, _, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.9"); los.ErrorCode(err) != los.ELIMIT {
		t.Errorf("after 10 failures: err = %v, want rate_limited", err)
	}
	clk.t = clk.t.Add(15 * time.Minute)
	if _, _, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.9"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

// TestLockoutIsPerAccountAndSource: failures from one address lock the
// account out from that address only, so an attacker cannot lock the real
// user out: the right password from elsewhere still works.
func TestLockoutIsPerAccountAndSource(t *testing.T) {
	ctx := context.Background()
	a, _, clk := newService(t)
	for i := range 10 {
		clk.t = clk.t.Add(10 * time.Second) // slow enough for the attempt rate
		if _, _, _, err := a.Login(ctx, "kari@example.no", "gjetning", "203.0.113.7"); los.ErrorCode(err) != los.EAUTH {
			t.Fatalf("attempt %d: err = %v", i+1, err)
		}
	}
	if _, _, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "203.0.113.7"); los.ErrorCode(err) != los.ELIMIT {
		t.Errorf("attacker's address after 10 failures: err = %v, want rate_limited", err)
	}
	if _, _, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.10"); err != nil {
		t.Errorf("the real user from another address: %v, want signed in", err)
	}
	if _, _, _, err := a.Login(ctx, "eva@example.no", "et langt passord", "203.0.113.7"); err != nil {
		t.Errorf("another account from the attacker's address: %v (spraying is bounded by Sources, not yet reached)", err)
	}
}

// TestParallelSignInsAreLimitedBeforeHashing: simultaneous wrong
// passwords from one address are counted before any is checked, so most
// are refused without hashing (the audit saw 100 parallel attempts all
// reach argon2id, none refused).
func TestParallelSignInsAreLimitedBeforeHashing(t *testing.T) {
	ctx := context.Background()
	a, db, _ := newService(t)
	counted := &countingStore{DB: db}
	a.Store = counted
	const n = 60
	var wg sync.WaitGroup
	codes := make(chan los.Code, n)
	for range n {
		wg.Go(func() {
			_, _, _, err := a.Login(ctx, "kari@example.no", "gjetning", "198.51.100.1")
			codes <- los.ErrorCode(err)
		})
	}
	wg.Wait()
	close(codes)
	got := map[los.Code]int{}
	for c := range codes {
		got[c]++
	}
	if got[los.EAUTH] > 10 || got[los.ELIMIT] < n-10 || got[los.EAUTH]+got[los.ELIMIT] != n {
		t.Errorf("%d parallel wrong sign-ins: %v; want at most 10 checked (401) and the rest refused (429)", n, got)
	}
	if c := counted.lookups.Load(); c > 10 {
		t.Errorf("%d passwords looked up and hashed, want at most 10", c)
	}
}

type countingStore struct {
	*store.DB
	lookups atomic.Int64
}

func (s *countingStore) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	s.lookups.Add(1)
	return s.DB.UserByEmail(ctx, email)
}

func TestParseRoleAndEmail(t *testing.T) {
	if r, err := auth.ParseRole(" Admin "); err != nil || r != auth.RoleAdmin {
		t.Errorf("ParseRole = %s, %v", r, err)
	}
	if _, err := auth.ParseRole("root"); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("ParseRole(root): err = %v", err)
	}
	for _, bad := range []string{"", "kari", "kari@", "Kari <kari@example.no>", "kari@localhost"} {
		if _, err := auth.NormalizeEmail(bad); err == nil {
			t.Errorf("NormalizeEmail(%q) accepted", bad)
		}
	}
	if e, err := auth.NormalizeEmail(" Kari.Nordmann@Example.NO "); err != nil || e != "kari.nordmann@example.no" {
		t.Errorf("NormalizeEmail = %q, %v", e, err)
	}
}
