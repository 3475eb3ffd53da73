package eval

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

// The relevance threshold (kb.DefaultMinRelevance) is chosen on three
// sets, never on a held-out one:
//
//   - the blind tuning sets of single questions (AnswersTuneSets:
//     answerable and out-of-scope customer questions);
//   - the demo articles' example questions, each searched in an index
//     built without its own article's example questions nor its twins'
//     (answerable: questions worded as customers ask, by someone else
//     than the blind sets' writers; citing a twin is right). With the
//     twins' questions left in, a question's translation finds it, and
//     the sets would choose 0.35;
//   - the 472 NorQuAD questions (eval/testdata/norquad), real Norwegian
//     questions about news and Wikipedia subjects: out of scope.
//
// The threshold is the lowest that answers out-of-scope questions least
// often (the tuning set's and NorQuAD's shares, averaged) while refusing
// at most maxRefused of the answerable ones (the tuning set's and the
// example questions' together). The issue asks for both errors to be
// small (at most 5% refused, at least 90% answered honestly); with the
// words of a question alone the two cannot both be met on customers'
// out-of-scope questions, which sit next to the knowledge base's
// subjects ("selger dere varmepumper?"), and refusing a customer the
// knowledge base can help is taken as the bound, since a wrong passage is
// shown with its article's title and a human is offered either way.
const maxRefused = 0.05

// relevanceCase is one question as the search judged it.
type relevanceCase struct {
	set        string // tune, examples, norquad
	lang       string
	answerable bool
	right      bool // the top hit's article answers it
	confidence float64
}

// relTally counts the decisions on one set.
type relTally struct{ answerable, refused, right, outOfScope, dishonest int }

type decision map[string]*relTally

func decide(cs []relevanceCase, th float64) decision {
	d := decision{}
	for _, c := range cs {
		t := d[c.set]
		if t == nil {
			t = &relTally{}
			d[c.set] = t
		}
		ok := c.confidence >= th-1e-9
		if c.answerable {
			t.answerable++
			switch {
			case !ok:
				t.refused++
			case c.right:
				t.right++
			}
			continue
		}
		t.outOfScope++
		if ok {
			t.dishonest++
		}
	}
	return d
}

func (d decision) add(e decision) {
	for set, t := range e {
		if d[set] == nil {
			d[set] = &relTally{}
		}
		s := d[set]
		s.answerable += t.answerable
		s.refused += t.refused
		s.right += t.right
		s.outOfScope += t.outOfScope
		s.dishonest += t.dishonest
	}
}

// refused is the share of answerable questions refused, over all sets.
func (d decision) refused() float64 {
	var n, r int
	for _, t := range d {
		n += t.answerable
		r += t.refused
	}
	return float64(r) / math.Max(1, float64(n))
}

// dishonest is the share of out-of-scope questions answered, averaged
// over the sets that have any.
func (d decision) dishonest() float64 {
	var sum float64
	n := 0
	for _, t := range d {
		if t.outOfScope > 0 {
			sum += float64(t.dishonest) / float64(t.outOfScope)
			n++
		}
	}
	return sum / math.Max(1, float64(n))
}

func (d decision) String() string {
	var b strings.Builder
	for _, set := range []string{"tune", "examples", "norquad"} {
		t := d[set]
		if t == nil {
			continue
		}
		fmt.Fprintf(&b, " %s:", set)
		if t.answerable > 0 {
			fmt.Fprintf(&b, " right first %.3f, refused %.3f (of %d)", float64(t.right)/float64(t.answerable),
				float64(t.refused)/float64(t.answerable), t.answerable)
		}
		if t.outOfScope > 0 {
			fmt.Fprintf(&b, " honest %.3f (of %d)", 1-float64(t.dishonest)/float64(t.outOfScope), t.outOfScope)
		}
		b.WriteString(";")
	}
	return strings.TrimSuffix(b.String(), ";")
}

