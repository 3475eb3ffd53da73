package bot

import (
	"github.com/los-bot/los"
	"strings"
	"testing"
)

func TestChatText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"table to list", "Prisene:\n\n| Pakke | Innhold | Pris per måned |\n|---|---|---|\n| TV Basis | 25 kanaler | 299 kr |\n| **TV Stor** | 60 kanaler | 499 kr |",
			"Prisene:\n\n- **TV Basis**: innhold: 25 kanaler, pris per måned: 299 kr\n- **TV Stor**: innhold: 60 kanaler, pris per måned: 499 kr"},
		{"acronym header keeps its case", "| Tid | TV |\n|--|--|\n| 12 timer | 600 kr |", "- **12 timer**: TV: 600 kr"},
		{"heading made bold", "### Slik gjer du\n1. Logg inn.", "**Slik gjer du**\n1. Logg inn."},
		{"list kept", "Du kan:\n- ringe\n- skrive", "Du kan:\n- ringe\n- skrive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := chatText(tc.in); got != tc.want {
				t.Errorf("chatText:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestQuoteCutsAtSentence(t *testing.T) {
	long := strings.Repeat("Dette er ei setning om straum. ", 40)
	q := quote(long)
	if len(q) > 700 || !strings.HasSuffix(q, ".") {
		t.Errorf("quote: %d bytes, ends %q", len(q), q[len(q)-5:])
	}
}

func TestNextPart(t *testing.T) {
	a1 := los.Source{Slug: "a", Anchor: "", Quote: "Første."}
	a2 := los.Source{Slug: "a", Anchor: "pris", Quote: "Det koster 39 kr."}
	b1 := los.Source{Slug: "b", Quote: "Noe annet."}
	if s, ok := nextPart([]los.Source{a1, b1, a2}); !ok || s.Anchor != "pris" {
		t.Errorf("the article's next section within three: %v %v", s, ok)
	}
	if _, ok := nextPart([]los.Source{a1, b1, b1, a2}); ok {
		t.Error("a section ranked fourth is quoted")
	}
	if _, ok := nextPart([]los.Source{a1, a1}); ok {
		t.Error("the same passage is quoted twice")
	}
}
