package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// Role says what a user may do.
type Role string

// The roles.
const (
	RoleAgent  Role = "agent"  // answers handed-over conversations
	RoleEditor Role = "editor" // writes knowledge-base articles
	RoleAdmin  Role = "admin"  // everything
)

// Roles lists every role.
var Roles = []Role{RoleAgent, RoleEditor, RoleAdmin}

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Roles, r) {
		return "", los.Errorf(los.EINVALID, "role %q is unknown; use agent, editor or admin", s)
	}
	return r, nil
}

// User is a person who signs in to Los.
type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	// Name is the display name customers see ("Kari"); "" for none.
	Name         string    `json:"name,omitempty"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	Created      time.Time `json:"created"`
	// Disabled users keep their account and audit trail but cannot sign
	// in; their sessions end.
	Disabled bool `json:"disabled,omitempty"`
	// TOTPSecret is the user's second factor (RFC 6238, base32); empty:
	// none. TOTPStep is the last time step a code was accepted for.
	TOTPSecret string `json:"-"`
	TOTPStep   int64  `json:"-"`
}

// MaxNameRunes is the longest display name.
const MaxNameRunes = 40

// NormalizeName checks a display name and returns it with its spaces
// tidied; "" is no name.
func NormalizeName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if !utf8.ValidString(s) {
		return "", los.Errorf(los.EINVALID, "the name is not valid UTF-8")
	}
	if utf8.RuneCountInString(s) > MaxNameRunes {
		return "", los.Errorf(los.EINVALID, "the name is too long (%d characters); use at most %d", utf8.RuneCountInString(s), MaxNameRunes)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return "", los.Errorf(los.EINVALID, "the name holds a character that cannot be shown (%U)", r)
		}
	}
	return s, nil
}

// HasTOTP reports whether the user signs in with a second factor.
func (u *User) HasTOTP() bool { return u.TOTPSecret != "" }

// NormalizeEmail checks an e-mail address and returns it trimmed and in
// lower case, the form users are stored and looked up by.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.IndexByte(s, '@'):], ".") {
		return "", los.Errorf(los.EINVALID, "%q is not an e-mail address", s)
	}
	return s, nil
}

// Session is a signed-in browser. The token itself lives only in the
// browser's cookie; the store keeps its SHA-256.
type Session struct {
	TokenHash []byte
	UserID    int64
	// CSRF is the token the browser sends back in the X-CSRF-Token header
	// (or a csrf form field) with every unsafe request.
	CSRF    string
	Created time.Time
	Expires time.Time
	// Pending is what the session waits for before it signs anyone in:
	// "" (nothing: a full session), PendingCode (the second factor) or
	// PendingEnrol (setting one up, when the role requires it).
	Pending string
}

// What a session may wait for.
const (
	PendingCode  = "code"
	PendingEnrol = "enrol"
)

// HashToken returns the SHA-256 of a session token, as stored.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
