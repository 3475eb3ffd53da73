// Command realtext writes the real Norwegian sentences the learned layer of
// the triage trains on as "none" (see triage.RealSets): NorQuAD passages
// split into sentences (CC0), the sentences of the Universal Dependencies
// Norwegian treebanks (CC BY-SA 4.0) and the demo knowledge base (articles
// split into sentences, and its example questions). Each output is a
// labelled TSV ("none", the written standard, the sentence), sorted and
// without duplicates, so that the same sources give the same bytes.
//
//	go run ./internal/realtext -norquad ../../shared/data/norquad/validation_dataset_flattened.json \
//	    -ud ../../shared/data/ud -o testdata
//
// Which of these sentences are trained on, and with what weight, is
// decided at training time (triage.RealExamples): sentences in which the
// rules find any sensitive cue are left out.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "realtext:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("realtext", flag.ContinueOnError)
	norquad := fs.String("norquad", "", "NorQuAD file in SQuAD format (passages are split into sentences)")
	ud := fs.String("ud", "", "directory with the UD sentence files nb.dev.txt and nn.dev.txt")
	questionsFile := fs.String("questions", "../kb/testdata/questions.tsv", "the knowledge base's example questions")
	out := fs.String("o", "testdata", "directory to write real_norquad.tsv, real_ud.tsv and real_kb.tsv to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *norquad == "" || *ud == "" {
		fs.Usage()
		return errors.New("-norquad and -ud are required")
	}
	var rows []row
	passages, err := readNorQuAD(*norquad)
	if err != nil {
		return err
	}
	for _, p := range passages {
		for _, s := range sentences(p) {
			rows = append(rows, row{los.Bokmal, s})
		}
	}
	if err := write(filepath.Join(*out, "real_norquad.tsv"), rows, stdout); err != nil {
		return err
	}
	rows = rows[:0]
	for _, l := range []los.Standard{los.Bokmal, los.Nynorsk} {
		lines, err := readLines(filepath.Join(*ud, string(l)+".dev.txt"))
		if err != nil {
			return err
		}
		for _, s := range lines {
			rows = append(rows, row{l, s})
		}
	}
	if err := write(filepath.Join(*out, "real_ud.tsv"), rows, stdout); err != nil {
		return err
	}
	rows = rows[:0]
	articles, err := kb.Demo()
	if err != nil {
		return err
	}
	for _, a := range articles {
		for _, s := range sentences(plain(a.Title + ".\n" + a.Body)) {
			rows = append(rows, row{a.Lang, s})
		}
	}
	questions, err := readQuestions(*questionsFile)
	if err != nil {
		return err
	}
	rows = append(rows, questions...)
	return write(filepath.Join(*out, "real_kb.tsv"), rows, stdout)
}

type row struct {
	l    los.Standard
	text string
}

func readNorQuAD(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Data []struct {
			Paragraphs []struct {
				Context string `json:"context"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	for _, d := range f.Data {
		for _, p := range d.Paragraphs {
			out = append(out, p.Context)
		}
	}
	return out, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}

// readQuestions reads the knowledge base's example questions (columns
// expect, lang, question).
func readQuestions(path string) ([]row, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var out []row
	for i, line := range lines {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) != 3 {
			continue
		}
		if l, ok := lang.Parse(f[1]); ok {
			out = append(out, row{l, f[2]})
		}
	}
	return out, nil
}

var (
	sentenceEnd = regexp.MustCompile(`([.!?])\s+`)
	link        = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	space       = regexp.MustCompile(`\s+`)
)

// plain turns the Markdown of an article into lines of text: headings and
// list items become sentences of their own, links their text.
func plain(md string) string {
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimLeft(line, "#-*> ")
		line = link.ReplaceAllString(line, "$1")
		line = strings.NewReplacer("**", "", "__", "", "`", "", "|", " ").Replace(line)
		if line == "" {
			continue
		}
		b.WriteString(line)
		if !strings.ContainsAny(line[len(line)-1:], ".!?:") {
			b.WriteString(".")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// sentences splits text at a sentence end followed by a capital letter, a
// digit or a quotation mark, and keeps sentences of 4 to 60 words.
func sentences(text string) []string {
	var out []string
	start := 0
	for _, m := range sentenceEnd.FindAllStringSubmatchIndex(text+" ", -1) {
		next := m[1]
		if next < len(text) {
			r := []rune(text[next:])[0]
			if !(r >= 'A' && r <= 'Z' || strings.ContainsRune("ÆØÅ«\"0123456789", r)) {
				continue
			}
		}
		out = appendSentence(out, text[start:min(m[3], len(text))])
		start = next
	}
	if start < len(text) {
		out = appendSentence(out, text[start:])
	}
	return out
}

func appendSentence(out []string, s string) []string {
	s = strings.TrimSpace(space.ReplaceAllString(s, " "))
	if n := len(strings.Fields(s)); n < 4 || n > 60 {
		return out
	}
	return append(out, s)
}

// write writes rows as a labelled TSV, sorted and without duplicates.
func write(path string, rows []row, stdout io.Writer) error {
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		text := strings.TrimSpace(strings.ReplaceAll(r.text, "\t", " "))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		lines = append(lines, "none\t"+string(r.l)+"\t"+text)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	data := "label\tvariant\ttext\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d sentences\n", path, len(lines))
	return nil
}
