package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/los-bot/los/auth"
)

var (
	secretField = regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`)
	qrImage     = regexp.MustCompile(`<img src="data:image/png;base64,[^"]{100,}"`)
	recovery    = regexp.MustCompile(`<code>([a-z2-7]{5}-[a-z2-7]{5})</code>`)
)

// TestTOTPSignIn: an admin, whose role requires a second factor, signs in
// with the password, is sent to set one up (QR code and key), confirms
// it with a code and reads the recovery codes once; the next sign-in asks
// for a code; a recovery code works once.
func TestTOTPSignIn(t *testing.T) {
	e := newDeskEnv(t, func(d *siteDeps) { d.TOTPRoles = []auth.Role{auth.RoleAdmin} })
	b := e.browser(t)
	resp, _ := b.submitLogin("ada@example.no", testPassword)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/agent/totp") {
		t.Fatalf("password of an admin without a second factor: %d %s, want a redirect to /agent/totp", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := b.do("GET", "/api/v1/agent/me", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("signed in before setting up the second factor: %d", resp.StatusCode)
	}
	resp, body := b.do("GET", "/agent/totp", "")
	m := secretField.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil || !qrImage.MatchString(body) || !strings.Contains(body, `href="otpauth://totp/Los:ada@example.no?`) {
		t.Fatalf("enrolment page: %d, secret %v, QR %v\n%s", resp.StatusCode, m != nil, qrImage.MatchString(body), body[:min(len(body), 1500)])
	}
	secret := m[1]
	post := func(path string, form url.Values) (*http.Response, string) {
		_, page := b.do("GET", "/agent/login", "")
		form.Set("csrf", csrfField.FindStringSubmatch(page)[1])
		return b.do("POST", path, form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	if resp, _ := post("/agent/totp", url.Values{"secret": {secret}, "code": {"000000"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("enrolment with a wrong code: %d, want 422", resp.StatusCode)
	}
	code, _ := totp.GenerateCode(secret, e.clock.now())
	resp, body = post("/agent/totp", url.Values{"secret": {secret}, "code": {code}})
	codes := recovery.FindAllStringSubmatch(body, -1)
	if resp.StatusCode != http.StatusOK || len(codes) != 10 {
		t.Fatalf("enrolment: %d, %d recovery codes", resp.StatusCode, len(codes))
	}
	if resp, _ := b.do("GET", "/api/v1/agent/me", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("not signed in after enrolment: %d", resp.StatusCode)
	}

	// The next sign-in, in another browser, asks for the code.
	b = e.browser(t)
	resp, body = b.submitLogin("ada@example.no", testPassword)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="code"`) {
		t.Fatalf("password step: %d, want the code form", resp.StatusCode)
	}
	if resp, _ := post("/agent/login/code", url.Values{"code": {code}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the enrolment's code again (replay): %d, want 401", resp.StatusCode)
	}
	e.clock.add(30 * time.Second)
	code, _ = totp.GenerateCode(secret, e.clock.now())
	if resp, _ := post("/agent/login/code", url.Values{"code": {code}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the next code: %d, want 303", resp.StatusCode)
	}
	if resp, _ := b.do("GET", "/api/v1/agent/me", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("not signed in after the code: %d", resp.StatusCode)
	}

	b = e.browser(t)
	b.submitLogin("ada@example.no", testPassword)
	if resp, _ := post("/agent/login/code", url.Values{"code": {codes[3][1]}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a recovery code: %d, want 303", resp.StatusCode)
	}
	b = e.browser(t)
	b.submitLogin("ada@example.no", testPassword)
	if resp, _ := post("/agent/login/code", url.Values{"code": {codes[3][1]}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a recovery code used twice: %d, want 401", resp.StatusCode)
	}
}
