package bot

import (
	"slices"
	"strings"
	"unicode"
)

// SmallTalk is a kind of message that is not a question for the knowledge
// base: a greeting, thanks, a goodbye, asking whether Los is a robot, or
// how it is doing. The bot answers it in kind without searching.
type SmallTalk string

// The kinds of small talk. ThanksGoodbye is thanks and a goodbye together
// ("takk for hjelpen, ha det").
const (
	SmallTalkNone          SmallTalk = ""
	SmallTalkGreeting      SmallTalk = "greeting"
	SmallTalkThanks        SmallTalk = "thanks"
	SmallTalkGoodbye       SmallTalk = "goodbye"
	SmallTalkThanksGoodbye SmallTalk = "thanks_goodbye"
	SmallTalkRobot         SmallTalk = "robot"
	SmallTalkHowAreYou     SmallTalk = "how_are_you"
)

// smallTalkPhrases are the phrases of each kind, in Bokmål, Nynorsk and
// English, lower case and without punctuation. A message is small talk
// only when it consists of these phrases (and the filler words below) and
// nothing else, so a greeting in front of a question ("hei, hvordan endrer
// jeg fakturaadressen?") is still a question.
var smallTalkPhrases = map[SmallTalk][]string{
	SmallTalkGreeting: {
		"hei", "heisann", "hei hei", "heia", "hallo", "hallå", "halla", "hallois", "morn", "morna", "god morgen", "god morgon",
		"god dag", "god ettermiddag", "god kveld", "godkveld", "hei på deg", "hei der",
		"hi", "hello", "hey", "hi there", "hello there", "good morning", "good afternoon", "good evening",
	},
	SmallTalkThanks: {
		"takk", "takk takk", "tusen takk", "mange takk", "hjertelig takk", "tusen hjertelig takk", "takk skal du ha",
		"takk så mye", "takk så masse", "tusen takk for hjelpen", "takk for hjelpen", "takk for hjelpa", "takk for svaret",
		"takk for svar", "takk for det", "takk for god hjelp", "takk for all hjelp", "takk for all hjelpa", "takker",
		"supert", "supert takk", "flott", "flott takk", "perfekt", "kjempefint", "kjempebra", "topp", "ok takk", "okei takk",
		"great", "perfect", "awesome", "great thanks",
		"thanks", "thank you", "thank you so much", "thanks a lot", "many thanks", "thanks for the help",
		"thanks for your help", "thank you for your help", "thank you for the help", "cheers",
	},
	SmallTalkGoodbye: {
		"ha det", "ha det bra", "ha det godt", "ha det fint", "ha en fin dag", "ha ein fin dag", "ha en god dag",
		"ha ein god dag", "ha en fin kveld", "ha ein fin kveld", "god natt", "snakkes", "adjø", "farvel", "takk for meg",
		"det var alt", "det var alt jeg lurte på", "det var alt eg lurte på", "det var det",
		"nei det var alt", "nei det var det", "no thats all",
		"god helg", "ha en fin helg", "ha ei fin helg", "ha ein fin helg", "ha en god helg", "ha ei god helg", "ha ein god helg",
		"god jul", "godt nytt år", "god påske", "riktig god helg",
		"have a nice weekend", "have a good weekend", "nice weekend", "merry christmas", "happy new year",
		"bye", "bye bye", "goodbye", "good bye", "good night", "see you", "have a nice day", "have a good day", "that is all", "thats all",
	},
	SmallTalkThanksGoodbye: {
		"nei takk det var alt", "nei takk det var det", "no thanks thats all",
	},
	SmallTalkRobot: {
		"er du en robot", "er du ein robot", "er du en bot", "er du ein bot", "er du en chatbot", "er du ein chatbot",
		"er du et menneske", "er du eit menneske", "er du ekte", "er du en ki", "er du ein ki", "er du kunstig intelligens",
		"er dette en robot", "er dette ein robot", "er det en robot", "er det ein robot",
		"snakker jeg med en robot", "snakkar eg med ein robot", "snakker jeg med en bot", "snakkar eg med ein bot",
		"snakker jeg med et menneske", "snakkar eg med eit menneske", "er jeg i kontakt med et menneske",
		"are you a robot", "are you a bot", "are you human", "are you a human", "are you a person", "are you real",
		"is this a bot", "is this a robot", "am i talking to a bot", "am i talking to a robot",
		"am i talking to a human", "am i talking to a person",
	},
	SmallTalkHowAreYou: {
		"hvordan går det", "hvordan har du det", "korleis går det", "korleis har du det", "går det bra", "alt vel",
		"how are you", "how are you doing", "hows it going", "how is it going",
	},
}

