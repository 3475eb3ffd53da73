package bot

import "testing"

func TestWithoutRequest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jeg vil snakke med et menneske!", ""},
		{"Kan eg få snakke med ein ekte person?", ""},
		{"I want to talk to a real person please", ""},
		{"Hvordan kan jeg snakke med en person?", ""},
		{"hva er tlf nummeret til kundeservice, vil snakke med et menneske", "hva er tlf nummeret til kundeservice, vil med et"},
		{"Hvordan bestiller jeg e-faktura? Vil snakke med et menneske", "Hvordan bestiller jeg e-faktura? Vil med et"},
	}
	for _, tt := range tests {
		if got := withoutRequest(tt.in); got != tt.want {
			t.Errorf("withoutRequest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
