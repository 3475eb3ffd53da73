package triage

import "strings"

// intensityHit is one sign of strong feeling in how a message is written.
type intensityHit struct {
	signal string
	weight float64
}

// intensity finds shouting (most words in capitals), an emphasised word in
// capitals and runs of "!!!" or "???". Acronyms from the lexicons ("SMS",
// "KID", "NAV") do not count. The hits only add to distress. Shouting alone
// reaches the threshold; an emphasised word or "!!!" needs another sign.
func (l *Lexicon) intensity(t *text) []intensityHit {
	var out []intensityHit
	words, caps, long := 0, 0, 0
	for i := range t.tokens {
		tk := &t.tokens[i]
		if tk.letters < 2 {
			continue
		}
		words++
		if tk.upper && !l.acronyms[tk.surface] {
			caps++
			if tk.letters >= 4 {
				long++
			}
		}
	}
	switch {
	case words >= 3 && caps*10 >= words*6 && (words >= 4 || strings.Contains(t.raw, "!")):
		// Three words in capitals are more often a name or a title
		// ("MORTEN STÅLE NILSEN") than shouting, unless with "!".
		out = append(out, intensityHit{"intensity:caps", capsShout})
	case long > 0:
		out = append(out, intensityHit{"intensity:caps_word", capsWord})
	}
	if t.bangs > 0 {
		out = append(out, intensityHit{"intensity:punct", punctRun})
	}
	return out
}
