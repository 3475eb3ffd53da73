package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/los-bot/los"
)

// AnswerRow is one question of a blind answer set (TSV: id, lang, slugs,
// evidence, text; slugs "-" when no article answers).
type AnswerRow struct {
	ID    string
	Lang  los.Standard
	Slugs []string // the articles that answer, most specific first
	Text  string
}

// ReadAnswerTSV reads a blind answer set (eval/testdata/blind).
func ReadAnswerTSV(r io.Reader) ([]AnswerRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var out []AnswerRow
	for line := 0; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if line == 0 && len(f) > 0 && f[0] == "id" {
			continue // the header
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if len(f) != 5 {
			return nil, fmt.Errorf("line %d: %d columns, want 5 (id, lang, slugs, evidence, text)", line+1, len(f))
		}
		row := AnswerRow{ID: f[0], Lang: los.Standard(f[1]), Text: f[4]}
		if f[2] != "-" {
			row.Slugs = strings.Split(f[2], ",")
		}
		out = append(out, row)
	}
	return out, sc.Err()
}

// Suggester is the desk's copilot: the best passage of each of the n
// articles that best answer a customer's message.
type Suggester func(ctx context.Context, text string, l los.Standard, n int) ([]los.Source, error)

// CopilotReport says how often the copilot would have put the right
// article in front of the agent.
type CopilotReport struct {
	File string `json:"file"`
	// InScope counts the questions an article answers; Top1 and Top3 are
	// the shares of them whose right article the copilot suggested first,
	// or among its first three.
	InScope int     `json:"in_scope"`
	Top1    float64 `json:"top1"`
	Top3    float64 `json:"top3"`
	// OutOfScope counts the questions no article answers;
	// OutOfScopeRelevant is the share of them whose first suggestion the
	// retriever still judged relevant (shown without "uncertain").
	OutOfScope         int     `json:"out_of_scope"`
	OutOfScopeRelevant float64 `json:"out_of_scope_relevant"`
	// Misses are the in-scope questions whose article was not among the
	// three, when asked for (never for a held-out set).
	Misses []CopilotMiss `json:"misses,omitempty"`
}

// CopilotMiss is a question whose article the copilot did not suggest.
type CopilotMiss struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Want      []string `json:"want"`
	Suggested []string `json:"suggested"`
}

// Copilot asks suggest for three articles per question of rows; progress,
// when not nil, hears of each question done.
func Copilot(ctx context.Context, file string, rows []AnswerRow, suggest Suggester, misses bool, progress func(done, total int)) (*CopilotReport, error) {
	rep := &CopilotReport{File: file}
	var top1, top3, oosRelevant int
	for i, row := range rows {
		got, err := suggest(ctx, row.Text, row.Lang, 3)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", row.ID, err)
		}
		if progress != nil {
			progress(i+1, len(rows))
		}
		if len(row.Slugs) == 0 {
			rep.OutOfScope++
			if len(got) > 0 && got[0].Relevant {
				oosRelevant++
			}
			continue
		}
		rep.InScope++
		var slugs []string
		for _, s := range got {
			slugs = append(slugs, s.Slug)
		}
		if len(slugs) > 0 && slices.Contains(row.Slugs, slugs[0]) {
			top1++
		}
		if slices.ContainsFunc(slugs, func(s string) bool { return slices.Contains(row.Slugs, s) }) {
			top3++
		} else if misses {
			rep.Misses = append(rep.Misses, CopilotMiss{ID: row.ID, Text: row.Text, Want: row.Slugs, Suggested: slugs})
		}
	}
	if rep.InScope > 0 {
		rep.Top1 = round3(float64(top1) / float64(rep.InScope))
		rep.Top3 = round3(float64(top3) / float64(rep.InScope))
	}
	if rep.OutOfScope > 0 {
		rep.OutOfScopeRelevant = round3(float64(oosRelevant) / float64(rep.OutOfScope))
	}
	return rep, nil
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
