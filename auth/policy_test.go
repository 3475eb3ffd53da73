package auth_test

import (
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// TestPasswordPolicy: the audit's admin had twelve spaces for a password.
func TestPasswordPolicy(t *testing.T) {
	for _, tt := range []struct {
		name, password, email, want string
	}{
		{"twelve spaces", strings.Repeat(" ", 12), "ada@example.no", "only white space"},
		{"fifteen spaces", strings.Repeat(" ", 15), "ada@example.no", "only white space"},
		{"tabs and newlines", "\t\t\t\n\n\n\t\t\t\n\n\n\t\t\t\n", "ada@example.no", "only white space"},
		{"too short", "kort passord", "ada@example.no", "too short (12 characters); use at least 15"},
		{"the e-mail", "ada.lovelace@example.no", "ada.lovelace@example.no", "is the e-mail address"},
		{"the e-mail's local part", "Ada.Lovelace.Lovelace", "ada.lovelace.lovelace@example.no", "is the e-mail address"},
		{"common, long enough", "passwordpassword", "ada@example.no", "too easy to guess"},
		{"a keyboard walk", "qwertyuiopasdfgh", "ada@example.no", "too easy to guess"},
		{"repeats", "aaaaaaaaaaaaaaaaaaaa", "ada@example.no", "too easy to guess"},
		{"a sequence", "123456789012345", "ada@example.no", "too easy to guess"},
		{"Norwegian", "passordpassord123", "ada@example.no", "too easy to guess"},
		{"the address with digits", "adalovelace2024!", "adalovelace@example.no", "too easy to guess"},
		{"too long", strings.Repeat("ord ", 70), "ada@example.no", "too long"},
		{"a passphrase", "riktig hest batteri stift", "ada@example.no", ""},
		{"Norwegian passphrase", "blåbær under furu i regnvær", "ada@example.no", ""},
		{"random", "k7#Qm2!vXp9@Lr4z", "ada@example.no", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.CheckPassword(tt.password, tt.email)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || los.ErrorCode(err) != los.EINVALID {
				t.Fatalf("err = %v, want invalid: %q", err, tt.want)
			}
		})
	}
}
