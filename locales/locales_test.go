package locales

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// TestCatalogComplete fails when nn or en misses a key of nb, has one nb
// lacks, or uses other format verbs than nb.
func TestCatalogComplete(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	ref := c.texts[los.Bokmal]
	if len(ref) == 0 {
		t.Fatal("no nb texts")
	}
	for _, l := range []los.Standard{los.Nynorsk, los.English} {
		for k, v := range ref {
			got, ok := c.texts[l][k]
			if !ok {
				t.Errorf("%s misses key %q", l, k)
				continue
			}
			if strings.TrimSpace(got) == "" {
				t.Errorf("%s: key %q is empty", l, k)
			}
			if a, b := verbs.FindAllString(v, -1), verbs.FindAllString(got, -1); strings.Join(a, ",") != strings.Join(b, ",") {
				t.Errorf("%s: key %q has format verbs %v, nb has %v", l, k, b, a)
			}
		}
		for k := range c.texts[l] {
			if _, ok := ref[k]; !ok {
				t.Errorf("%s has key %q that nb lacks", l, k)
			}
		}
	}
}

func TestOverrideAndFallback(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "custom.nn.json"), []byte(`{"answer.none": "Overstyrt"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		l    los.Standard
		key  string
		want string
	}{
		{name: "override", l: los.Nynorsk, key: "answer.none", want: "Overstyrt"},
		{name: "unknown key", l: los.English, key: "no.such.key", want: "no.such.key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.T(tt.l, tt.key); got != tt.want {
				t.Errorf("T(%s, %s) = %q, want %q", tt.l, tt.key, got, tt.want)
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{name: "bad name", file: "texts.json", body: `{}`, want: "AREA.LANG.json"},
		{name: "bad lang", file: "x.de.json", body: `{}`, want: "AREA.LANG.json"},
		{name: "bad json", file: "x.nb.json", body: `{`, want: "x.nb.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestUsedKeysExist fails when Go code, a template or a script of the web
// pages or the bot asks for a text key that no nb file has: the catalog
// check above only compares the languages with each other, so a key missing
// from all three would slip past it and show its raw name to users.
func TestUsedKeysExist(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	ref := c.texts[los.Bokmal]
	const key = `([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)`
	goUses := []*regexp.Regexp{
		regexp.MustCompile(`\bT\([^()"]*"` + key + `"`), // T(lang, "key")
		regexp.MustCompile(`\bKey: *"` + key + `"`),     // los.Error{Key: "key"}
	}
	tmplUses := []*regexp.Regexp{regexp.MustCompile(`\.T "` + key + `"`)}
	// The chat widget's t and bind add "web.chat."; the inbox's and the
	// editor's scripts use whole keys.
	jsUses := []*regexp.Regexp{regexp.MustCompile(`\bt\('` + key + `'`), regexp.MustCompile(`\bbind\([^;]*?, '` + key + `'`)}
	found := 0
	check := func(path, src string, res []*regexp.Regexp, prefix string) {
		for _, re := range res {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				found++
				if strings.HasSuffix(m[1], "_") {
					continue // the start of a key built at run time
				}
				if _, ok := ref[prefix+m[1]]; !ok {
					t.Errorf("%s uses text key %q, which no nb file has", path, prefix+m[1])
				}
			}
		}
	}
	for _, root := range []string{"../web", "../bot"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "dist" || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			var res []*regexp.Regexp
			switch {
			case strings.HasSuffix(name, "_test.go"):
				return nil
			case strings.HasSuffix(name, ".go"):
				res = goUses
			case strings.HasSuffix(name, ".html"):
				res = tmplUses
			case strings.HasSuffix(name, ".js"):
				res = jsUses
			default:
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			prefix := ""
			if strings.HasSuffix(name, ".js") && strings.Contains(filepath.ToSlash(path), "chat/assets/widget/") {
				prefix = "web.chat."
			}
			check(path, string(b), res, prefix)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 100 {
		t.Fatalf("found only %d key uses; the patterns no longer match the code", found)
	}
}
