package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// TestSecondFactor: a user with TOTP gets, for the right password, a
// session that signs nobody in until the code; a code is accepted once;
// a recovery code once; a disabled user not at all.
func TestSecondFactor(t *testing.T) {
	ctx := context.Background()
	a, db, clk := newService(t)
	en, err := auth.NewEnrolment("kari@example.no")
	if err != nil {
		t.Fatal(err)
	}
	kari, _ := db.UserByEmail(ctx, "kari@example.no")
	codes, hashes := auth.RecoveryCodes(2)
	if err := db.SetTOTP(ctx, kari.ID, en.Secret, hashes); err != nil {
		t.Fatal(err)
	}
	signIn := func() string {
		t.Helper()
		token, sess, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.1")
		if err != nil || sess.Pending != auth.PendingCode {
			t.Fatalf("password step: %+v, %v; want a session waiting for the code", sess, err)
		}
		if _, _, err := a.Authenticate(ctx, token); los.ErrorCode(err) != los.EAUTH {
			t.Fatalf("a session waiting for the code signs in: %v", err)
		}
		return token
	}
	code := func() string {
		c, err := totp.GenerateCode(en.Secret, clk.t)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	pending := signIn()
	if _, _, _, err := a.SecondFactor(ctx, pending, "000000", "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("a wrong code: %v, want unauthorized", err)
	}
	token, sess, u, err := a.SecondFactor(ctx, pending, code(), "10.0.0.1")
	if err != nil || sess.Pending != "" || u.Email != "kari@example.no" {
		t.Fatalf("the right code: %+v, %v", sess, err)
	}
	if _, _, err := a.Authenticate(ctx, token); err != nil {
		t.Errorf("the full session: %v", err)
	}
	if _, _, _, err := a.SecondFactor(ctx, pending, code(), "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("the half session was used twice: %v", err)
	}
	if _, _, _, err := a.SecondFactor(ctx, signIn(), code(), "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("the same code accepted twice (replay): %v", err)
	}
	if _, _, _, err := a.SecondFactor(ctx, signIn(), codes[0], "10.0.0.1"); err != nil {
		t.Errorf("a recovery code: %v", err)
	}
	if _, _, _, err := a.SecondFactor(ctx, signIn(), codes[0], "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("a recovery code used twice: %v", err)
	}
	clk.t = clk.t.Add(30 * time.Second)
	if _, _, _, err := a.SecondFactor(ctx, signIn(), code(), "10.0.0.1"); err != nil {
		t.Errorf("the next step's code: %v", err)
	}

	if err := db.SetUserDisabled(ctx, "kari@example.no", true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Authenticate(ctx, token); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("a disabled user's session: %v", err)
	}
	if _, _, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.1"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("a disabled user signs in: %v", err)
	}
}

// TestSecondFactorRequired: a role in TOTPRoles without a second factor
// may only set one up; Enrol checks the code and gives a full session and
// recovery codes.
func TestSecondFactorRequired(t *testing.T) {
	ctx := context.Background()
	a, _, clk := newService(t)
	a.TOTPRoles = []auth.Role{auth.RoleEditor}
	if _, sess, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "10.0.0.1"); err != nil || sess.Pending != "" {
		t.Fatalf("an agent (not required): %+v, %v", sess, err)
	}
	token, sess, _, err := a.Login(ctx, "eva@example.no", "et langt passord", "10.0.0.1")
	if err != nil || sess.Pending != auth.PendingEnrol {
		t.Fatalf("an editor without a second factor: %+v, %v; want a session for enrolment", sess, err)
	}
	u, s, err := a.Pending(ctx, token, auth.PendingEnrol)
	if err != nil {
		t.Fatal(err)
	}
	en, _ := auth.NewEnrolment(u.Email)
	if _, _, _, err := a.Enrol(ctx, u, s, en.Secret, "123456"); los.ErrorCode(err) != los.EAUTH {
		t.Errorf("enrolment with a wrong code: %v", err)
	}
	code, _ := totp.GenerateCode(en.Secret, clk.t)
	codes, full, fs, err := a.Enrol(ctx, u, s, en.Secret, code)
	if err != nil || len(codes) != 10 || fs == nil || fs.Pending != "" {
		t.Fatalf("enrolment: %d codes, %+v, %v", len(codes), fs, err)
	}
	if _, _, err := a.Authenticate(ctx, full); err != nil {
		t.Errorf("the session after enrolment: %v", err)
	}
	if _, sess, _, err := a.Login(ctx, "eva@example.no", "et langt passord", "10.0.0.1"); err != nil || sess.Pending != auth.PendingCode {
		t.Errorf("next sign-in: %+v, %v; want the code step", sess, err)
	}
}
