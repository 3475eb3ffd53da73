package chat

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// visitorRE is what a browser's visitor ID looks like.
var visitorRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// setOrigin records where the conversation starts: the page (address
// without query or fragment, identifiers redacted) and its title, and a
// hash of the browser's visitor ID.
func (a *api) setOrigin(conv *los.Conversation, req createConversationRequest) error {
	if req.Visitor != "" {
		if !visitorRE.MatchString(req.Visitor) {
			return los.Errorf(los.EINVALID, "visitor must be 16 to 64 letters, digits, - or _")
		}
		sum := sha256.Sum256([]byte("los-visitor:" + req.Visitor))
		conv.Visitor = hex.EncodeToString(sum[:])
	}
	conv.Page = pageAddress(req.Page)
	title := strings.Join(strings.Fields(req.PageTitle), " ")
	if !utf8.ValidString(title) {
		title = ""
	}
	if r := []rune(title); len(r) > 200 {
		title = string(r[:200]) + "…"
	}
	conv.PageTitle = title
	if a.redactor != nil {
		conv.Page, conv.PageTitle = a.redactor.String(conv.Page), a.redactor.String(conv.PageTitle)
	}
	return nil
}

// pageAddress is an http(s) address without user, query and fragment,
// or "".
func pageAddress(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = nil, "", "", "", false
	out := u.String()
	if len(out) > 500 {
		return ""
	}
	return out
}
