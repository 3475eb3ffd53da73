package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/webtest"
)

// Built assets are served by their hashed names for good, by their plain
// names with revalidation, and compressed as the client accepts.
func TestAssetsEncodings(t *testing.T) {
	body := bytes.Repeat([]byte("console.log('Los');\n"), 50)
	var br, gz bytes.Buffer
	bw := brotli.NewWriter(&br)
	bw.Write(body)
	bw.Close()
	zw := gzip.NewWriter(&gz)
	zw.Write(body)
	zw.Close()
	fsys := fstest.MapFS{
		"manifest.json":            {Data: []byte(`{"app.js": "app.0123456789ab.js", "tiny.svg": "tiny.ba9876543210.svg"}`)},
		"app.0123456789ab.js":      {Data: body},
		"app.0123456789ab.js.br":   {Data: br.Bytes()},
		"app.0123456789ab.js.gz":   {Data: gz.Bytes()},
		"tiny.ba9876543210.svg":    {Data: []byte("<svg/>")},
		"unlisted.0000000000ab.js": {Data: []byte("secret")},
	}
	as, err := web.LoadAssets(fsys, "/x")
	if err != nil {
		t.Fatal(err)
	}
	if got := as.URL("app.js"); got != "/x/app.0123456789ab.js" {
		t.Errorf("URL %q", got)
	}
	s := web.New(web.Config{})
	s.Echo().GET("/x/:name", as.Handler("name"))
	tests := []struct {
		name, path, accept  string
		status              int
		encoding, cache, et string
		decode              func([]byte) ([]byte, error)
	}{
		{name: "brotli first", path: "/x/app.0123456789ab.js", accept: "gzip, deflate, br", status: 200, encoding: "br",
			cache: "public, max-age=31536000, immutable", et: `"0123456789ab-br"`,
			decode: func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) }},
		{name: "gzip", path: "/x/app.0123456789ab.js", accept: "gzip", status: 200, encoding: "gzip",
			cache: "public, max-age=31536000, immutable", et: `"0123456789ab-gzip"`,
			decode: func(b []byte) ([]byte, error) {
				r, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					return nil, err
				}
				return io.ReadAll(r)
			}},
		{name: "brotli refused by q=0", path: "/x/app.0123456789ab.js", accept: "br;q=0, gzip;q=0.5", status: 200, encoding: "gzip",
			cache: "public, max-age=31536000, immutable", et: `"0123456789ab-gzip"`,
			decode: func(b []byte) ([]byte, error) {
				r, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					return nil, err
				}
				return io.ReadAll(r)
			}},
		{name: "identity", path: "/x/app.0123456789ab.js", accept: "identity", status: 200, cache: "public, max-age=31536000, immutable",
			et: `"0123456789ab"`, decode: func(b []byte) ([]byte, error) { return b, nil }},
		{name: "plain name revalidates", path: "/x/app.js", accept: "br", status: 200, encoding: "br", cache: "no-cache",
			et: `"0123456789ab-br"`, decode: func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) }},
		{name: "a compressed file by its own name", path: "/x/app.0123456789ab.js.br", status: 404},
		{name: "a file the manifest does not list", path: "/x/unlisted.0000000000ab.js", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := webtest.Do(s.Handler(), "GET", tt.path, "", "Accept-Encoding", tt.accept)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			h := rec.Header()
			if h.Get("Content-Encoding") != tt.encoding || h.Get("Cache-Control") != tt.cache || h.Get("ETag") != tt.et ||
				h.Get("Vary") != "Accept-Encoding" || h.Get("Content-Type") != "text/javascript; charset=utf-8" {
				t.Errorf("headers %v", h)
			}
			got, err := tt.decode(rec.Body.Bytes())
			if err != nil || !bytes.Equal(got, body) {
				t.Errorf("body does not decode to the file: %v", err)
			}
			// Revalidation with the ETag of any encoding is not modified.
			again := webtest.Do(s.Handler(), "GET", tt.path, "", "If-None-Match", tt.et)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Errorf("revalidation: %d", again.Code)
			}
		})
	}
	// A file too small to compress is served as it is, whatever is accepted.
	rec := webtest.Do(s.Handler(), "GET", "/x/tiny.ba9876543210.svg", "", "Accept-Encoding", "br, gzip")
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != "<svg/>" || rec.Header().Get("Content-Type") != "image/svg+xml" {
		t.Errorf("tiny: %d %v %q", rec.Code, rec.Header(), rec.Body)
	}
	if _, err := web.LoadAssets(fstest.MapFS{}, "/x"); err == nil {
		t.Error("no manifest: want an error")
	}
}
