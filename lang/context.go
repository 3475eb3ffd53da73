package lang

import (
	"regexp"
	"strings"

	"github.com/los-bot/los"
)

// Context is what Los knows about a conversation's language besides the
// message itself.
type Context struct {
	// Page is the standard of the page or widget the customer writes from
	// (data-lang, ?lang=); empty when unknown.
	Page los.Standard
	// AcceptLanguage is the browser's Accept-Language header.
	AcceptLanguage string
	// Current is the conversation's standard so far; empty for a new one.
	Current los.Standard
	// Earlier holds the customer's earlier messages, oldest first.
	Earlier []string
}

// Decision is the standard to answer in, and why.
type Decision struct {
	Lang los.Standard
	// Switched is true when the message asks for another standard
	// ("kan du svare på nynorsk?").
	Switched bool
	// AskedOnly is true when the message does nothing but ask for the
	// standard (a reply can confirm the switch instead of searching).
	AskedOnly bool
}

// Weights of the evidence, in the detector's log-odds: each message counts
// at most maxEvidence (one long message cannot outweigh everything), the
// page and the conversation's standard count as a clear short message.
const (
	maxEvidence   = 4.0
	pageWeight    = 1.5
	acceptWeight  = 0.75
	currentWeight = 1.0
	// bokmalPrior: most Norwegian customers write Bokmål, so a word or two
	// with no clear sign leaves the answer in Bokmål.
	bokmalPriorR = 0.5
)

// Resolve picks the standard of the reply to text. An explicit request
// ("svar på bokmål", "in English please") in this or an earlier message
// wins, the latest first; otherwise the evidence of all the customer's
// messages is added up with the page's and the browser's language and a
// small pull towards the conversation's standard, so one short or mixed
// message does not change it, while a customer who clearly writes another
// standard gets it.
func Resolve(text string, c Context) Decision {
	if l, only, ok := Requested(text); ok {
		return Decision{Lang: l, Switched: true, AskedOnly: only}
	}
	for i := len(c.Earlier) - 1; i >= 0; i-- {
		if l, _, ok := Requested(c.Earlier[i]); ok {
			return Decision{Lang: l}
		}
	}
	var score [numStd]float64
	add := func(s los.Standard, w float64) {
		if i := index(s); i >= 0 {
			score[i] += w
		}
	}
	add(los.Bokmal, bokmalPriorR)
	add(c.Page, pageWeight)
	if c.AcceptLanguage != "" {
		add(FromAcceptLanguage(c.AcceptLanguage), acceptWeight)
	}
	add(c.Current, currentWeight)
	for _, m := range append(c.Earlier[:len(c.Earlier):len(c.Earlier)], text) {
		g := Identify(m)
		if g.Words == 0 {
			continue
		}
		// A message of a word or two ("Hei", "Takk") says little.
		short := min(1, float64(g.Words*g.Words)/16)
		add(g.Lang, short*min(g.LogOdds[index(g.Lang)], maxEvidence))
	}
	best := index(los.Bokmal)
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	return Decision{Lang: All[best]}
}

// Requests for a standard: a verb of answering or writing (or "in", "på")
// followed by the standard's name, or the name with please/takk.
var requests = []struct {
	re *regexp.Regexp
	l  los.Standard
}{
	{regexp.MustCompile(`(?i)\b(?:svar[ae]?|skriv[ae]?|snakk[ae]?|ta det|forklar[ae]?|kommuniser[ae]?|bruk[ae]?)\b[^.?!]{0,20}?\bpå\s+nynorsk\b|\bnynorsk,?\s+(?:takk|please)\b|\bkan du nynorsk\b|\bsnakkar du nynorsk\b|\bsnakker du nynorsk\b`), los.Nynorsk},
	{regexp.MustCompile(`(?i)\b(?:svar[ae]?|skriv[ae]?|snakk[ae]?|ta det|forklar[ae]?|kommuniser[ae]?|bruk[ae]?)\b[^.?!]{0,20}?\bpå\s+(?:bokmål|norsk)\b|\b(?:bokmål|norsk),?\s+(?:takk|please)\b|\bkan du bokmål\b`), los.Bokmal},
	{regexp.MustCompile(`(?i)\b(?:answer|reply|write|speak|respond|talk|continue)\b[^.?!]{0,20}?\bin\s+english\b|\b(?:in\s+)?english,?\s+please\b|\bdo you speak english\b|\bcan we (?:speak|talk|continue) (?:in )?english\b|\b(?:svar[ae]?|skriv[ae]?|snakk[ae]?|ta det)\b[^.?!]{0,20}?\bpå\s+engelsk\b|\bsnakker du engelsk\b|\bsnakkar du engelsk\b`), los.English},
}

// Requested reports whether text asks for a standard, which, and whether
// the message is no more than that request (a few words around it).
func Requested(text string) (l los.Standard, only, ok bool) {
	for _, r := range requests {
		if loc := r.re.FindStringIndex(text); loc != nil {
			rest := strings.TrimSpace(text[:loc[0]] + " " + text[loc[1]:])
			return r.l, len(words(rest)) <= 4, true
		}
	}
	return "", false, false
}
