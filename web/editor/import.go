package editor

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web"
)

// importJSON is the answer of an import preview or commit.
type importJSON struct {
	Items  []importItem   `json:"items"`
	Counts map[string]int `json:"counts"` // by status
	OK     bool           `json:"ok"`     // no invalid files: the import can be committed
	Digest string         `json:"digest"` // send to commit, so it does what the preview showed
	Done   bool           `json:"done"`   // the import was committed
}

// importPreview: POST /api/v1/editor/import/preview with a zip (as the
// body, or a multipart field "file") tells what an import would change,
// file by file, without changing anything.
func (ed *editor) importPreview(c echo.Context) error {
	b, err := ed.readUpload(c)
	if err != nil {
		return err
	}
	plan, err := ed.store.PlanImport(c.Request().Context(), b.articles)
	if err != nil {
		return err
	}
	out, err := ed.importResult(c, b, plan)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// importCommit: POST /api/v1/editor/import/commit[?digest=D] with the same
// zip imports it, all or nothing. With the digest of a preview, the import
// is refused (409) when it would now do something else than the preview
// showed.
func (ed *editor) importCommit(c echo.Context) error {
	b, err := ed.readUpload(c)
	if err != nil {
		return err
	}
	if n := b.invalid(); n > 0 {
		return &los.Error{Code: los.EINVALID, Key: "editor.import.invalid",
			Message: fmt.Sprintf("%d files have problems; nothing was imported: preview the import to see them", n)}
	}
	ctx := c.Request().Context()
	want := c.QueryParam("digest")
	var out importJSON
	err = ed.change(ctx, func() ([]string, error) {
		check := func(plan []kb.ImportChange) error {
			var err error
			if out, err = ed.importResult(c, b, plan); err != nil {
				return err
			}
			if want != "" && want != out.Digest {
				return &los.Error{Code: los.ECONFLICT, Key: "editor.import.stale",
					Message: "the knowledge base changed since the preview; nothing was imported: preview again"}
			}
			return nil
		}
		plan, err := ed.store.CommitImport(ctx, kb.Import{Articles: b.articles, Synonyms: b.synonyms, Author: editorName(c)}, check)
		if err != nil {
			return nil, err
		}
		if b.synonyms != nil {
			syn, err := kb.ParseSynonyms(synonymsFile, strings.NewReader(*b.synonyms))
			if err != nil {
				return nil, err
			}
			ed.index.SetSynonyms(syn)
		}
		var slugs []string
		for _, p := range plan {
			if p.Status != kb.ImportUnchanged {
				slugs = append(slugs, p.Slug)
			}
		}
		return slugs, nil
	})
	if err != nil {
		return err
	}
	out.Done = true
	return c.JSON(http.StatusOK, out)
}

// readUpload reads the uploaded zip, from a multipart field "file" or
// the raw body.
func (ed *editor) readUpload(c echo.Context) (*importBatch, error) {
	var r io.Reader = c.Request().Body
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		fh, err := c.FormFile("file")
		if err != nil {
			return nil, tooLarge(err, los.Errorf(los.EINVALID, `send the zip in the form field "file"`))
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, tooLarge(err, err)
	}
	b, err := readImportZip(data)
	var fault *importFault
	if errors.As(err, &fault) {
		return nil, &los.Error{Code: los.EINVALID, Key: fault.key, Message: fault.msg}
	}
	return b, err
}

func tooLarge(err, otherwise error) error {
	var he *echo.HTTPError
	var me *http.MaxBytesError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge || errors.As(err, &me) {
		return &los.Error{Code: los.ETOOLARGE, Key: "editor.import.too_large", Message: "the upload is too large (at most " + importBodyLimit + "B)"}
	}
	return otherwise
}

// importResult fills the items of b with the plan and the synonyms'
// status, counts them and computes the digest.
func (ed *editor) importResult(c echo.Context, b *importBatch, plan []kb.ImportChange) (importJSON, error) {
	items := append([]importItem(nil), b.items...)
	for i, p := range plan {
		it := &items[b.itemOf[i]]
		it.Status, it.Fields = string(p.Status), p.Fields
	}
	if b.synonyms != nil {
		cur, err := ed.currentSynonyms(c.Request().Context())
		if err != nil {
			return importJSON{}, err
		}
		items[b.synItem].Status = "unchanged"
		if strings.TrimSpace(cur.Text) != strings.TrimSpace(strings.ReplaceAll(*b.synonyms, "\r\n", "\n")) {
			items[b.synItem].Status = "changed"
		}
	}
	out := importJSON{Items: items, Counts: map[string]int{}}
	h := sha256.New()
	for _, it := range items {
		out.Counts[it.Status]++
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\n", it.File, it.Slug, it.Status, strings.Join(it.Fields, ","))
	}
	out.OK = out.Counts["invalid"] == 0
	out.Digest = hex.EncodeToString(h.Sum(nil)[:12])
	return out, nil
}

// export: GET /api/v1/editor/export downloads the knowledge base as a zip
// of SLUG.md files with front matter, plus synonyms.txt. Every article
// not in the bin is written as its latest version, "published: true" when
// customers see exactly that version. Importing the zip again changes
// nothing.
func (ed *editor) export(c echo.Context) error {
	ctx := c.Request().Context()
	all, err := ed.store.EditorArticles(ctx, false)
	if err != nil {
		return err
	}
	articles := make([]kb.Article, 0, len(all))
	for _, a := range all {
		k := a.Article
		k.Published = a.Published && !a.Pending()
		articles = append(articles, k)
	}
	syn, err := ed.currentSynonyms(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeExportZip(&buf, articles, syn.Text); err != nil {
		return err
	}
	name := "los-kunnskapsbase-" + time.Now().In(web.Oslo).Format("2006-01-02") + ".zip"
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.Blob(http.StatusOK, "application/zip", buf.Bytes())
}
