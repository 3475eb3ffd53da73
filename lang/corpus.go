package lang

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/los-bot/los"
)

// Example is one labelled text.
type Example struct {
	Lang los.Standard
	Text string
}

// The UD split: the dev files are cut into blocks of UDBlock consecutive
// sentences (close to documents, so a held-out sentence rarely shares its
// text's names and topic with a training one); every third block (block
// index % 3 == 2) is held out from training.
const UDBlock = 50

// HeldOutUD reports whether the sentence on 0-based line i of a UD dev file
// is held out from training.
func HeldOutUD(i int) bool { return (i/UDBlock)%3 == 2 }

// ReadUD reads a file of one sentence a line as examples of standard l and
// splits them into the training and the held-out part.
func ReadUD(path string, l los.Standard) (train, heldOut []Example, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for i := 0; sc.Scan(); i++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if HeldOutUD(i) {
			heldOut = append(heldOut, Example{l, text})
		} else {
			train = append(train, Example{l, text})
		}
	}
	return train, heldOut, sc.Err()
}

// ReadArticles reads the Markdown articles of a knowledge-base directory
// (front matter with a "lang:" line) as one example per paragraph.
func ReadArticles(dir string) ([]Example, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Example
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		head, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		if !ok {
			return nil, fmt.Errorf("%s: no front matter", p)
		}
		l := los.Bokmal
		for _, line := range strings.Split(head, "\n") {
			if v, ok := strings.CutPrefix(line, "lang:"); ok {
				if l, ok = Parse(v); !ok {
					return nil, fmt.Errorf("%s: unknown lang %q", p, strings.TrimSpace(v))
				}
			}
		}
		for _, para := range strings.Split(body, "\n") {
			para = strings.ReplaceAll(strings.TrimLeft(para, "#-*>0123456789. "), "\t", " ")
			if strings.TrimSpace(para) != "" {
				out = append(out, Example{l, para})
			}
		}
	}
	return out, nil
}

// ReadLocales reads the customer-facing strings of a locales directory
// (files NAME.LANG.json holding one object of strings), sorted by file and
// key.
func ReadLocales(dir string) ([]Example, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Example
	for _, p := range paths {
		base := strings.TrimSuffix(filepath.Base(p), ".json")
		l, ok := Parse(base[strings.LastIndexByte(base, '.')+1:])
		if !ok {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, Example{l, m[k]})
		}
	}
	return out, nil
}

// ReadTSV reads labelled messages from a TSV file whose header names a
// "lang" and a "text" column (the blind sets' format).
func ReadTSV(r io.Reader) ([]Example, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	li, ti := -1, -1
	var out []Example
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if li < 0 {
			for i, c := range cols {
				switch c {
				case "lang":
					li = i
				case "text":
					ti = i
				}
			}
			if li < 0 || ti < 0 {
				return nil, fmt.Errorf("line 1: the header needs a lang and a text column")
			}
			continue
		}
		if len(cols) <= li || len(cols) <= ti {
			return nil, fmt.Errorf("line %d: %d columns, want at least %d", n, len(cols), max(li, ti)+1)
		}
		l, ok := Parse(cols[li])
		if !ok {
			return nil, fmt.Errorf("line %d: unknown lang %q", n, cols[li])
		}
		out = append(out, Example{l, cols[ti]})
	}
	return out, sc.Err()
}

// Files of the training corpus, under the corpus directory. Each
// *.apertium.txt file is Apertium's translation (apertium-nno-nob, modes
// nob-nno_e and nno-nob) of the file it names, line by line: made once by
// corpus/translate.sh and kept, so training needs no Apertium.
var corpusFiles = []struct {
	path      string
	lang      los.Standard
	ud        bool // a UD dev file: held-out lines are left out
	translate string
}{
	{"ud/nb.dev.txt", los.Bokmal, true, "ud/nb.dev.nn.apertium.txt"},
	{"ud/nn.dev.txt", los.Nynorsk, true, "ud/nn.dev.nb.apertium.txt"},
	{"norquad/nb.txt", los.Bokmal, false, "norquad/nb.nn.apertium.txt"},
}

