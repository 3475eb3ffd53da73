package lang

import (
	"testing"

	"github.com/los-bot/los"
)

func TestRequested(t *testing.T) {
	for _, c := range []struct {
		text string
		want los.Standard
		only bool
	}{
		{"kan du svare på nynorsk?", los.Nynorsk, true},
		{"Svar på bokmål, takk", los.Bokmal, true},
		{"in English please", los.English, true},
		{"Can you answer in English? I don't read Norwegian well.", los.English, false},
		{"Kan du skrive på nynorsk? Eg skjønar ikkje heilt kva fakturaen gjeld.", los.Nynorsk, false},
		{"Snakker du engelsk?", los.English, true},
		{"Nynorsk, takk!", los.Nynorsk, true},
	} {
		l, only, ok := Requested(c.text)
		if !ok || l != c.want || only != c.only {
			t.Errorf("Requested(%q) = %s, %v, %v; want %s, %v", c.text, l, only, ok, c.want, c.only)
		}
	}
	for _, text := range []string{"Er fakturaen på nynorsk?", "Eg har ikkje fått rekninga", "I paid in English pounds", "Har dere kundeservice på norsk?"} {
		if l, _, ok := Requested(text); ok {
			t.Errorf("Requested(%q) = %s, want no request", text, l)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		text string
		c    Context
		want los.Standard
	}{
		{"page decides an unclear first message", "Hei", Context{Page: los.Nynorsk}, los.Nynorsk},
		{"accept-language decides an unclear one", "Hei", Context{AcceptLanguage: "en-GB,en;q=0.9"}, los.English},
		{"clear writing beats the page", "Eg har ikkje fått rekninga for januar, kva gjer eg no?", Context{Page: los.Bokmal}, los.Nynorsk},
		{"a short reply keeps the standard", "Ok takk", Context{Current: los.Nynorsk, Earlier: []string{"Eg har ikkje fått rekninga"}}, los.Nynorsk},
		{"an English thanks keeps Nynorsk", "Thanks!", Context{Current: los.Nynorsk, Earlier: []string{"Korleis endrar eg adressa mi?"}}, los.Nynorsk},
		{"an unclear first guess is corrected", "Eg har ikkje fått rekninga frå dykk", Context{Current: los.Bokmal, Earlier: []string{"Hei"}}, los.Nynorsk},
		{"explicit switch wins", "Kan du svare på nynorsk?", Context{Current: los.Bokmal, Page: los.Bokmal, Earlier: []string{"Jeg har ikke fått regningen fra dere"}}, los.Nynorsk},
		{"the switch holds afterwards", "Jeg har ikke fått regningen", Context{Current: los.Nynorsk, Earlier: []string{"Hvor er regningen?", "svar på nynorsk takk"}}, los.Nynorsk},
		{"English request", "in English please", Context{Current: los.Bokmal}, los.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.text, tt.c); got.Lang != tt.want {
				t.Errorf("Resolve = %+v, want %s", got, tt.want)
			}
		})
	}
}
