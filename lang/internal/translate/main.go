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
)

func main() {
	from := flag.String("from", "nb", "standard of the input")
	to := flag.String("to", "nn", "standard to translate into")
	in := flag.String("in", "", "input file, one sentence a line")
	out := flag.String("o", "", "output file")
	articles := flag.String("articles", "", "translate the paragraphs of this knowledge-base directory instead (writes lang TAB paragraph TAB translation)")
	flag.Parse()
	if *articles != "" && *out != "" {
		if err := runArticles(*articles, *out); err != nil {
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

func run(from, to lang.Standard, in, out string) error {
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

// runArticles translates every Bokmål and Nynorsk paragraph of the
// articles into the other standard.
func runArticles(dir, out string) error {
	ex, err := lang.ReadArticles(dir)
	if err != nil {
		return err
	}
	tr := apertium.New(apertium.Options{Timeout: time.Minute, MarkUnknown: true})
	defer tr.Close()
	var b strings.Builder
	for i, e := range ex {
		to := lang.Nynorsk
		switch e.Lang {
		case lang.English:
			continue
		case lang.Nynorsk:
			to = lang.Bokmal
		}
		got, err := tr.Translate(context.Background(), e.Lang, to, e.Text)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", e.Lang, e.Text, strings.ReplaceAll(strings.ReplaceAll(got, "\t", " "), "\n", " "))
		fmt.Fprintf(os.Stderr, "\r%s: %d/%d paragraphs", dir, i+1, len(ex))
	}
	fmt.Fprintln(os.Stderr)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