// TrainingSet reads the training examples from the corpus directory: the
// training part of the UD dev files and the NorQuAD passages, each with its
// Apertium translation into the other standard (words Apertium did not
// know, marked *, # or @, left out; of a UD sentence's translation only the
// words it changed, so that names and shared words keep the sign they carry
// in real text; a UD sentence Apertium leaves unchanged, see Ambiguous, is
// trained on as both standards, so that what both share leans to neither),
// then the snapshot of the knowledge-base paragraphs with
// their whole translations (so product words, which most articles happen
// to use in Bokmål, lean to neither standard) and the snapshot of the
// customer-facing strings. The order is fixed. The snapshots make the
// model independent of later edits to kb/demo and locales: translate.sh
// refreshes them.
func TrainingSet(corpus string) ([]Example, error) {
	return trainingSet(corpus, nil)
}

// trainingSet is TrainingSet that also leaves out the UD lines skip names
// (by file and 0-based line), for cross-validation inside the training
// part.
func trainingSet(corpus string, skip func(path string, line int) bool) ([]Example, error) {
	var out []Example
	for _, f := range corpusFiles {
		orig, err := readLines(filepath.Join(corpus, f.path))
		if err != nil {
			return nil, err
		}
		tr, err := readLines(filepath.Join(corpus, f.translate))
		if err != nil {
			return nil, err
		}
		if len(tr) != len(orig) {
			return nil, fmt.Errorf("%s has %d lines, its translation %s %d", f.path, len(orig), f.translate, len(tr))
		}
		other := otherStandard(f.lang)
		for i := range orig {
			if f.ud && (HeldOutUD(i) || skip != nil && skip(f.path, i)) {
				continue
			}
			if strings.TrimSpace(orig[i]) != "" {
				out = append(out, Example{f.lang, orig[i]})
				if f.ud && Ambiguous(orig[i], tr[i]) {
					out = append(out, Example{other, orig[i]})
				}
			}
			t := cleanTranslation(tr[i])
			if f.ud {
				t = changedWords(orig[i], t)
			}
			if t != "" {
				out = append(out, Example{other, t})
			}
		}
	}
	for _, name := range []string{ArticleSnapshot, LocaleSnapshot} {
		ex, err := readSnapshot(filepath.Join(corpus, name))
		if err != nil {
			return nil, err
		}
		out = append(out, ex...)
	}
	return out, nil
}

// Snapshots of Los's own texts in the corpus, made by translate.sh: lines
// "lang TAB text TAB translation into the other standard" (no translation
// for English).
const (
	ArticleSnapshot = "kb/articles.apertium.tsv"
	LocaleSnapshot  = "locales/strings.tsv"
)

// readSnapshot reads a snapshot file: each text, then its translation.
func readSnapshot(path string) ([]Example, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, fmt.Errorf("%w (run lang/corpus/translate.sh)", err)
	}
	var out []Example
	for n, line := range lines {
		f := strings.Split(line, "\t")
		l, ok := Parse(f[0])
		if len(f) != 3 || !ok {
			return nil, fmt.Errorf("%s:%d: want lang TAB text TAB translation", path, n+1)
		}
		out = append(out, Example{l, f[1]})
		if t := cleanTranslation(f[2]); t != "" && l != los.English {
			out = append(out, Example{otherStandard(l), t})
		}
	}
	return out, nil
}

func otherStandard(l los.Standard) los.Standard {
	if l == los.Nynorsk {
		return los.Bokmal
	}
	return los.Nynorsk
}

// HeldOutSet reads the held-out sentences of the UD dev files.
func HeldOutSet(corpus string) ([]Example, error) {
	var out []Example
	for _, f := range corpusFiles {
		if !f.ud {
			continue
		}
		_, ho, err := ReadUD(filepath.Join(corpus, f.path), f.lang)
		if err != nil {
			return nil, err
		}
		out = append(out, ho...)
	}
	return out, nil
}

// cleanTranslation drops the words of a translation that Apertium marks
// as unknown (*), not generated (#) or not transferred (@): they are still
// in the source standard.
func cleanTranslation(tr string) string {
	f := strings.Fields(tr)
	keep := f[:0]
	for _, w := range f {
		if !strings.ContainsAny(w, "*#@") {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// changedWords keeps the words of a translation that its source lacks.
func changedWords(src, tr string) string {
	seen := map[string]bool{}
	for _, w := range words(src) {
		seen[w] = true
	}
	var keep []string
	for _, w := range words(tr) {
		if !seen[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"), nil
}