// smallTalkFillers may stand between and around the phrases without making
// the message more than small talk: "hei og takk", "takk igjen", "hei du".
var smallTalkFillers = map[string]bool{
	"og": true, "and": true, "da": true, "igjen": true, "again": true, "altså": true, "los": true,
	"du": true, "dere": true, "you": true, "så": true, "men": true,
	// "ok takk", "takk for hjelpa i går forresten", "ha en fin dag
	// videre", "det var alt for i dag". Not "nei" and "ja": "nei takk"
	// and "ja takk" answer an offer of a person.
	"ok": true, "okei": true, "okay": true, "forresten": true,
	"videre": true, "for": true, "i": true, "dag": true, "går": true, "uansett": true, "bare": true, "berre": true,
	"deg": true, "dykk": true, "til": true, "today": true, "anyway": true, "btw": true,
}

// smallTalkIndex maps the first word of every phrase to the phrases
// starting with it, longest first.
var smallTalkIndex = func() map[string][]smallTalkPhrase {
	idx := map[string][]smallTalkPhrase{}
	for kind, phrases := range smallTalkPhrases {
		for _, p := range phrases {
			words := strings.Fields(p)
			idx[words[0]] = append(idx[words[0]], smallTalkPhrase{kind, words})
		}
	}
	for _, ps := range idx {
		slices.SortStableFunc(ps, func(a, b smallTalkPhrase) int { return len(b.words) - len(a.words) })
	}
	return idx
}()

type smallTalkPhrase struct {
	kind  SmallTalk
	words []string
}

// maxSmallTalkWords bounds the messages looked at: small talk is short.
const maxSmallTalkWords = 12

// RecognizeSmallTalk says what kind of small talk text is, or
// SmallTalkNone when it is anything else: the whole message must be made
// of small-talk phrases.
func RecognizeSmallTalk(text string) SmallTalk {
	words := smallTalkWords(text)
	if len(words) == 0 || len(words) > maxSmallTalkWords {
		return SmallTalkNone
	}
	seen := map[SmallTalk]bool{}
	for i := 0; i < len(words); {
		if smallTalkFillers[words[i]] {
			i++
			continue
		}
		n := 0
		for _, p := range smallTalkIndex[words[i]] {
			if hasPrefix(words[i:], p.words) {
				seen[p.kind] = true
				n = len(p.words)
				break
			}
		}
		if n == 0 {
			return SmallTalkNone
		}
		i += n
	}
	switch {
	case seen[SmallTalkRobot]:
		return SmallTalkRobot
	case seen[SmallTalkHowAreYou]:
		return SmallTalkHowAreYou
	case seen[SmallTalkThanksGoodbye] || seen[SmallTalkThanks] && seen[SmallTalkGoodbye]:
		return SmallTalkThanksGoodbye
	case seen[SmallTalkGoodbye]:
		return SmallTalkGoodbye
	case seen[SmallTalkThanks]:
		return SmallTalkThanks
	case seen[SmallTalkGreeting]:
		return SmallTalkGreeting
	}
	return SmallTalkNone // fillers only
}

// smallTalkWords lower-cases text and splits it into words, dropping
// punctuation and emoji; "that's" becomes "thats".
func smallTalkWords(text string) []string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

func hasPrefix(words, prefix []string) bool {
	if len(words) < len(prefix) {
		return false
	}
	for i, w := range prefix {
		if words[i] != w {
			return false
		}
	}
	return true
}
