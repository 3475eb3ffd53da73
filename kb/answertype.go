package kb

import (
	"regexp"
	"strings"
)

// answerType is the kind of answer a question asks for, told by its
// question words: a price, a number of things, a phone number, a length
// of time, a date or a clock time, steps, or what follows from a case
// ("hva skjer hvis …": a conditional sentence).
// Sections and sentences holding that kind of answer rank a little
// higher: "hva koster fiber?" wants the sentence with the price, not
// the one describing fiber.
type answerType uint8

const (
	anyAnswer answerType = iota
	priceAnswer
	countAnswer
	phoneAnswer
	timeAnswer
	stepsAnswer
	consequenceAnswer
)

// typeOrder is the order questionType tries the kinds in.
var typeOrder = []answerType{priceAnswer, countAnswer, consequenceAnswer, phoneAnswer, timeAnswer, stepsAnswer}

// Question cues, as lowercase word sequences (stop words included).
var typeCues = map[answerType][]string{
	priceAnswer: {"koster", "kostar", "kosta", "kost", "pris", "prisen", "gebyr", "gebyret", "avgift",
		"hvor mye må", "kor mykje må", "kva tek de", "hva tar dere", "how much", "cost", "costs", "price",
		"fee", "fees", "charge", "gratis", "free"},
	countAnswer: {"hvor mange", "kor mange", "how many"},
	phoneAnswer: {"telefonnummer", "telefonnummeret", "telefonnr", "tlf", "tlfnr", "nummer til kundeservice",
		"nummeret til kundeservice", "phone number", "number to call", "telephone number"},
	timeAnswer: {"hvor lenge", "kor lenge", "hvor lang tid", "kor lang tid", "hvor fort", "kor fort",
		"hvor raskt", "når kommer", "når kjem", "når får", "når blir", "når gjelder", "når gjeld",
		"frist", "fristen", "how long", "how soon", "when will", "when does", "when do", "deadline",
		"åpent", "åpen", "open", "opent", "åpningstid", "åpningstider", "åpningstidene", "opningstid", "opningstider", "opningstidene",
		"opening hours", "stenger", "stengjer", "closes", "what time", "kva tid", "hva tid", "hvilken tid"},
	consequenceAnswer: {"hva skjer", "kva skjer", "hva skjer hvis", "hva hender", "kva hender", "what happens",
		"hva om", "kva om", "what if", "hva blir konsekvensen", "kva blir konsekvensen"},
	stepsAnswer: {"hvordan", "korleis", "åssen", "kossen", "how do", "how can", "how to"},
}

// foldedCues are typeCues spelt as typed without æ, ø and å.
var foldedCues = func() map[answerType][]string {
	out := map[answerType][]string{}
	for t, cues := range typeCues {
		for _, c := range cues {
			out[t] = append(out[t], foldWords(c))
		}
	}
	return out
}()

func foldWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = asciiFold(w)
	}
	return strings.Join(ws, " ")
}

// questionType returns the kind of answer q asks for: the first cue
// found, in typeOrder, whether or not the question is typed with æ, ø
// and å; a question starting with "når" (or "when") asks for a time.
func questionType(q string) answerType {
	words := tokenize(q)
	text := " " + foldWords(strings.Join(words, " ")) + " "
	for _, t := range typeOrder {
		for _, cue := range foldedCues[t] {
			if strings.Contains(text, " "+cue+" ") {
				return t
			}
		}
	}
	if len(words) > 0 && (asciiFold(words[0]) == "nar" || words[0] == "when") {
		return timeAnswer
	}
	return anyAnswer
}

