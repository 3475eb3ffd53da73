package chat

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

// Conversation tokens start with this prefix, so they are told apart from
// API keys at a glance and by code.
const tokenPrefix = "lct_"

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func newToken() (token string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	h := sha256.Sum256([]byte(token))
	return token, h[:]
}

// dummyHash is compared against when a conversation does not exist, so a
// wrong ID and a wrong token take the same path.
var dummyHash = make([]byte, sha256.Size)

var errUnauthorized = &los.Error{Code: los.EAUTH, Message: "missing or invalid conversation token"}

// authorize checks the conversation's bearer token in constant time.
// A wrong or missing token and an unknown conversation look the same.
// An API key with the chat scope acts for its customer on the
// conversations it started (see keyConversation).
func (a *api) authorize(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if key, ok := auth.IsKey(c.Request().Header.Get(echo.HeaderAuthorization)); ok {
			return a.keyConversation(c, key, next)
		}
		token, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		conv, err := a.store.Conversation(c.Request().Context(), c.Param("id"))
		if err != nil && los.ErrorCode(err) != los.ENOTFOUND {
			return err
		}
		want := dummyHash
		if conv != nil {
			want = conv.TokenHash
		}
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if subtle.ConstantTimeCompare(got[:], want) != 1 || !ok || conv == nil {
			return errUnauthorized
		}
		c.Set("conversation", conv)
		web.SetRequestLang(c, conv.Lang)
		return next(c)
	}
}

// keyConversation lets a key with the chat scope act on the conversation
// in the path when the key started it. Another key's conversation, or a
// customer's, is not found, as one that does not exist.
func (a *api) keyConversation(c echo.Context, key string, next echo.HandlerFunc) error {
	k, err := a.web.CheckKey(c, key, auth.ScopeChat)
	if err != nil {
		return err
	}
	conv, err := a.store.Conversation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if conv.KeyID != k.ID {
		return los.Errorf(los.ENOTFOUND, "conversation %q not found", c.Param("id"))
	}
	c.Set("conversation", conv)
	web.SetRequestLang(c, conv.Lang)
	return next(c)
}

// chatKey lets a request with an API key through only when the key has
// the chat scope (401 for an unknown or revoked key, 403 without the
// scope). Requests without a key go on untouched: the public widget
// starts conversations without one.
func (a *api) chatKey(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if key, ok := auth.IsKey(c.Request().Header.Get(echo.HeaderAuthorization)); ok {
			if _, err := a.web.CheckKey(c, key, auth.ScopeChat); err != nil {
				return err
			}
		}
		return next(c)
	}
}

func conversationOf(c echo.Context) *los.Conversation {
	conv, _ := c.Get("conversation").(*los.Conversation)
	return conv
}
