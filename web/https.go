package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

const httpsKey = "web.https"

// https reports whether the client reached Los over HTTPS: the
// connection is TLS, the public URL (LOS_PUBLIC_URL) is https, or a
// trusted proxy (LOS_TRUSTED_PROXIES) says so in X-Forwarded-Proto or
// Forwarded proto=. A header from anyone else counts for nothing.
func (s *Server) https(r *http.Request) bool {
	if r.TLS != nil || strings.HasPrefix(s.cfg.PublicURL, "https://") {
		return true
	}
	if !fromTrustedProxy(r, s.cfg.TrustedProxies) {
		return false
	}
	if p := r.Header.Get(echo.HeaderXForwardedProto); p != "" {
		return strings.EqualFold(strings.TrimSpace(p), "https")
	}
	for _, h := range r.Header.Values("Forwarded") {
		for elem := range strings.SplitSeq(h, ",") {
			for pair := range strings.SplitSeq(elem, ";") {
				if k, v, ok := strings.Cut(strings.TrimSpace(pair), "="); ok && strings.EqualFold(k, "proto") {
					return strings.EqualFold(strings.Trim(v, `"`), "https")
				}
			}
		}
	}
	return false
}

// IsHTTPS reports whether the request came over HTTPS, as the core
// decided (see https): cookies are Secure then, and links use https.
func IsHTTPS(c echo.Context) bool {
	v, _ := c.Get(httpsKey).(bool)
	return v
}

// Scheme is "https" or "http", for links back to Los.
func Scheme(c echo.Context) string {
	if IsHTTPS(c) {
		return "https"
	}
	return "http"
}
