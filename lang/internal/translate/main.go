// Command translate makes the *.apertium.txt files of the lang corpus:
// Apertium's translation of a file, line by line (lines stay aligned with
// the source), with the Los pipeline (package apertium).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/lang"

	"github.com/los-bot/los"
)

func main() {
	from := flag.String("from", "nb", "standard of the input")
	to := flag.String("to", "nn", "standard to translate into")
	in := flag.String("in", "", "input file, one sentence a line")
	out := flag.String("o", "", "output file")
	articles := flag.String("articles", "", "snapshot the paragraphs of this knowledge-base directory with their translations instead (lang TAB text TAB translation)")
	locales := flag.String("locales", "", "snapshot the strings of this locales directory with their translations instead")
	flag.Parse()
	if (*articles != "" || *locales != "") && *out != "" {
		var ex []lang.Example
		var err error
		if *articles != "" {
			ex, err = lang.ReadArticles(*articles)
		} else {
			ex, err = lang.ReadLocales(*locales)
		}
		if err == nil {
			err = snapshot(ex, *out)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "translate:", err)
			os.Exit(1)
		}
		return
	}
	f, ok1 := lang.Parse(*from)
	t, ok2 := lang.Parse(*to)
	if !ok1 || !ok2 || *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(f, t, *in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "translate:", err)
		os.Exit(1)
	}
}

const batch = 100

func run(from, to los.Standard, in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	tr := apertium.New(apertium.Options{Timeout: 10 * time.Minute, MarkUnknown: true})
	defer tr.Close()
	ctx := context.Background()
	res := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i += batch {
		chunk := lines[i:min(i+batch, len(lines))]
		got, err := tr.Translate(ctx, from, to, strings.Join(chunk, "\n"))
		if err != nil {
			return err
		}
		parts := strings.Split(got, "\n")
		if len(parts) != len(chunk) {
			// Line breaks moved: translate this chunk line by line.
			parts = parts[:0]
			for _, l := range chunk {
				one, err := tr.Translate(ctx, from, to, l)
				if err != nil {
					return err
				}
				parts = append(parts, strings.ReplaceAll(one, "\n", " "))
			}
		}
		res = append(res, parts...)
		fmt.Fprintf(os.Stderr, "\r%s: %d/%d lines", in, len(res), len(lines))
	}
	fmt.Fprintln(os.Stderr)
	return os.WriteFile(out, []byte(strings.Join(res, "\n")+"\n"), 0o644)
}

// snapshot writes every text with its translation into the other
// Norwegian standard (none for English), one a line.
func snapshot(ex []lang.Example, out string) error {
	tr := apertium.New(apertium.Options{Timeout: time.Minute, MarkUnknown: true})
	defer tr.Close()
	flat := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	var b strings.Builder
	for i, e := range ex {
		text := flat.Replace(e.Text)
		var got string
		if e.Lang != los.English {
			to := los.Nynorsk
			if e.Lang == los.Nynorsk {
				to = los.Bokmal
			}
			var err error
			if got, err = tr.Translate(context.Background(), e.Lang, to, text); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", e.Lang, text, flat.Replace(got))
		fmt.Fprintf(os.Stderr, "\r%s: %d/%d texts", out, i+1, len(ex))
	}
	fmt.Fprintln(os.Stderr)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
