package editor

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"
	"github.com/los-bot/los/kb"
)

// Content gaps: customer questions the knowledge base did not answer, or
// whose answer got a thumbs-down, grouped by similar wording.
const (
	gapDays       = 30   // default period
	gapMaxRows    = 5000 // questions read per request
	gapSimilarity = 0.5  // Jaccard similarity of word sets to join a group
	gapExamples   = 5
	// gapSuggestions is how many groups get an article suggested.
	gapSuggestions = 200
)

// gapSuggestion names an article.
type gapSuggestion struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

type gapGroup struct {
	// Question is the group's most frequent wording, offered as the
	// starting point of a new article.
	Question   string    `json:"question"`
	Count      int       `json:"count"`
	NoAnswer   int       `json:"no_answer"`
	ThumbsDown int       `json:"thumbs_down"`
	Last       time.Time `json:"last"`
	Examples   []string  `json:"examples"`
	// Suggest is the article search ranks first for the question, whether
	// or not it answers: the editor's first choice when attaching the
	// question to an article.
	Suggest *gapSuggestion `json:"suggest,omitempty"`

	words   map[string]bool
	wording map[string]int
}

// gaps: GET /api/v1/editor/gaps[?days=30] lists the groups, most frequent
// first.
func (ed *editor) gaps(c echo.Context) error {
	days := gapDays
	if d, err := strconv.Atoi(c.QueryParam("days")); err == nil && d > 0 && d <= 3650 {
		days = d
	}
	since := ed.web.Now().AddDate(0, 0, -days)
	qs, err := ed.store.GapQuestions(c.Request().Context(), since, gapMaxRows)
	if err != nil {
		return err
	}
	groups := groupGaps(qs, ed.gapWords)
	for i := range groups[:min(len(groups), gapSuggestions)] {
		hits, err := ed.index.Search(c.Request().Context(), groups[i].Question, kb.SearchOptions{Limit: 1})
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			groups[i].Suggest = &gapSuggestion{Slug: hits[0].Slug, Title: hits[0].Title}
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"days": days, "questions": len(qs), "groups": groups})
}

// gapWords are the content words of a question, as search reads it, cut
// to a crude stem so that "fakturaen" and "faktura" meet.
func (ed *editor) gapWords(q string) map[string]bool {
	out := map[string]bool{}
	for _, t := range ed.index.Analyze(q).Terms {
		out[crudeStem(strings.ToLower(t))] = true
	}
	return out
}

// crudeStem strips common Norwegian inflection endings from longer words.
func crudeStem(w string) string {
	r := []rune(w)
	for _, suf := range []string{"ene", "ane", "en", "et", "er", "ar", "a", "e"} {
		s := []rune(suf)
		if len(r)-len(s) >= 4 && string(r[len(r)-len(s):]) == suf {
			return string(r[:len(r)-len(s)])
		}
	}
	return w
}

// groupGaps puts each question in the group whose words it shares most
// (Jaccard similarity at least gapSimilarity), or starts a new group.
// Questions come newest first.
func groupGaps(qs []kb.GapQuestion, words func(string) map[string]bool) []gapGroup {
	var groups []*gapGroup
	for _, q := range qs {
		ws := words(q.Text)
		key := normalizeQuestion(q.Text)
		var best *gapGroup
		bestSim := 0.0
		for _, g := range groups {
			sim := jaccard(ws, g.words)
			if len(ws) == 0 && len(g.words) == 0 && g.wording[key] > 0 {
				sim = 1
			}
			if sim > bestSim {
				best, bestSim = g, sim
			}
		}
		if best == nil || bestSim < gapSimilarity {
			best = &gapGroup{words: ws, wording: map[string]int{}, Last: q.Created}
			groups = append(groups, best)
		}
		best.Count++
		if q.NoAnswer {
			best.NoAnswer++
		}
		if q.ThumbsDown {
			best.ThumbsDown++
		}
		if q.Created.After(best.Last) {
			best.Last = q.Created
		}
		best.wording[key]++
		if best.wording[key] == 1 && len(best.Examples) < gapExamples {
			best.Examples = append(best.Examples, strings.TrimSpace(q.Text))
		}
		if best.wording[key] > best.wording[normalizeQuestion(best.Question)] || best.Question == "" {
			best.Question = strings.TrimSpace(q.Text)
		}
	}
	out := make([]gapGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Last.After(out[j].Last)
	})
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// normalizeQuestion lowercases a question and keeps only its letters and
// digits, one space between words.
func normalizeQuestion(q string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
