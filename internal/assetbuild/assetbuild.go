// Package assetbuild builds the web applications' front ends with
// esbuild's Go API: each script bundled with its modules into one file,
// scripts and stylesheets minified, every file under a content-hashed
// name, with gzip and brotli variants beside it and a manifest from the
// names pages ask for (chat.js) to the hashed ones (chat.0123456789ab.js).
// web.LoadAssets serves the result.
//
// It runs at go generate time (see genassets); the output is committed,
// so a clean clone builds with CGO_ENABLED=0 and no JavaScript tools, and
// the binary never links esbuild. A test fails when the committed output
// is not what the sources build.
package assetbuild

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/evanw/esbuild/pkg/api"
)

// Manifest is the name of the file that maps logical names to hashed ones.
const Manifest = "manifest.json"

// App is one application's front end: the sources under Dir/assets, built
// into Dir/dist.
type App struct {
	Name string // chat, agent, editor, admin
	Dir  string // the package's directory from the module root
	// Prefix is the URL path the application serves its assets under:
	// the hashed URLs scripts link (see Bundle.Links) start with it.
	Prefix  string
	Bundles []Bundle
}

// Bundle is one file a page asks for.
type Bundle struct {
	// Name is the logical name pages and templates use: "chat.js".
	Name string
	// Entry is the source under assets/. A .js entry is bundled with the
	// modules it imports; a .css entry with its @imports; anything else
	// is copied.
	Entry string
	// Module builds a script as an ES module (for <script type="module">)
	// instead of a classic script run at once (an IIFE).
	Module bool
	// Links gives a script the hashed URLs of bundles built before it:
	// the constant __LOS_CSS__ is Links["__LOS_CSS__"]'s URL, say.
	Links map[string]string
}

// Build builds app from the sources under root/app.Dir/assets and returns
// the files of its dist directory by name.
func Build(root string, app App) (map[string][]byte, error) {
	src := filepath.Join(root, app.Dir, "assets")
	out := map[string][]byte{}
	manifest := map[string]string{}
	for _, b := range app.Bundles {
		body, err := build(src, b, app.Prefix, manifest)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", app.Dir, b.Entry, err)
		}
		hashed := hashedName(b.Name, body)
		manifest[b.Name] = hashed
		out[hashed] = body
		for _, v := range variants(body) {
			out[hashed+v.ext] = v.body
		}
	}
	m, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return nil, err
	}
	out[Manifest] = append(m, '\n')
	return out, nil
}

func build(src string, b Bundle, prefix string, manifest map[string]string) ([]byte, error) {
	entry := filepath.Join(src, filepath.FromSlash(b.Entry))
	ext := path.Ext(b.Entry)
	if ext != ".js" && ext != ".css" {
		return os.ReadFile(entry)
	}
	opts := api.BuildOptions{
		EntryPoints:       []string{entry},
		AbsWorkingDir:     src,
		Bundle:            true,
		Write:             false,
		Outfile:           "out" + ext,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		Target:            api.ES2020,
		LogLevel:          api.LogLevelSilent,
		Define:            map[string]string{},
	}
	if ext == ".js" {
		opts.Format = api.FormatIIFE
		if b.Module {
			opts.Format = api.FormatESModule
		}
	}
	names := make([]string, 0, len(b.Links))
	for name := range b.Links {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		hashed, ok := manifest[b.Links[name]]
		if !ok {
			return nil, fmt.Errorf("links %s before it is built: list it earlier", b.Links[name])
		}
		opts.Define[name] = strconv.Quote(prefix + "/" + hashed)
	}
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, fmt.Errorf("esbuild:\n%s", strings.Join(msgs, ""))
	}
	if len(res.Warnings) > 0 {
		msgs := api.FormatMessages(res.Warnings, api.FormatMessagesOptions{Kind: api.WarningMessage})
		return nil, fmt.Errorf("esbuild warns (fix the source):\n%s", strings.Join(msgs, ""))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("esbuild wrote %d files, want one", len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}

// hashedName puts the first 12 hex digits of body's SHA-256 before the
// extension: chat.js -> chat.0123456789ab.js.
func hashedName(name string, body []byte) string {
	h := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(h[:6]) + ext
}

type variant struct {
	ext  string
	body []byte
}

// variants are body compressed with brotli (best) and gzip (best), each
// kept only when it is smaller.
func variants(body []byte) []variant {
	var out []variant
	var br bytes.Buffer
	w := brotli.NewWriterLevel(&br, brotli.BestCompression)
	w.Write(body)
	w.Close()
	if br.Len() < len(body) {
		out = append(out, variant{".br", br.Bytes()})
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if gz.Len() < len(body) {
		out = append(out, variant{".gz", gz.Bytes()})
	}
	return out
}

// Write replaces the files of dir with files.
func Write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Stale compares dir with files and names the differences: missing,
// changed and extra files. Empty: dir is current.
func Stale(dir string, files map[string][]byte) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	var diffs []string
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
		want, ok := files[e.Name()]
		if !ok {
			diffs = append(diffs, "extra "+e.Name())
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(got, want) {
			diffs = append(diffs, "changed "+e.Name())
		}
	}
	for name := range files {
		if !have[name] {
			diffs = append(diffs, "missing "+name)
		}
	}
	sort.Strings(diffs)
	return diffs, nil
}

// Root returns the module's root directory: the nearest directory at or
// above dir with a go.mod.
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
