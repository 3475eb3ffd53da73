package kb

import (
	"regexp"
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

var (
	priceRE = regexp.MustCompile(`(?i)\d[\d  .]*(,\d+|,-)?\s*(kr\b|kroner|øre|nok\b)|\bgratis\b|\bfree\b|koster ingenting|kostar ingenting`)
	timeRE  = regexp.MustCompile(`(?i)\d+\s*([–-]\s*\d+\s*)?(virkedag|arbeidsdag|dag|døgn|veke|uke|måned|månad|time|timar|timer|minutt|år|kvartal)|\bkl\.\s*\d|\bden \d{1,2}\.|\b(innen|innan|within)\b`)
	stepRE  = regexp.MustCompile(`(?m)^\s*\d+[.)]\s`)
)

// holdsAnswer reports whether text holds an answer of type t.
func holdsAnswer(t answerType, text string) bool {
	switch t {
	case priceAnswer:
		return priceRE.MatchString(text)
	case timeAnswer:
		return timeRE.MatchString(text)
	case stepsAnswer:
		return stepRE.MatchString(text)
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
