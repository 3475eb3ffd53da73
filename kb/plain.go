package kb

import (
	"regexp"
	"strings"
)

var (
	mdImageRE = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLinkRE  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	htmlTagRE = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	autoURLRE = regexp.MustCompile(`<https?://[^>]*>`)
)

// plainText reduces Markdown to the words a reader sees, for indexing:
// link targets, image addresses and HTML tags go, their texts stay.
func plainText(md string) string {
	if !strings.ContainsAny(md, "[<") {
		return md
	}
	s := mdImageRE.ReplaceAllString(md, "$1")
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = autoURLRE.ReplaceAllString(s, " ")
	return htmlTagRE.ReplaceAllString(s, " ")
}
