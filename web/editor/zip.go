package editor

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/los-bot/los/htmlmd"
	"github.com/los-bot/los/kb"
)

// Bounds on an uploaded zip, against zip bombs.
const (
	maxZipFiles    = 5000
	maxZipFileSize = 4 << 20
	maxZipTotal    = 64 << 20
)

// synonymsFile is the name of the synonyms in an exported or imported zip.
const synonymsFile = "synonyms.txt"

// importItem is one file of an uploaded zip, as the preview shows it.
type importItem struct {
	File   string        `json:"file"`
	Kind   string        `json:"kind"` // article, synonyms, other
	Slug   string        `json:"slug,omitempty"`
	Title  string        `json:"title,omitempty"`
	Status string        `json:"status"` // new, changed, unchanged, invalid, skipped
	Fields []string      `json:"fields,omitempty"`
	Draft  bool          `json:"draft,omitempty"` // comes in unpublished
	Errors []importError `json:"errors,omitempty"`
}

// importError is a problem in a file; Line is 1-based, 0 for the whole file.
type importError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// importBatch is an uploaded zip read and checked.
type importBatch struct {
	items    []importItem
	articles []kb.Article
	itemOf   []int   // itemOf[i] is the item of articles[i]
	synonyms *string // the synonyms file, when there is one
	synItem  int
}

func (b *importBatch) invalid() int {
	n := 0
	for _, it := range b.items {
		if it.Status == "invalid" {
			n++
		}
	}
	return n
}

// readImportZip reads every file of a zip: Markdown with front matter
// (kb.Parse), HTML (htmlmd.Article) and synonyms.txt. Other files are
// listed as skipped. Problems are collected per file, not returned; the
// error is for a zip that cannot be read at all.
func readImportZip(data []byte) (*importBatch, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &importFault{key: "editor.import.not_zip", msg: "the file is not a zip archive"}
	}
	if len(zr.File) > maxZipFiles {
		return nil, &importFault{key: "editor.import.too_many", msg: fmt.Sprintf("the zip holds %d files; the limit is %d", len(zr.File), maxZipFiles)}
	}
	b := &importBatch{synItem: -1}
	seen := map[string]string{} // slug -> file
	total := 0
	for _, f := range zr.File {
		name := f.Name
		if f.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".") {
			continue
		}
		it := importItem{File: name, Kind: "other"}
		content, err := readZipFile(f, &total)
		if err != nil {
			return nil, err
		}
		ext := strings.ToLower(path.Ext(name))
		switch {
		case name == synonymsFile:
			it.Kind = "synonyms"
			if line, msg := checkSynonyms(string(content)); line > 0 {
				it.Status, it.Errors = "invalid", []importError{{Line: line, Message: msg}}
			} else {
				text := string(content)
				b.synonyms, b.synItem = &text, len(b.items)
			}
		case ext == ".md" || ext == ".html" || ext == ".htm":
			it.Kind = "article"
			var a kb.Article
			if ext == ".md" {
				a, err = kb.Parse(name, content)
			} else {
				a, err = htmlmd.Article(name, content)
			}
			if err == nil {
				if first, dup := seen[a.Slug]; dup {
					err = &kb.ParseError{File: name, Line: slugLineOf(content), Msg: fmt.Sprintf("duplicate slug %q (also used by %s)", a.Slug, first)}
				}
			}
			if err != nil {
				it.Status, it.Errors = "invalid", parseErrors(err)
				break
			}
			seen[a.Slug] = name
			it.Slug, it.Title, it.Draft = a.Slug, a.Title, !a.Published
			b.itemOf = append(b.itemOf, len(b.items))
			b.articles = append(b.articles, a)
		default:
			it.Status = "skipped"
			it.Errors = []importError{{Message: "not imported: only .md, .html and synonyms.txt files are read"}}
		}
		b.items = append(b.items, it)
	}
	if len(b.items) == 0 {
		return nil, &importFault{key: "editor.import.empty", msg: "the zip holds no files"}
	}
	return b, nil
}

// importFault is an upload that cannot be read at all.
type importFault struct{ key, msg string }

func (e *importFault) Error() string { return e.msg }

func readZipFile(f *zip.File, total *int) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &importFault{key: "editor.import.not_zip", msg: fmt.Sprintf("%s: %v", f.Name, err)}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxZipFileSize+1))
	if err != nil {
		return nil, &importFault{key: "editor.import.not_zip", msg: fmt.Sprintf("%s: %v", f.Name, err)}
	}
	if len(data) > maxZipFileSize {
		return nil, &importFault{key: "editor.import.too_large", msg: fmt.Sprintf("%s is larger than %d MB", f.Name, maxZipFileSize>>20)}
	}
	if *total += len(data); *total > maxZipTotal {
		return nil, &importFault{key: "editor.import.too_large", msg: fmt.Sprintf("the files in the zip are larger than %d MB together", maxZipTotal>>20)}
	}
	return data, nil
}

func parseErrors(err error) []importError {
	var out []importError
	for _, e := range unjoin(err) {
		var pe *kb.ParseError
		if errors.As(e, &pe) {
			out = append(out, importError{Line: pe.Line, Message: pe.Msg})
		} else {
			out = append(out, importError{Message: e.Error()})
		}
	}
	return out
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// slugLineOf returns the line of "slug:" in a file's front matter, or 1.
func slugLineOf(data []byte) int {
	for i, l := range strings.Split(string(data), "\n") {
		if i > 0 && strings.TrimSpace(l) == "---" {
			break
		}
		if strings.HasPrefix(l, "slug:") {
			return i + 1
		}
	}
	return 1
}

// formatArticle writes an article as Markdown with front matter that
// kb.Parse reads back as the same article, group and example questions
// included.
func formatArticle(a kb.Article) ([]byte, error) { return kb.Format(a) }

// writeExportZip writes articles as SLUG.md files, and the synonyms.
func writeExportZip(w io.Writer, articles []kb.Article, synonyms string) error {
	zw := zip.NewWriter(w)
	for _, a := range articles {
		data, err := formatArticle(a)
		if err != nil {
			return fmt.Errorf("export %s: %w", a.Slug, err)
		}
		if err := addZipFile(zw, a.Slug+".md", data, a.Updated); err != nil {
			return err
		}
	}
	if err := addZipFile(zw, synonymsFile, []byte(synonyms), time.Now()); err != nil {
		return err
	}
	return zw.Close()
}

func addZipFile(zw *zip.Writer, name string, data []byte, modified time.Time) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
