package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

type createKeyRequest struct {
	Name   string   `json:"name"`
	Scopes []string `json:"scopes"`
	// Expires is when the key stops working (RFC 3339); empty: never.
	Expires *time.Time `json:"expires"`
}

type createKeyResponse struct {
	auth.APIKey
	// Key is shown once, here.
	Key string `json:"key"`
}

func (in *integrations) createKey(c echo.Context) error {
	var req createKeyRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	scopes, err := auth.ParseScopes(strings.Join(req.Scopes, ","))
	if err != nil {
		return err
	}
	var until time.Time
	if req.Expires != nil {
		if !req.Expires.After(in.web.Now()) {
			return los.Errorf(los.EINVALID, "expires: %s is not in the future", req.Expires.Format(time.RFC3339))
		}
		until = *req.Expires
	}
	key, k, err := in.keys.NewAPIKeyUntil(c.Request().Context(), strings.TrimSpace(req.Name), scopes, until)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createKeyResponse{APIKey: *k, Key: key})
}

func (in *integrations) listKeys(c echo.Context) error {
	ks, err := in.keys.APIKeys(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ks})
}

func (in *integrations) revokeKey(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := in.keys.RevokeAPIKey(c.Request().Context(), id); err != nil {
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
