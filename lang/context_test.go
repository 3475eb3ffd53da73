package lang

import "testing"

func TestRequested(t *testing.T) {
	for _, c := range []struct {
		text string
		want Standard
		only bool
	}{
		{"kan du svare på nynorsk?", Nynorsk, true},
		{"Svar på bokmål, takk", Bokmal, true},
		{"in English please", English, true},
		{"Can you answer in English? I don't read Norwegian well.", English, false},
		{"Kan du skrive på nynorsk? Eg skjønar ikkje heilt kva fakturaen gjeld.", Nynorsk, false},
		{"Snakker du engelsk?", English, true},
		{"Nynorsk, takk!", Nynorsk, true},
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
		want Standard
	}{
		{"page decides an unclear first message", "Hei", Context{Page: Nynorsk}, Nynorsk},
		{"accept-language decides an unclear one", "Hei", Context{AcceptLanguage: "en-GB,en;q=0.9"}, English},
		{"clear writing beats the page", "Eg har ikkje fått rekninga for januar, kva gjer eg no?", Context{Page: Bokmal}, Nynorsk},
		{"a short reply keeps the standard", "Ok takk", Context{Current: Nynorsk, Earlier: []string{"Eg har ikkje fått rekninga"}}, Nynorsk},
		{"an English thanks keeps Nynorsk", "Thanks!", Context{Current: Nynorsk, Earlier: []string{"Korleis endrar eg adressa mi?"}}, Nynorsk},
		{"an unclear first guess is corrected", "Eg har ikkje fått rekninga frå dykk", Context{Current: Bokmal, Earlier: []string{"Hei"}}, Nynorsk},
		{"explicit switch wins", "Kan du svare på nynorsk?", Context{Current: Bokmal, Page: Bokmal, Earlier: []string{"Jeg har ikke fått regningen fra dere"}}, Nynorsk},
		{"the switch holds afterwards", "Jeg har ikke fått regningen", Context{Current: Nynorsk, Earlier: []string{"Hvor er regningen?", "svar på nynorsk takk"}}, Nynorsk},
		{"English request", "in English please", Context{Current: Bokmal}, English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.text, tt.c); got.Lang != tt.want {
				t.Errorf("Resolve = %+v, want %s", got, tt.want)
			}
		})
	}
}
