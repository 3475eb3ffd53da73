package triage

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// Example is one labelled message of an evaluation set.
type Example struct {
	Line    int          `json:"line"`
	Label   los.Category `json:"label"`
	Variant los.Standard `json:"variant"`
	Text    string       `json:"text"`
	// Weight of the example in training; 0 counts as 1.
	Weight float64 `json:"-"`
}

// ReadExamples reads a TSV with the header "label\tvariant\ttext".
func ReadExamples(r io.Reader) ([]Example, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []Example
	line := 0
	for sc.Scan() {
		line++
		row := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			if row != "label\tvariant\ttext" {
				return nil, fmt.Errorf("line 1: header %q: want \"label\\tvariant\\ttext\"", row)
			}
			continue
		}
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: %d fields: want 3 separated by tabs", line, len(f))
		}
		ex := Example{Line: line, Label: los.Category(f[0]), Text: strings.TrimSpace(f[2])}
		if !ex.Label.Valid() {
			return nil, fmt.Errorf("line %d: label %q is not a triage category", line, f[0])
		}
		v, ok := lang.Parse(f[1])
		if !ok || string(v) != f[1] {
			return nil, fmt.Errorf("line %d: variant %q: want nb, nn or en", line, f[1])
		}
		ex.Variant = v
		if ex.Text == "" {
			return nil, fmt.Errorf("line %d: empty text", line)
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("line 1: empty file: want the header \"label\\tvariant\\ttext\"")
	}
	return out, nil
}

// ReadSentences reads real sentences from a JSON list of {"text",
// "label"} objects, the format of NoReC_sentence, and returns those whose
// label is one of keep as examples labelled none: text nobody wrote for
// the triage, on which every alarm is a false one. Los never trains on
// such files (NoReC is for evaluation only); they are read from where the
// operator keeps them.
func ReadSentences(r io.Reader, keep ...string) ([]Example, error) {
	var rows []struct {
		Text  string `json:"text"`
		Label string `json:"label"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("want a JSON list of {\"text\", \"label\"} objects: %w", err)
	}
	var out []Example
	for i, row := range rows {
		if !slices.Contains(keep, row.Label) || strings.TrimSpace(row.Text) == "" {
			continue
		}
		out = append(out, Example{Line: i + 1, Label: los.CategoryNone, Variant: lang.Detect(row.Text), Text: strings.TrimSpace(row.Text)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentence labelled %s", strings.Join(keep, " or "))
	}
	return out, nil
}

// Evaluate classifies every example of the TSV in r and reports how the
// classifier did.
func Evaluate(ctx context.Context, r io.Reader, c *Classifier) (Report, error) {
	examples, err := ReadExamples(r)
	if err != nil {
		return Report{}, err
	}
	return EvaluateExamples(ctx, examples, c)
}

// EvaluateExamples classifies examples and reports how the classifier did.
func EvaluateExamples(ctx context.Context, examples []Example, c *Classifier) (Report, error) {
	preds := make([]los.Triage, len(examples))
	start := time.Now()
	for i, ex := range examples {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		preds[i] = c.Classify(ctx, ex.Text)
	}
	rep := newReport(examples, preds)
	if len(examples) > 0 {
		rep.MeanMicros = float64(time.Since(start).Microseconds()) / float64(len(examples))
	}
	return rep, nil
}
