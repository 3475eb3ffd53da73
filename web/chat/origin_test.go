package chat

import "testing"

func TestPageAddress(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.no/kundeservice/flytting?kunde=123#skjema", "https://example.no/kundeservice/flytting"},
		{"http://user:pw@example.no/", "http://example.no/"},
		{"  https://example.no  ", "https://example.no"},
		{"file:///home/kari/test.html", ""},
		{"javascript:alert(1)", ""},
		{"not a url", ""},
		{"https:///no-host", ""},
		{"https://example.no/" + string(make([]byte, 600)), ""},
	}
	for _, tt := range tests {
		if got := pageAddress(tt.in); got != tt.want {
			t.Errorf("pageAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
