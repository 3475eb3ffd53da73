package agent

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// reasonKey names why a conversation was handed over, for a plain text
// in the desk (agent.why.KEY): the category, or for a handoff without
// one, what the conversation showed.
func reasonKey(h los.Handoff) string {
	for _, s := range h.Signals {
		if s == "button:human_request" {
			return "human_button"
		}
	}
	if h.Category != los.CategoryNone && h.Category != "" {
		return string(h.Category)
	}
	for _, s := range h.Signals {
		switch s {
		case "conversation:repeated_question", "conversation:unhelpful_ratings", "conversation:repeated_no_answer", "retrieval:no_answer":
			_, key, _ := strings.Cut(s, ":")
			return key
		}
	}
	return "other"
}

// describeSignals says in words what triage found in a conversation's
// handoff signals, for the desk's "why" toggle; t gives the texts in the
// agent's standard. Unknown signals are left out.
func describeSignals(signals []string, t func(key string, args ...any) string) []string {
	out := []string{}
	for _, s := range signals {
		if d := describeSignal(s, t); d != "" {
			out = append(out, d)
		}
	}
	return out
}

func describeSignal(s string, t func(key string, args ...any) string) string {
	kind, rest, _ := strings.Cut(s, ":")
	switch kind {
	case "lexicon": // lexicon:CATEGORY:words
		cat, words, _ := strings.Cut(rest, ":")
		return t("agent.signal.lexicon", words, t("agent.category."+cat))
	case "who":
		if rest == "self" {
			return t("agent.signal.who_self")
		}
		if who, ok := strings.CutPrefix(rest, "close:"); ok {
			return t("agent.signal.who_close", who)
		}
	case "rule": // rule:negated:word and the like
		how, words, _ := strings.Cut(rest, ":")
		switch how {
		case "negated", "figurative", "joking", "impersonal":
			return t("agent.signal."+how, words)
		}
	case "learned": // learned:CATEGORY:P
		cat, p, _ := strings.Cut(rest, ":")
		if f, err := strconv.ParseFloat(p, 64); err == nil {
			return t("agent.signal.learned", t("agent.category."+cat), int(f*100+0.5))
		}
	case "model":
		switch {
		case rest == "timeout" || rest == "invalid" || rest == "error":
			return t("agent.signal.model_unavailable")
		case strings.HasPrefix(rest, "rejected:"):
			return t("agent.signal.model_rejected", t("agent.category."+strings.TrimPrefix(rest, "rejected:")))
		default:
			return t("agent.signal.model", t("agent.category."+rest))
		}
	case "button":
		return t("agent.why.human_button")
	case "conversation", "retrieval":
		return t("agent.why." + rest)
	}
	return ""
}

// clipWords shortens s to about n characters at a word boundary, with an
// ellipsis when it cut.
func clipWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + " …"
}

// summaryLines is the summary an agent reads: the model's, a sentence or
// line each, when it wrote one; otherwise what the customer wrote first
// and last and which articles Los showed. t gives the texts in the
// agent's standard; titles are the cited articles' titles by slug.
func summaryLines(h *los.Handoff, msgs []los.Message, titles map[string]string, t func(key string, args ...any) string) []string {
	if h.SummaryByModel && strings.TrimSpace(h.Summary) != "" {
		var out []string
		for _, line := range strings.Split(h.Summary, "\n") {
			if line = strings.TrimSpace(strings.TrimLeft(line, "-*• ")); line != "" {
				out = append(out, line)
			}
		}
		return out
	}
	var first, last string
	var n int
	var shown []string
	seen := map[string]bool{}
	for _, m := range msgs {
		switch m.Role {
		case los.RoleCustomer:
			n++
			if first == "" {
				first = m.Text
			}
			last = m.Text
		case los.RoleBot:
			for _, slug := range m.Citations {
				if title, ok := titles[slug]; ok && !seen[slug] {
					seen[slug] = true
					shown = append(shown, "«"+title+"»")
				}
			}
		}
	}
	out := []string{}
	if first != "" {
		out = append(out, t("agent.summary.first", clipWords(first, 160)))
	}
	if n > 1 && last != first {
		out = append(out, t("agent.summary.last", clipWords(last, 160), n))
	}
	if len(shown) > 0 {
		out = append(out, t("agent.summary.articles", strings.Join(shown, ", ")))
	}
	if len(out) == 0 {
		out = append(out, t("agent.summary.nothing"))
	}
	return out
}
