package web_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/los-bot/los/web/webtest"
)

func TestIcons(t *testing.T) {
	accounts, _ := webtest.WithKey("test")
	s := webtest.Server(accounts, time.Now())
	ico := webtest.Do(s.Handler(), "GET", "/favicon.ico", "")
	if ico.Code != 200 || ico.Header().Get("Content-Type") != "image/x-icon" || !bytes.HasPrefix(ico.Body.Bytes(), []byte{0, 0, 1, 0}) {
		t.Errorf("/favicon.ico: %d %s, %d bytes; want an icon", ico.Code, ico.Header().Get("Content-Type"), ico.Body.Len())
	}
	svg := webtest.Do(s.Handler(), "GET", "/favicon.svg", "")
	if svg.Code != 200 || svg.Header().Get("Content-Type") != "image/svg+xml" || !bytes.Contains(svg.Body.Bytes(), []byte("<svg")) {
		t.Errorf("/favicon.svg: %d %s", svg.Code, svg.Header().Get("Content-Type"))
	}
	if cc := ico.Header().Get("Cache-Control"); cc != "public, max-age=86400" {
		t.Errorf("Cache-Control %q", cc)
	}
}
