package auth

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

	"github.com/los-bot/los"
)

// The password policy, after NIST SP 800-63B rev. 4 (section 3.1.1.2)
// and OWASP ASVS 5.0 (V6.2), which NSM's basic principles for ICT
// security point to for passwords:
//
//   - at least MinPasswordRunes characters. Decided: 15 for everyone,
//     the length NIST asks of a password that is the only factor, because
//     a second factor (TOTP) is required only for the roles in
//     LOS_TOTP_ROLES and optional for the rest;
//   - at most MaxPasswordRunes (any character, spaces included: a
//     passphrase of words is the advice), never truncated;
//   - not only white space, not the user's e-mail address or its local
//     part;
//   - not common or easy to guess: refused when zxcvbn estimates fewer
//     than 10^10 guesses (its score below 4 of 0..4). zxcvbn (the Go port
//     github.com/trustelem/zxcvbn v1.0.1, MIT licence, of Dropbox's
//     zxcvbn 4.4.2, MIT) embeds a list of the 30,000 most common
//     passwords with their frequencies, common names, English words, and
//     recognises keyboard walks, repeats, sequences, dates and l33t.
//     Norwegian words it does not know (passord, sommer, hemmelig ...)
//     are given to it as the user's own words, with the e-mail address.
//
// No composition rules (NIST and ASVS advise against them) and no
// expiry: a password is changed when it may be known (los users passwd).
const (
	MinPasswordRunes = 15
	MaxPasswordRunes = 256
)

// minGuesses is zxcvbn's score 4: "very unguessable", 10^10 guesses.
const minGuesses = 1e10

// norwegianWords are common in Norwegian passwords and absent from
// zxcvbn's English lists.
var norwegianWords = []string{
	"passord", "hemmelig", "velkommen", "sommer", "vinter", "høst", "vår", "norge", "norsk", "oslo", "bergen",
	"trondheim", "fotball", "kjæreste", "elsker", "jegelskerdeg", "hallo", "heisann", "kundeservice", "bruker",
	"admin", "agent", "redaktør", "los", "innlogging", "logginn", "mamma", "pappa", "katt", "hund", "januar",
	"februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember",
}

// CheckPassword says why password is not good enough for the user with
// e-mail address email, or nil. The message is for the person choosing it.
func CheckPassword(password, email string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return los.Errorf(los.EINVALID, "the password is not valid UTF-8")
	case strings.TrimFunc(password, unicode.IsSpace) == "":
		return los.Errorf(los.EINVALID, "the password is only white space")
	case n < MinPasswordRunes:
		return los.Errorf(los.EINVALID, "the password is too short (%d characters); use at least %d, for example four or five random words", n, MinPasswordRunes)
	case n > MaxPasswordRunes:
		return los.Errorf(los.EINVALID, "the password is too long (%d characters); use at most %d", n, MaxPasswordRunes)
	}
	lower := strings.ToLower(strings.TrimSpace(password))
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	if email != "" && (lower == strings.ToLower(email) || lower == local) {
		return los.Errorf(los.EINVALID, "the password is the e-mail address; choose something else")
	}
	inputs := append([]string{strings.ToLower(email), local}, norwegianWords...)
	if r := zxcvbn.PasswordStrength(password, inputs); r.Guesses < minGuesses {
		return los.Errorf(los.EINVALID, "the password is too easy to guess (common words, names, patterns or repeats; about %s guesses); use four or five random words", guesses(r.Guesses))
	}
	return nil
}

func guesses(g float64) string {
	switch {
	case g < 1e3:
		return fmt.Sprintf("%.0f", g)
	case g < 1e6:
		return fmt.Sprintf("%.0f thousand", g/1e3)
	case g < 1e9:
		return fmt.Sprintf("%.0f million", g/1e6)
	}
	return fmt.Sprintf("%.0f billion", g/1e9)
}
