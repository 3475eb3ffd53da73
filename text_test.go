package los_test

import (
	"testing"

	"github.com/los-bot/los"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hei", "Hei"},
		{"Hei\x00 der", "Hei der"},
		{"a\x1b[31mb", "a[31mb"},
		{"linje 1\r\nlinje 2\rlinje 3", "linje 1\nlinje 2\nlinje 3"},
		{"tab\tog\nlinje", "tab\tog\nlinje"},
		{"\x07\x08\x0b\x0c\x7f", ""},
		{"æøå – «sitat»", "æøå – «sitat»"},
	}
	for _, tt := range tests {
		if got := los.CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if _, err := los.ValidateText("\x00\x00 \x1b"); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("a message of control characters alone: err = %v, want invalid (empty)", err)
	}
	if got, err := los.ValidateText(" Hei\x00 "); err != nil || got != "Hei" {
		t.Errorf("ValidateText = %q, %v", got, err)
	}
}
