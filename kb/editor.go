package kb

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// The article lifecycle as editors see it: states, versions, imports,
// the synonyms they saved and the questions the knowledge base could not
// answer. The store keeps them; the editor shows them.

// ArticleState is where an article stands in the editor.
type ArticleState string

// The states. Soft deletion is separate (EditorArticle.Deleted), so a
// restored article comes back in the state it had.
const (
	StateDraft     ArticleState = "draft"     // customers see nothing
	StatePublished ArticleState = "published" // customers see PublishedVersion
	StateArchived  ArticleState = "archived"  // hidden from customers, kept
)

// EditorArticle is an article as editors see it: its working copy (the
// latest saved version) and where it stands. Article.Published reports
// whether customers see the article now.
type EditorArticle struct {
	Article
	Version          int // the latest saved version: the base of the next save
	PublishedVersion int // the version customers see; 0 when none
	State            ArticleState
	Author           string // who saved Version
	Created          time.Time
	Deleted          time.Time // zero unless the article is in the bin
}

// Pending reports whether the working copy has changes customers do not
// see yet.
func (a EditorArticle) Pending() bool {
	return a.State == StatePublished && a.Version != a.PublishedVersion
}

// ArticleVersion is one saved version of an article.
type ArticleVersion struct {
	Slug    string
	Version int
	Title   string
	Body    string
	Tags    []string
	// Questions are the article's example questions in this version.
	Questions []string
	Lang      los.Standard
	Author    string
	Action    string // create, save, rollback, import
	Source    int    // for a rollback: the version it restored
	Created   time.Time
	// PublishedAt is when this version was last published; zero if never.
	PublishedAt time.Time
	PublishedBy string
}

// Article returns the version's content as an unpublished article.
func (v ArticleVersion) Article() Article {
	return Article{Slug: v.Slug, Title: v.Title, Body: v.Body, Tags: v.Tags, Questions: v.Questions, Lang: v.Lang, Updated: v.Created}
}

// NormalizeArticle trims an article the way kb.Parse reads it back, so
// that what is saved survives an export and import unchanged, and checks
// it. Errors are *los.Error with code EINVALID.
func NormalizeArticle(a Article) (Article, error) {
	a.Slug = strings.TrimSpace(a.Slug)
	a.Group = strings.TrimSpace(a.Group)
	a.Title = strings.Join(strings.Fields(los.CleanText(a.Title)), " ")
	a.Body = strings.TrimSpace(los.CleanText(a.Body))
	if a.Lang == "" {
		a.Lang = los.Bokmal
	}
	var tags []string
	for _, t := range a.Tags {
		t = strings.Join(strings.Fields(strings.ReplaceAll(los.CleanText(t), ",", " ")), " ")
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	a.Tags = tags
	var questions []string
	for _, q := range a.Questions {
		q = strings.Join(strings.Fields(q), " ")
		if q != "" && !slices.Contains(questions, q) {
			questions = append(questions, q)
		}
	}
	a.Questions = questions
	switch {
	case !ValidSlug(a.Slug):
		return a, &los.Error{Code: los.EINVALID, Key: "editor.error.slug",
			Message: fmt.Sprintf("invalid slug %q: use lowercase letters a-z, digits and single hyphens", a.Slug)}
	case a.Title == "":
		return a, &los.Error{Code: los.EINVALID, Key: "editor.error.title", Message: "the title is empty"}
	case a.Body == "":
		return a, &los.Error{Code: los.EINVALID, Key: "editor.error.body", Message: "the text is empty"}
	}
	if _, ok := lang.Parse(string(a.Lang)); !ok {
		return a, &los.Error{Code: los.EINVALID, Key: "editor.error.lang", Message: fmt.Sprintf("unknown lang %q: use nb, nn or en", a.Lang)}
	}
	if a.Group != "" && !ValidSlug(a.Group) {
		return a, &los.Error{Code: los.EINVALID, Key: "editor.error.group",
			Message: fmt.Sprintf("invalid group %q: use lowercase letters a-z, digits and single hyphens", a.Group)}
	}
	return a, nil
}

// ImportStatus says what an import does to one article.
type ImportStatus string

// The statuses.
const (
	ImportNew       ImportStatus = "new"
	ImportChanged   ImportStatus = "changed"
	ImportUnchanged ImportStatus = "unchanged"
)

// ImportChange is what an import does to one article. Fields lists what
// changes: title, text, tags, questions, lang, and the actions publish
// and restore.
type ImportChange struct {
	Slug   string
	Status ImportStatus
	Fields []string
}

// Import is what an import writes.
type Import struct {
	Articles []Article
	// Synonyms, when not nil, replace the stored synonyms; check them with
	// kb.ParseSynonyms first.
	Synonyms *string
	Author   string
}

// StoredSynonyms are the synonyms editors saved.
type StoredSynonyms struct {
	Text    string // one group per line, as kb.ParseSynonyms reads it
	Author  string
	Updated time.Time
}

// GapQuestion is a customer question the bot could not answer, or whose
// answer the customer rated unhelpful.
type GapQuestion struct {
	Text           string
	ConversationID string
	NoAnswer       bool // the knowledge base had no answer
	ThumbsDown     bool // the customer rated the answer unhelpful
	Created        time.Time
}
