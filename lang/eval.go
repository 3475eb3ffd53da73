package lang

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/los-bot/los"
)

// Bands of message length, in words.
const (
	BandShort  = "<6"
	BandMedium = "6-15"
	BandLong   = ">15"
	BandAll    = "all"
)

// Bands lists the length bands in report order.
var Bands = []string{BandShort, BandMedium, BandLong, BandAll}

// Band names the length band of text: words are whitespace-separated tokens
// holding a letter or a digit.
func Band(text string) string {
	n := 0
	for _, f := range strings.Fields(text) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	switch {
	case n < 6:
		return BandShort
	case n <= 15:
		return BandMedium
	}
	return BandLong
}

// Cell is the share of one standard's examples detected right.
type Cell struct {
	N       int                  `json:"n"`
	Right   int                  `json:"right"`
	Recall  float64              `json:"recall"`
	Confuse map[los.Standard]int `json:"confused_with,omitempty"`
}

// Report is detection measured on labelled examples: recall per standard
// and band, and balanced accuracy (the mean recall over the standards
// present) per band.
type Report struct {
	Name     string                            `json:"name"`
	Recall   map[string]map[los.Standard]*Cell `json:"recall"`
	Balanced map[string]float64                `json:"balanced_accuracy"`
}

// Evaluate measures detect on the examples.
func Evaluate(name string, ex []Example, detect func(string) los.Standard) *Report {
	return tally(name, ex, func(i int) los.Standard { return detect(ex[i].Text) })
}

// tally builds the report of the examples from the standard detected for
// each (by index).
func tally(name string, ex []Example, detected func(i int) los.Standard) *Report {
	r := &Report{Name: name, Recall: map[string]map[los.Standard]*Cell{}, Balanced: map[string]float64{}}
	for _, b := range Bands {
		r.Recall[b] = map[los.Standard]*Cell{}
	}
	for i, e := range ex {
		got := detected(i)
		for _, b := range []string{Band(e.Text), BandAll} {
			c := r.Recall[b][e.Lang]
			if c == nil {
				c = &Cell{}
				r.Recall[b][e.Lang] = c
			}
			c.N++
			if got == e.Lang {
				c.Right++
			} else {
				if c.Confuse == nil {
					c.Confuse = map[los.Standard]int{}
				}
				c.Confuse[got]++
			}
		}
	}
	for _, b := range Bands {
		var sum float64
		for _, c := range r.Recall[b] {
			c.Recall = float64(c.Right) / float64(c.N)
			sum += c.Recall
		}
		if n := len(r.Recall[b]); n > 0 {
			r.Balanced[b] = sum / float64(n)
		}
	}
	return r
}

// WriteText prints the report as a table: one row per band, recall per
// standard with its count, then balanced accuracy.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%-6s", r.Name, "band")
	for _, s := range All {
		fmt.Fprintf(&b, " %14s", s)
	}
	fmt.Fprintf(&b, " %9s\n", "balanced")
	for _, band := range Bands {
		fmt.Fprintf(&b, "%-6s", band)
		for _, s := range All {
			if c := r.Recall[band][s]; c != nil {
				fmt.Fprintf(&b, " %6.3f (%5d)", c.Recall, c.N)
			} else {
				fmt.Fprintf(&b, " %14s", "-")
			}
		}
		fmt.Fprintf(&b, " %9.3f\n", r.Balanced[band])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// EvaluateUD measures detect on UD-style files in dir: one sentence a
// line, the standard named by the file name's first part (nb.*.txt,
// nn.*.txt). The dev files the model was trained on (nb.dev.txt,
// nn.dev.txt) are reported twice: their training part (in-sample) and
// their held-out part; any other files as unseen text. When the dev files'
// Apertium translations lie beside them (nb.dev.nn.apertium.txt,
// nn.dev.nb.apertium.txt, as in lang/corpus/ud), each part is also
// reported split into its ambiguous and unambiguous sentences (see
// Ambiguous).
func EvaluateUD(dir string, detect func(string) los.Standard) ([]*Report, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	var in, out, unseen []Example
	for _, p := range paths {
		base := filepath.Base(p)
		l, ok := Parse(strings.SplitN(base, ".", 2)[0])
		if !ok || strings.Contains(base, "apertium") {
			continue
		}
		tr, ho, err := ReadUD(p, l)
		if err != nil {
			return nil, err
		}
		if base == string(l)+".dev.txt" {
			in, out = append(in, tr...), append(out, ho...)
		} else {
			unseen = append(unseen, append(tr, ho...)...)
		}
	}
	var reps []*Report
	for _, part := range []struct {
		name string
		ex   []Example
	}{{"UD dev, training part (in-sample)", in}, {"UD dev, held-out part", out}, {"UD, other files (unseen)", unseen}} {
		if len(part.ex) > 0 {
			reps = append(reps, Evaluate(part.name, part.ex, detect))
		}
	}
	split, err := splitUD(dir, detect)
	if err != nil {
		return nil, err
	}
	reps = append(reps, split...)
	if len(reps) == 0 {
		return nil, fmt.Errorf("%s: no nb.*.txt or nn.*.txt files", dir)
	}
	return reps, nil
}

// ReadConversations reads the messages of a blind conversation set (JSON:
// [{"lang", "messages": [{"text"}]}]), each labelled with its
// conversation's standard.
func ReadConversations(r io.Reader) ([]Example, error) {
	var convs []struct {
		Lang     string `json:"lang"`
		Messages []struct {
			Text string `json:"text"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(r).Decode(&convs); err != nil {
		return nil, err
	}
	var out []Example
	for i, c := range convs {
		l, ok := Parse(c.Lang)
		if !ok {
			return nil, fmt.Errorf("conversation %d: unknown lang %q", i+1, c.Lang)
		}
		for _, m := range c.Messages {
			out = append(out, Example{l, m.Text})
		}
	}
	return out, nil
}
