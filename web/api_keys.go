package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// chatKey lets a request with an API key through only when the key has
// the chat scope (401 for an unknown or revoked key, 403 without the
// scope). Requests without a key go on untouched: the public widget
// starts conversations without one.
func (s *Server) chatKey(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if key, ok := auth.IsKey(c.Request().Header.Get(echo.HeaderAuthorization)); ok {
			if err := s.checkKey(c, key, auth.ScopeChat); err != nil {
				return err
			}
		}
		return next(c)
	}
}

func (s *Server) checkKey(c echo.Context, key string, scope auth.Scope) error {
	k, err := auth.AuthenticateKey(c.Request().Context(), s.DB, key, s.Now())
	if err != nil {
		return err
	}
	return auth.RequireScope(k, scope)
}

type createKeyRequest struct {
	Name   string   `json:"name"`
	Scopes []string `json:"scopes"`
}

type createKeyResponse struct {
	auth.APIKey
	// Key is shown once, here.
	Key string `json:"key"`
}

func (s *Server) createKey(c echo.Context) error {
	var req createKeyRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	scopes, err := auth.ParseScopes(strings.Join(req.Scopes, ","))
	if err != nil {
		return err
	}
	key, k, err := s.DB.NewAPIKey(c.Request().Context(), strings.TrimSpace(req.Name), scopes)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createKeyResponse{APIKey: *k, Key: key})
}

func (s *Server) listKeys(c echo.Context) error {
	ks, err := s.DB.APIKeys(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ks})
}

func (s *Server) revokeKey(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RevokeAPIKey(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, los.Errorf(los.ENOTFOUND, "%s %q not found", name, c.Param(name))
	}
	return id, nil
}
