// Package lang tells the written standards apart: Norwegian Bokmål, Norwegian
// Nynorsk and English.
package lang

import (
	"strings"

	"github.com/los-bot/los"
)

// All lists the standards in the order of the detector's model (Bokmål,
// the reference, first). It is lang's own list: the model's weights are
// indexed by it, whatever order the domain keeps.
var All = []los.Standard{los.Bokmal, los.Nynorsk, los.English}

// Parse returns the standard named by s ("nb", "nn", "en", also "no",
// "nb-NO", "nn-NO", "en-GB" and the like) and whether s named one.
func Parse(s string) (los.Standard, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "nb", "no", "nob":
		return los.Bokmal, true
	case "nn", "nno":
		return los.Nynorsk, true
	case "en", "eng":
		return los.English, true
	}
	return "", false
}

// FromAcceptLanguage picks the first standard Los speaks from an HTTP
// Accept-Language header, in the order given (weights are ignored: browsers
// list languages in preference order). Plain "no" means Bokmål. It returns
// Bokmål when none matches.
func FromAcceptLanguage(header string) los.Standard {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if s, ok := Parse(tag); ok {
			return s
		}
	}
	return los.Bokmal
}
