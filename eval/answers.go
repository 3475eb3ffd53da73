package eval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/los-bot/los/kb"
)

// Case is one labelled single question: the articles that answer it
// (most specific first; none when the knowledge base cannot), and a
// phrase of the first of them that holds the answer.
type Case struct {
	ID       string
	Lang     string
	Slugs    []string // empty: out of scope
	Evidence string
	Text     string
}

// Reply is what Los answered to one message: the fields of `los ask
// --json` and of the conversation API that the measures read.
type Reply struct {
	Answer    string   `json:"answer"`
	Action    string   `json:"action"`
	Category  string   `json:"category"`
	Citations []string `json:"citations"`
	Mode      string   `json:"mode"`
	Lang      string   `json:"lang"`
	// Streamed is the text of the reply's "token" events, when it was
	// read as server-sent events (ViaStream).
	Streamed  string `json:"-"`
	ViaStream bool   `json:"-"`
}

// Asker answers one message outside any conversation.
type Asker func(ctx context.Context, text string) (Reply, error)

// LoadCases reads a TSV file with the header "id lang slugs evidence
// text"; slugs are comma-separated, "-" for none.
func LoadCases(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Case
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 && strings.HasPrefix(line, "id\t") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns (id lang slugs evidence text), got %d", path, n, len(cols))
		}
		c := Case{ID: cols[0], Lang: cols[1], Slugs: splitSlugs(cols[2]), Evidence: cols[3], Text: cols[4]}
		if c.Text == "" {
			return nil, fmt.Errorf("%s:%d: the question is empty", path, n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no questions", path)
	}
	return out, nil
}

func splitSlugs(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" && x != "-" {
			out = append(out, x)
		}
	}
	return out
}

// Outcome is how one reply fared.
type Outcome struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Kind     string   `json:"kind,omitempty"`
	Text     string   `json:"text"`
	Want     []string `json:"want"`
	Got      []string `json:"got"`
	Mode     string   `json:"mode"`
	Action   string   `json:"action"`
	Answered bool     `json:"answered"`
	// RightFirst: answerable, and the first citation answers it.
	RightFirst bool `json:"right_first"`
	// Useful: RightFirst, extractive, and the quoted text holds the
	// evidence (see Useful); Strict: holds it verbatim.
	Useful bool   `json:"useful"`
	Strict bool   `json:"useful_strict"`
	Answer string `json:"answer"`
}

// Options are the optional parts of a measurement.
type Options struct {
	// Progress hears how far the measurement is.
	Progress func(done, total int)
	// Translate translates between Bokmål and Nynorsk ("nb", "nn"), as
	// Los translates the articles it quotes: an extractive answer quoting
	// an article of the other standard holds the evidence machine-
	// translated, and the judge looks for it in both forms. nil: only as
	// written.
	Translate func(ctx context.Context, from, to, text string) (string, error)
	// Groups gives the translation group of every article that has twins
	// (slug -> kb.Article.Group). The twins say the same thing in
	// different standards, and search answers from the twin in the
	// customer's standard: citing any member of the group of an article
	// that answers is right. nil: only the labelled articles are right.
	Groups map[string]string
}

// Answering reports whether slug answers a message labelled with slugs:
// it is one of them or their twin (see Options.Groups).
func (o Options) Answering(slugs []string, slug string) bool {
	if slices.Contains(slugs, slug) {
		return true
	}
	g := o.Groups[slug]
	if g == "" {
		return false
	}
	for _, s := range slugs {
		if o.Groups[s] == g {
			return true
		}
	}
	return false
}

func (o Options) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}

// judge scores one reply to a labelled message. A reply answers when it
// cites an article; one without citations is Los saying it has no answer
// (or handing over).
func (o Options) judge(ctx context.Context, id, lng, kind, text string, slugs []string, evidence string, r Reply) Outcome {
	out := o.judgeAsWritten(id, lng, kind, text, slugs, evidence, r)
	if out.RightFirst && r.Mode == "extractive" && !out.Useful && o.Translate != nil {
		if from := otherStandard(r.Lang); from != "" {
			if tr, err := o.Translate(ctx, from, r.Lang, evidence); err == nil {
				out.Useful, out.Strict = Useful(r.Answer, tr)
			}
		}
	}
	return out
}

// judgeAsWritten is judge with the evidence as written only.
func (o Options) judgeAsWritten(id, lng, kind, text string, slugs []string, evidence string, r Reply) Outcome {
	out := Outcome{ID: id, Lang: lng, Kind: kind, Text: text, Want: slugs, Got: r.Citations, Mode: r.Mode,
		Action: r.Action, Answered: len(r.Citations) > 0, Answer: r.Answer}
	if len(slugs) > 0 && out.Answered && o.Answering(slugs, r.Citations[0]) {
		out.RightFirst = true
		if r.Mode == "extractive" {
			out.Useful, out.Strict = Useful(r.Answer, evidence)
		}
	}
	return out
}

// otherStandard is the Norwegian standard other than l ("nb", "nn");
// "" for any other language.
func otherStandard(l string) string {
	switch l {
	case "nb":
		return "nn"
	case "nn":
		return "nb"
	}
	return ""
}

// Answers asks every case and scores the replies.
func Answers(ctx context.Context, cases []Case, ask Asker, opt Options) (AnswersReport, error) {
	var outs []Outcome
	for i, c := range cases {
		r, err := ask(ctx, c.Text)
		if err != nil {
			return AnswersReport{}, fmt.Errorf("question %s: %w", c.ID, err)
		}
		outs = append(outs, opt.judge(ctx, c.ID, c.Lang, "", c.Text, c.Slugs, c.Evidence, r))
		opt.progress(i+1, len(cases))
	}
	return newAnswersReport(outs), nil
}

// Groups maps each article with twins to its translation group, for
// Options.Groups.
func Groups(articles []kb.Article) map[string]string {
	out := map[string]string{}
	for _, a := range articles {
		if a.Group != "" {
			out[a.Slug] = a.Group
		}
	}
	return out
}
