package auth

import (
	"strings"
	"testing"
)

// TestDummyHashCostsWhatARealOneDoes: the hash verified for unknown e-mail
// addresses is well-formed and has the parameters of a real one, so
// verifying it does the same argon2 work instead of failing fast on its
// format; and no password matches it.
func TestDummyHashCostsWhatARealOneDoes(t *testing.T) {
	h, err := HashPassword("riktig hest batteri stift")
	if err != nil {
		t.Fatal(err)
	}
	params := func(h string) string { return strings.Join(strings.Split(h, "$")[:4], "$") }
	if params(dummyHash) != params(h) {
		t.Errorf("dummy hash parameters %q, a real hash has %q", params(dummyHash), params(h))
	}
	for _, pw := range []string{"", "not a password anyone has", "riktig hest batteri stift"} {
		if ok, err := VerifyPassword(dummyHash, pw); ok || err != nil {
			t.Errorf("VerifyPassword(dummyHash, %q) = %v, %v; want false, nil", pw, ok, err)
		}
	}
}
