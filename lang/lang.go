// Package lang tells the written standards apart: Norwegian Bokmål, Norwegian
// Nynorsk and English.
package lang

import "strings"

// Standard is a written standard, as a BCP 47 code.
type Standard string

// The written standards Los speaks.
const (
	Bokmal  Standard = "nb"
	Nynorsk Standard = "nn"
	English Standard = "en"
)

// All lists the standards, Bokmål (the reference) first.
var All = []Standard{Bokmal, Nynorsk, English}

// Parse returns the standard named by s ("nb", "nn", "en", also "no",
// "nb-NO", "nn-NO", "en-GB" and the like) and whether s named one.
func Parse(s string) (Standard, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "nb", "no", "nob":
		return Bokmal, true
	case "nn", "nno":
		return Nynorsk, true
	case "en", "eng":
		return English, true
	}
	return "", false
}

// FromAcceptLanguage picks the first standard Los speaks from an HTTP
// Accept-Language header, in the order given (weights are ignored: browsers
// list languages in preference order). Plain "no" means Bokmål. It returns
// Bokmål when none matches.
func FromAcceptLanguage(header string) Standard {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if s, ok := Parse(tag); ok {
			return s
		}
	}
	return Bokmal
}
