package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/los-bot/los"
)

// The second factor is TOTP (RFC 6238): HMAC-SHA1, six digits, 30-second
// steps, the authenticator apps' defaults, with one step of clock skew
// either way. A code is accepted once (the store records the last step
// used). Ten single-use recovery codes stand in for a lost phone; the
// store keeps their SHA-256 (they are 50 random bits each, and the
// throttle bounds guessing).

// SecondFactors keeps users' TOTP secrets, the steps they used and their
// recovery codes.
type SecondFactors interface {
	SetTOTP(ctx context.Context, id int64, secret string, codes [][]byte) error
	UseTOTPStep(ctx context.Context, id, step int64) (bool, error)
	UseRecoveryCode(ctx context.Context, id int64, hash []byte) (bool, error)
}

// totpIssuer names Los in authenticator apps.
const totpIssuer = "Los"

var totpOpts = totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a new second factor to show the user: the otpauth:// URL
// (what the QR code holds), the secret to type instead, and the QR code.
type Enrolment struct {
	Secret string
	URL    string
	QRPNG  []byte
}

// NewEnrolment makes a secret for the user with email.
func NewEnrolment(email string) (*Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: email, Period: 30, SecretSize: 20,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return nil, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &Enrolment{Secret: key.Secret(), URL: key.URL(), QRPNG: buf.Bytes()}, nil
}

// TOTPStep returns the time step within one step of now whose code is
// code, or false.
func TOTPStep(secret, code string, now time.Time) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / 30
	for _, s := range []int64{step, step - 1, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*30, 0), totpOpts)
		if err == nil && want == code {
			return s, true
		}
	}
	return 0, false
}

// RecoveryCodes makes n recovery codes to show once (ten base32
// characters, 50 random bits, as xxxxx-xxxxx), and the hashes to store.
func RecoveryCodes(n int) (codes []string, hashes [][]byte) {
	for range n {
		t := strings.ToLower(rand.Text()[:10])
		c := t[:5] + "-" + t[5:]
		codes = append(codes, c)
		hashes = append(hashes, hashRecovery(c))
	}
	return codes, hashes
}

func hashRecovery(code string) []byte {
	c := strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(code))
	h := sha256.Sum256([]byte(c))
	return h[:]
}

var errCode = &los.Error{Code: los.EAUTH, Message: "wrong or used code", Key: "login.code_failed"}