// chooseThreshold returns the threshold, on a grid of 0.01, that refuses
// at most maxRefused of the answerable cases and answers the fewest
// out-of-scope ones; the lowest such.
func chooseThreshold(cs []relevanceCase) float64 {
	best, bestDis := 0.0, math.Inf(1)
	for th := 0.20; th <= 0.80+1e-9; th += 0.01 {
		d := decide(cs, th)
		if d.refused() > maxRefused {
			break // refusals only grow with the threshold
		}
		if dis := d.dishonest(); dis < bestDis-1e-12 {
			best, bestDis = math.Round(th*100)/100, dis
		}
	}
	return best
}

// crossValidate chooses a threshold on four fifths of every set and
// measures it on the rest, five times.
func crossValidate(cs []relevanceCase, choose func([]relevanceCase) float64) decision {
	total := decision{}
	for k := range 5 {
		var train, test []relevanceCase
		seen := map[string]int{}
		for _, c := range cs {
			if seen[c.set]%5 == k {
				test = append(test, c)
			} else {
				train = append(train, c)
			}
			seen[c.set]++
		}
		total.add(decide(test, choose(train)))
	}
	return total
}

// relevanceCases searches the three sets.
func relevanceCases(t *testing.T) []relevanceCase {
	t.Helper()
	ctx := context.Background()
	groups := Groups(demoArticles(t))
	opt := Options{Groups: groups}
	judge := func(ix *kb.Index, set, l, text string, slugs []string) relevanceCase {
		hits, err := ix.Search(ctx, text, kb.SearchOptions{Limit: 4, Lang: lang.Detect(text)})
		if err != nil {
			t.Fatal(err)
		}
		rc := relevanceCase{set: set, lang: l, answerable: len(slugs) > 0}
		if len(hits) > 0 {
			rc.confidence, rc.right = hits[0].Confidence, opt.Answering(slugs, hits[0].Slug)
		}
		return rc
	}
	var cs []relevanceCase
	ix := demoIndex(t)
	for _, set := range AnswersTuneSets {
		cases, err := LoadCases(filepath.Join("..", set))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			cs = append(cs, judge(ix, "tune", c.Lang, c.Text, c.Slugs))
		}
	}
	f, err := os.Open(filepath.Join("testdata", "norquad", "questions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if q := strings.TrimSpace(sc.Text()); q != "" {
			cs = append(cs, judge(ix, "norquad", "nb", q, nil))
		}
	}
	articles, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range articles {
		// Without the article's questions nor its twins' (often the same
		// questions translated), as if they were new wording.
		without := slices.Clone(articles)
		without[i].Questions = nil
		for j := range without {
			if a.Group != "" && without[j].Group == a.Group {
				without[j].Questions = nil
			}
		}
		ix, err := kb.Open("", kb.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Rebuild(ctx, without, "t", nil); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Questions {
			cs = append(cs, judge(ix, "examples", string(lang.Detect(q)), q, []string{a.Slug}))
		}
		ix.Close()
	}
	return cs
}

// TestRelevanceCalibration chooses the relevance threshold, shows its
// figures on each set, cross-validated, overall and per written standard
// of the tuning set, and fails when kb.DefaultMinRelevance is not the
// threshold chosen.
func TestRelevanceCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the demo knowledge base 57 times")
	}
	cs := relevanceCases(t)
	th := chooseThreshold(cs)
	var out strings.Builder
	fmt.Fprintf(&out, "threshold chosen on all sets: %.2f:%v\n", th, decide(cs, th))
	fmt.Fprintf(&out, "at kb.DefaultMinRelevance %.2f:%v\n", kb.DefaultMinRelevance, decide(cs, kb.DefaultMinRelevance))
	fmt.Fprintf(&out, "cross-validated (5 folds):%v\n", crossValidate(cs, chooseThreshold))
	for _, l := range []string{"nb", "nn", "en"} {
		var sub []relevanceCase
		for _, c := range cs {
			if c.set == "tune" && c.lang == l {
				sub = append(sub, c)
			}
		}
		fmt.Fprintf(&out, "  tuning set, %s: at %.2f%v\n", l, th, decide(sub, th))
	}
	t.Logf("\n%s", out.String())
	if math.Abs(th-kb.DefaultMinRelevance) > 0.005 {
		t.Errorf("kb.DefaultMinRelevance is %.2f; the sets choose %.2f", kb.DefaultMinRelevance, th)
	}
}