// holdsAnswer reports whether text holds an answer of type t: for a
// price, an amount in kroner or øre (or "gratis"); for a time, a number of
// days, weeks, months, hours or minutes, a clock time ("kl. 13") or a date
// ("den 20."); for steps, a numbered list. It scans the words once: it
// runs on every section the search ranks.
func holdsAnswer(t answerType, text string) bool {
	switch t {
	case priceAnswer, timeAnswer, countAnswer:
	case stepsAnswer:
		return numberedItem(text)
	case phoneAnswer:
		return phoneRE.MatchString(text)
	case consequenceAnswer:
		return conditionalRE.MatchString(text)
	default:
		return false
	}
	found := false
	lastNumber := -100 // index of the last word that was a number
	pendingCount := false
	prev := ""
	i := 0
	eachWord(text, func(w string, start int) {
		if found {
			return
		}
		lw := strings.ToLower(w)
		near := i-lastNumber == 1
		switch {
		case isNumber(lw):
			rest := text[start+len(w):]
			switch {
			case t == countAnswer:
				pendingCount = true
			case t == timeAnswer && (prev == "kl" || prev == "den" && len(lw) <= 2 && strings.HasPrefix(rest, ".") ||
				len(lw) <= 2 && hourRangeRE.MatchString(rest) || isYear(lw)):
				found = true
			}
			lastNumber = i
		case t == countAnswer && countWords[lw]:
			pendingCount = true
		case pendingCount:
			// A number of things, not an amount or a length of time.
			found = !priceUnits[lw] && !isTimeUnit(lw)
			pendingCount = false
		case t == priceAnswer && (near && priceUnits[lw] || priceWords[lw]):
			found = true
		case t == timeAnswer && (near && isTimeUnit(lw) || timeWords[lw]):
			found = true
		}
		prev = lw
		i++
	})
	return found || pendingCount
}

// isYear reports whether the number w is a year from 1800 to 2199.
func isYear(w string) bool {
	return len(w) == 4 && (w[0] == '1' && w[1] >= '8' || w[0] == '2' && w[1] <= '1')
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != ',' && w[i] != '.' {
			return false
		}
	}
	return w != ""
}

var (
	// conditionalRE matches a sentence that says what follows from a
	// case: one opening with a condition ("Hvis du …", "Dersom …", "If
	// you …"), or with the verb before its subject and a comma after the
	// condition, as Norwegian writes a condition without "hvis"
	// ("Godkjennes den ikke innen 14 dager, blir den avbrutt", "Melder du
	// flytting for sent, kan du …"); not a question ("Har du …?").
	conditionalRE = regexp.MustCompile(`(?i)(?:^|[.!?]\s+|\n)(?:(?:hvis|dersom|viss|if)\s|[\p{L}-]+(?:e|es|er|ar|ast|r)\s+(?:du|dere|den|det|han|hun|ho|vi|dykk|fakturaen|avtalen|rekninga|regningen|beløpet|kravet|saka|saken|you)\b[^.!?,\n]*,)`)
	// phoneRE matches a Norwegian phone number: eight digits, in pairs or
	// groups, or +47.
	phoneRE = regexp.MustCompile(`\+47|\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b|\b\d{3} ?\d{2} ?\d{3}\b`)
	// hourRangeRE matches what follows the first hour of a range of
	// opening hours: "–15", "-20", " til 16".
	hourRangeRE = regexp.MustCompile(`^(?:\s*[–-]\s*|\s+til\s+|\s+to\s+)\d{1,2}\b`)
	countWords  = map[string]bool{"to": true, "tre": true, "fire": true, "fem": true, "seks": true, "sju": true,
		"syv": true, "åtte": true, "ni": true, "ti": true, "two": true, "three": true, "four": true, "five": true}
	priceUnits = map[string]bool{"kr": true, "kroner": true, "øre": true, "nok": true}
	priceWords = map[string]bool{"gratis": true, "free": true}
	timeWords  = map[string]bool{"innen": true, "innan": true, "within": true}
	// timeUnits are the beginnings of words for lengths of time: "dager",
	// "dagar", "døgnet", "uker", "veker", "månader", "timar", "minutt".
	timeUnits = []string{"virkedag", "arbeidsdag", "dag", "døgn", "uke", "veke", "måned", "månad",
		"time", "timar", "minutt", "år", "kvartal", "day", "week", "month", "hour", "minute", "year"}
)

func isTimeUnit(w string) bool {
	for _, u := range timeUnits {
		if strings.HasPrefix(w, u) {
			return true
		}
	}
	return false
}

// numberedItem reports whether text has a line starting with "1." or
// "2)" and the like.
func numberedItem(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimLeft(line, " \t")
		n := 0
		for n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
			return true
		}
	}
	return false
}

// isCue reports whether the lowercase word w is one of the question words
// (or the last word of a question phrase) that ask for an answer of type
// t: "koster", "lenge". Such a word is answered by a price or a length of
// time, not repeated in the answer.
func isCue(t answerType, w string) bool {
	for _, cue := range typeCues[t] {
		if i := strings.LastIndexByte(cue, ' '); cue[i+1:] == w {
			return true
		}
	}
	return false
}
