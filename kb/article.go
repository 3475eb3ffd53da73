// Package kb holds the knowledge base: articles, their import from Markdown
// files, the split into sections, and the Bleve index that searches them.
//
// The store is the source of truth for articles; the index is derived from
// it and can always be rebuilt (see Index.Rebuild and Ensure).
package kb

import (
	"fmt"
	"regexp"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// Article is one knowledge-base article.
type Article struct {
	Slug  string       // URL-safe identifier, see ValidSlug
	Title string       // shown to customers and boosted in search
	Body  string       // Markdown, with ## headings between sections
	Tags  []string     // free-form keywords, searched like the title
	Lang  los.Standard // written standard of the article
	// Group names the article's translation group: articles that say the
	// same thing in different standards (twins) share it, at most one
	// per standard. "" for an article without twins. It has the form of a
	// slug, by custom the slug of one of the twins. See twins.go.
	Group string
	// Questions are questions this article answers, worded as customers
	// ask them ("Spørsmål denne artikkelen svarer på"): indexed with the
	// section that answers each best and matched like the text, never
	// shown to customers.
	Questions []string
	Published bool      // drafts are never searchable
	Updated   time.Time // last change, set by the store
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a valid slug: lowercase ASCII letters and
// digits in groups joined by single hyphens, at most 100 characters.
func ValidSlug(s string) bool {
	return len(s) <= 100 && slugRE.MatchString(s)
}

// Validate checks the fields the index relies on.
func (a Article) Validate() error {
	switch {
	case !ValidSlug(a.Slug):
		return fmt.Errorf("invalid slug %q: use lowercase letters a-z, digits and single hyphens", a.Slug)
	case a.Title == "":
		return fmt.Errorf("article %q: title is missing", a.Slug)
	case isBlank(a.Body):
		return fmt.Errorf("article %q: body is empty", a.Slug)
	}
	if _, ok := lang.Parse(string(a.Lang)); !ok {
		return fmt.Errorf("article %q: unknown lang %q: use nb, nn or en", a.Slug, a.Lang)
	}
	if a.Group != "" && !ValidSlug(a.Group) {
		return fmt.Errorf("article %q: invalid group %q: use lowercase letters a-z, digits and single hyphens", a.Slug, a.Group)
	}
	for i, q := range a.Questions {
		if isBlank(q) {
			return fmt.Errorf("article %q: question %d is empty", a.Slug, i+1)
		}
		if len(q) > MaxQuestionBytes {
			return fmt.Errorf("article %q: question %d is longer than %d bytes", a.Slug, i+1, MaxQuestionBytes)
		}
	}
	return nil
}

// MaxQuestionBytes bounds one example question of an article.
const MaxQuestionBytes = 500

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
