package kb

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/los-bot/los"
)

// Twins are articles that say the same thing in different standards:
// one article in several languages. They share a translation group
// (Article.Group, front matter "group:"), which has at most one article
// per standard. The group is the article's own, not a version's: linking
// twins never makes a new version, and a rollback keeps the link.
//
// Search answers from the twin in the customer's standard (SearchOptions.Lang)
// when the article that matched has one published; the help centre links
// the twins; the editor shows them side by side.

// CheckGroups reports a translation group given two articles of the same
// standard: it could not tell which one to answer from.
func CheckGroups(articles []Article) error {
	var errs []string
	for _, c := range groupConflicts(articles) {
		errs = append(errs, groupConflict(articles[c[0]], articles[c[1]]))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// groupConflicts returns the index pairs of articles (an earlier one
// first) that are in the same group and standard.
func groupConflicts(articles []Article) [][2]int {
	first := map[[2]string]int{} // group, lang -> index
	var out [][2]int
	for i, a := range articles {
		if a.Group == "" {
			continue
		}
		k := [2]string{a.Group, string(a.Lang)}
		if j, dup := first[k]; dup && articles[j].Slug != a.Slug {
			out = append(out, [2]int{j, i})
			continue
		}
		first[k] = i
	}
	return out
}

func groupConflict(a, b Article) string {
	return fmt.Sprintf("group %q has two articles in %s: %q and %q (twins are one article in different standards)", a.Group, a.Lang, a.Slug, b.Slug)
}

// maxSections bounds the sections read of one twin.
const maxSections = 100

// preferTwins puts in place of each hit in another standard than l whose
// article has a published twin in l that twin's matching section, and
// drops the duplicates this makes. The twin keeps the hit's place and
// score, and the better of the two coverages, weights and confidences:
// the twins say the same thing, so the hit's relevance holds for both.
// Call it with ix.mu held.
func (ix *Index) preferTwins(ctx context.Context, m *matcher, hits []Hit, l los.Standard) ([]Hit, error) {
	out := make([]Hit, 0, len(hits))
	seen := map[string]bool{}
	for _, h := range hits {
		if h.Lang != l && h.Group != "" {
			t, ok, err := ix.twinSection(ctx, m, h, l)
			if err != nil {
				return nil, err
			}
			if ok {
				h = t
			}
		}
		if !seen[h.id] {
			seen[h.id] = true
			out = append(out, h)
		}
	}
	return out, nil
}

// twinSection finds the section of h's twin in standard l that answers
// what h does: the section in the same place when the twins have as many
// sections (a translation), else the one that covers the question best.
func (ix *Index) twinSection(ctx context.Context, m *matcher, h Hit, l los.Standard) (Hit, bool, error) {
	group := query.NewTermQuery(h.Group)
	group.SetField(fieldGroup)
	std := query.NewTermQuery(string(l))
	std.SetField(fieldLang)
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{group, std}), maxSections, 0, false))
	if err != nil {
		return Hit{}, false, fmt.Errorf("kb: twins of %s: %w", h.Slug, err)
	}
	if len(res.Hits) == 0 {
		return Hit{}, false, nil
	}
	cands, err := ix.load(ctx, m, res.Hits)
	if err != nil || len(cands) == 0 {
		return Hit{}, false, err
	}
	// One article per standard in a group; should an import have put two
	// there anyway, the first slug answers.
	sort.Slice(cands, func(i, j int) bool {
		si, ni := sectionOf(cands[i].id)
		sj, nj := sectionOf(cands[j].id)
		return si < sj || si == sj && ni < nj
	})
	slug, _ := sectionOf(cands[0].id)
	var mine []Hit
	for _, c := range cands {
		if s, _ := sectionOf(c.id); s == slug {
			mine = append(mine, c)
		}
	}
	own := query.NewTermQuery(h.Slug)
	own.SetField(fieldSlug)
	n, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(own, 0, 0, false))
	if err != nil {
		return Hit{}, false, fmt.Errorf("kb: sections of %s: %w", h.Slug, err)
	}
	_, at := sectionOf(h.id)
	best := mine[0]
	if int(n.Total) == len(mine) && at < len(mine) {
		best = mine[at]
	} else {
		for _, c := range mine[1:] {
			if c.Coverage > best.Coverage {
				best = c
			}
		}
	}
	best.Score = h.Score
	if h.Coverage > best.Coverage {
		best.Coverage, best.Matched = h.Coverage, h.Matched
	}
	best.Weight = max(best.Weight, h.Weight)
	best.Confidence = max(best.Confidence, h.Confidence)
	return best, true, nil
}

// sectionOf splits a section ID (slug#n) into slug and position.
func sectionOf(id string) (string, int) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return id, 0
	}
	n, _ := strconv.Atoi(id[i+1:])
	return id[:i], n
}

// ActionTranslate is the action of a version made by machine translation
// of a twin (ArticleVersion.Action): the editor's "Lag nynorskutkast".
const ActionTranslate = "translate"

// Twin is one article of a translation group as the editor shows it.
type Twin struct {
	EditorArticle
	// LastPublished is when the article was last published; zero if
	// never.
	LastPublished time.Time
	// Translated is true when the version customers see was made by
	// machine translation of a twin and not edited since.
	Translated bool
	// DraftTranslated is true when the working copy is such a machine
	// translation that customers do not see yet: an editor must read it
	// before publishing.
	DraftTranslated bool
}

// SortTwins orders a group: the article first, then by standard (Bokmål,
// Nynorsk, English) and slug.
func SortTwins(group []Twin, first string) {
	rank := func(t Twin) int {
		if t.Slug == first {
			return -1
		}
		return slices.Index(los.Standards, t.Lang)
	}
	slices.SortStableFunc(group, func(a, b Twin) int {
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
}

// NewerTwin returns the twin of t in group that was published after t
// last was, if any (the latest such): t may then lack what was changed
// there. A twin whose published version is a machine translation of t
// (never edited since) says what t says and is no reason. A twin never
// published, or t never published, gives none.
func NewerTwin(t Twin, group []Twin) (Twin, bool) {
	var newest Twin
	found := false
	if t.LastPublished.IsZero() {
		return newest, false
	}
	for _, o := range group {
		if o.Slug == t.Slug || !o.Published || o.Translated || !o.LastPublished.After(t.LastPublished) {
			continue
		}
		if !found || o.LastPublished.After(newest.LastPublished) {
			newest, found = o, true
		}
	}
	return newest, found
}
