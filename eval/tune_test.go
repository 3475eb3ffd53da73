package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

func demoIndex(t testing.TB) *kb.Index {
	t.Helper()
	articles, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("LOS_TUNE_NOQ") != "" {
		for i := range articles {
			articles[i].Questions = nil
		}
	}
	ix, err := kb.Open("", kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), articles, "t", nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestRetrievalOnTuningSet reports the search's own figures (top hit and
// its relevance, no triage, no conversation) on the tuning set of single
// questions; LOS_TUNE_FAILURES=1 lists the failures.
func TestRetrievalOnTuningSet(t *testing.T) {
	cases, err := LoadCases(filepath.Join("..", AnswersTune))
	if err != nil {
		t.Fatal(err)
	}
	ix := demoIndex(t)
	var outs []Outcome
	var fails, dump strings.Builder
	var secRight, secWrong, passRight, secondPart int
	for _, c := range cases {
		hits, err := ix.Search(context.Background(), c.Text, kb.SearchOptions{Limit: 10, Lang: lang.Detect(c.Text)})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 {
			var cov, w, asked, top float64
			for _, h := range hits {
				if h.Slug == hits[0].Slug {
					cov, w, asked, top = max(cov, h.Coverage), max(w, h.Weight), max(asked, h.Asked), max(top, h.Topical)
				}
			}
			fmt.Fprintf(&dump, "%s\t%s\t%v\t%v\t%.4f\t%.4f\t%.4f\t%d\t%v\t%s\t%s\t%.3f\t%.3f\n", c.ID, c.Lang, len(c.Slugs) > 0,
				slices.Contains(c.Slugs, hits[0].Slug), cov, w, hits[0].Score, len(ix.Analyze(c.Text).Terms), hits[0].Rarest, strings.Join(hits[0].Unknown, ","), c.Text, asked, top)
		} else {
			fmt.Fprintf(&dump, "%s\t%s\t%v\tfalse\t0\t0\t0\t0\tfalse\t\t%s\t0\t0\n", c.ID, c.Lang, len(c.Slugs) > 0, c.Text)
		}
		if len(hits) > 0 && len(c.Slugs) > 0 && hits[0].Slug == c.Slugs[0] && hits[0].Relevant() {
			if u, _ := Useful(hits[0].Text, c.Evidence); u {
				secRight++
				if u, _ := Useful(hits[0].Passage, c.Evidence); u {
					passRight++
				} else if os.Getenv("LOS_TUNE_PASSAGES") != "" {
					fmt.Fprintf(&fails, "PASSAGE %s\n  ev: %s\n  got: %s\n", c.Text, c.Evidence, strings.ReplaceAll(hits[0].Passage, "\n", " / "))
				}
			} else {
				secWrong++
				for _, h := range hits[1:] {
					if h.Slug == hits[0].Slug {
						if u, _ := Useful(h.Passage, c.Evidence); u {
							secondPart++
						}
						break
					}
				}
				if os.Getenv("LOS_TUNE_SECTIONS") != "" {
					fmt.Fprintf(&fails, "SECTION %s\n  ev: %s\n  got: %s#%s\n", c.Text, c.Evidence, hits[0].Slug, hits[0].Anchor)
				}
			}
		}
		r := Reply{Mode: "extractive"}
		if len(hits) > 0 && hits[0].Relevant() {
			r.Citations = []string{hits[0].Slug}
		}
		o := judge(c.ID, c.Lang, "", c.Text, c.Slugs, c.Evidence, r)
		outs = append(outs, o)
		if (len(c.Slugs) == 0) == o.Answered || len(c.Slugs) > 0 && !o.RightFirst {
			fmt.Fprintf(&fails, "%s [%s] %s\n  want %v got %v", c.ID, c.Lang, c.Text, c.Slugs, r.Citations)
			for _, h := range hits[:min(3, len(hits))] {
				fmt.Fprintf(&fails, " | %s %.2f %.2f %v", h.Slug, h.Score, h.Coverage, h.Matched)
			}
			fmt.Fprintln(&fails)
		}
	}
	if secRight+secWrong > 0 {
		t.Logf("right article first: evidence in the top section %d, elsewhere %d; passage holds it %d; the next section's passage %d", secRight, secWrong, passRight, secondPart)
	}
	rep := newAnswersReport(outs)
	var out strings.Builder
	rep.WriteText(&out)
	t.Logf("\n%s", out.String())
	if os.Getenv("LOS_TUNE_FAILURES") != "" {
		t.Logf("\n%s", fails.String())
	}
	if f := os.Getenv("LOS_TUNE_DUMP"); f != "" {
		os.WriteFile(f, []byte(dump.String()), 0o644)
	}
}
