package kb

import (
	"strings"
)

// answerType is the kind of answer a question asks for, told by its
// question words: a price, a length of time or a date, or steps.
// Sections and sentences holding that kind of answer rank a little
// higher: "hva koster fiber?" wants the sentence with the price, not
// the one describing fiber.
type answerType uint8

const (
	anyAnswer answerType = iota
	priceAnswer
	timeAnswer
	stepsAnswer
)

// Question cues, as lowercase word sequences (stop words included).
var typeCues = map[answerType][]string{
	priceAnswer: {"koster", "kostar", "kosta", "kost", "pris", "prisen", "gebyr", "gebyret", "avgift",
		"hvor mye må", "kor mykje må", "kva tek de", "hva tar dere", "how much", "cost", "costs", "price",
		"fee", "fees", "charge", "gratis", "free"},
	timeAnswer: {"hvor lenge", "kor lenge", "hvor lang tid", "kor lang tid", "hvor fort", "kor fort",
		"hvor raskt", "når kommer", "når kjem", "når får", "når blir", "når gjelder", "når gjeld",
		"frist", "fristen", "how long", "how soon", "when will", "when does", "when do", "deadline"},
	stepsAnswer: {"hvordan", "korleis", "åssen", "kossen", "how do", "how can", "how to"},
}

// questionType returns the kind of answer q asks for: the first cue
// found, price before time before steps.
func questionType(q string) answerType {
	text := " " + strings.Join(tokenize(q), " ") + " "
	for _, t := range []answerType{priceAnswer, timeAnswer, stepsAnswer} {
		for _, cue := range typeCues[t] {
			if strings.Contains(text, " "+cue+" ") {
				return t
			}
		}
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
	case priceAnswer, timeAnswer:
	case stepsAnswer:
		return numberedItem(text)
	default:
		return false
	}
	found := false
	lastNumber := -100 // index of the last word that was a number
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
			if t == timeAnswer && (prev == "kl" || prev == "den" && len(lw) <= 2 && strings.HasPrefix(text[start+len(w):], ".")) {
				found = true
			}
			lastNumber = i
		case t == priceAnswer && (near && priceUnits[lw] || priceWords[lw]):
			found = true
		case t == timeAnswer && (near && isTimeUnit(lw) || timeWords[lw]):
			found = true
		}
		prev = lw
		i++
	})
	return found
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
