package web

import "testing"

// TestSafeNext: only paths on this site survive; the audit's
// "/\t/evil.example/" (browsers drop the TAB and go to evil.example) and
// its relatives do not.
func TestSafeNext(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/agent", "/agent"},
		{"/editor/articles/faktura?tab=versions#v2", "/editor/articles/faktura?tab=versions#v2"},
		{"/\t/evil.example/", ""},
		{"/\r/evil.example/", ""},
		{"/\n/evil.example/", ""},
		{"/\\evil.example/", ""},
		{"/\\/evil.example/", ""},
		{"//evil.example/", ""},
		{"/\x00x", ""},
		{"/\x7fx", ""},
		{"https://evil.example/", ""},
		{"javascript:alert(1)", ""},
		{"evil.example", ""},
		{"", ""},
		{"/" + string(make([]byte, 250)), ""},
	} {
		if got := SafeNext(tt.in); got != tt.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
