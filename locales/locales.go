// Package locales holds every text a customer, agent or editor reads, in
// Bokmål (nb, the reference), Nynorsk (nn) and English (en).
//
// Texts live in embedded JSON files named AREA.LANG.json (bot.nb.json,
// web.nn.json, ...) with flat dotted keys. Every key in nb must exist in nn
// and en; a test guards that.
package locales

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

//go:embed *.json
var embedded embed.FS

// Catalog maps written standard -> key -> text.
type Catalog struct {
	texts map[los.Standard]map[string]string
}

// Load reads the embedded texts, then any AREA.LANG.json files in dir
// (when not empty), whose keys replace the embedded ones.
func Load(dir string) (*Catalog, error) {
	c := &Catalog{texts: map[los.Standard]map[string]string{}}
	if err := c.addFS(embedded, false); err != nil {
		return nil, err
	}
	if dir != "" {
		if err := c.addFS(os.DirFS(dir), true); err != nil {
			return nil, fmt.Errorf("locale override %s: %w", dir, err)
		}
	}
	return c, nil
}

// MustLoad returns the embedded catalog; a test guards that it loads.
func MustLoad() *Catalog {
	c, err := Load("")
	if err != nil {
		panic(err)
	}
	return c
}

func (c *Catalog) addFS(fsys fs.FS, override bool) error {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(path.Base(f), ".json"), ".")
		l, ok := lang.Parse(parts[len(parts)-1])
		if len(parts) != 2 || !ok {
			return fmt.Errorf("%s: file name must be AREA.LANG.json with LANG nb, nn or en", f)
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if c.texts[l] == nil {
			c.texts[l] = map[string]string{}
		}
		for k, v := range m {
			if _, dup := c.texts[l][k]; dup && !override {
				return fmt.Errorf("%s: key %q is defined twice", f, k)
			}
			c.texts[l][k] = v
		}
	}
	return nil
}

// T returns the text for key in l, formatted with args (fmt verbs). A key
// missing in l falls back to nb, then to the key itself.
func (c *Catalog) T(l los.Standard, key string, args ...any) string {
	s, ok := c.texts[l][key]
	if !ok {
		if s, ok = c.texts[los.Bokmal][key]; !ok {
			s = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Prefix returns the texts of l whose keys start with prefix, for sending
// a UI its strings.
func (c *Catalog) Prefix(l los.Standard, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range c.texts[los.Bokmal] {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	for k, v := range c.texts[l] {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	return out
}

// Keys returns the sorted keys of l.
func (c *Catalog) Keys(l los.Standard) []string {
	keys := make([]string, 0, len(c.texts[l]))
	for k := range c.texts[l] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
