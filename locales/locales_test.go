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
