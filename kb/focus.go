package kb

import (
	"regexp"
	"strings"
)

// Customers often write what happened before they ask ("Vi bygger nytt
// hus på Ski og lurer på om dere kan levere fiber dit"), or correct what
// they meant ("nei sorry, jeg flytter ikke. jeg mente bare at regningen
// skal sendes til jobbadressen min"). The words of the story count
// against the sections' coverage of the question, and a message that
// asks something the knowledge base answers is refused. focus finds the
// part that asks: Search tries it alone when the whole message finds
// nothing relevant.

// correction finds what the customer meant: the rest of the message
// after "jeg mente", "eg meinte", "I meant".
var correction = regexp.MustCompile(`(?i)\b(?:jeg|eg|i|æ)\s+(?:mente|meinte|meint|meant)\s+(?:bare\s+|berre\s+|just\s+|egentlig\s+|eigentleg\s+)?(?:at\s+|å\s+|that\s+)?(.+)$`)

// asking finds the clause of a sentence that carries the question after
// a frame of the customer's own ("og lurer på om dere kan levere fiber",
// "lurer på hvor lang tid det tar").
var asking = regexp.MustCompile(`(?i)\b(?:lurer|lurar|undrer|undrar|spør|wondering|wonder)\s+(?:på\s+|om\s+|if\s+|whether\s+)?(.+)$`)

// focus returns the part of q that asks, when it is not all of q: what
// the customer meant after a correction, the question after "lurer på",
// or the last sentence ending in a question mark in a message of several
// sentences. "" when q is one plain question.
func focus(q string) string {
	q = strings.TrimSpace(q)
	if m := correction.FindStringSubmatch(q); m != nil && len(strings.Fields(m[1])) >= 2 {
		return strings.TrimSpace(m[1])
	}
	ends := sentenceEnds(q)
	start, last := 0, ""
	for _, end := range ends {
		if s := strings.TrimSpace(q[start:end]); strings.HasSuffix(s, "?") && len(strings.Fields(s)) >= 2 {
			last = s
		}
		start = end
	}
	if last != "" && last != q {
		return last
	}
	if m := asking.FindStringSubmatch(q); m != nil && len(strings.Fields(m[1])) >= 2 {
		return strings.TrimSpace(m[1])
	}
	return ""
}
