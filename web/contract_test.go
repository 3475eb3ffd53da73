package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/los-bot/los/apispec"
)

var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
)

// loadSpec loads and checks the API contract once.
func loadSpec(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	specOnce.Do(func() {
		// Zips (the editor's import and export) are checked as files.
		openapi3filter.RegisterBodyDecoder("application/zip", openapi3filter.FileBodyDecoder)
		l := openapi3.NewLoader()
		if specDoc, specErr = l.LoadFromData(apispec.JSON); specErr != nil {
			return
		}
		if specErr = specDoc.Validate(context.Background()); specErr != nil {
			return
		}
		// Match paths on any host: tests serve on random ports.
		doc := *specDoc
		doc.Servers = nil
		specRouter, specErr = gorillamux.NewRouter(&doc)
	})
	if specErr != nil {
		t.Fatalf("openapi.json: %v", specErr)
	}
	return specDoc, specRouter
}

// validating wraps h so every /api/v1 request whose response is 2xx is
// checked against the contract, and every response (errors too) against
// its schema. A mismatch fails t. Event streams and CORS preflights pass
// unchecked.
func validating(t testing.TB, h http.Handler) http.Handler {
	_, router := loadSpec(t)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// CORS preflights are answered by the CORS middleware, not by API
		// operations.
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") || r.Method == http.MethodOptions || strings.Contains(r.Header.Get("Accept"), "text/event-stream") ||
			strings.HasSuffix(r.URL.Path, "/stream") {
			h.ServeHTTP(w, r)
			return
		}
		reqBody, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)

		check := r.Clone(context.Background())
		check.Body = io.NopCloser(bytes.NewReader(reqBody))
		route, params, err := router.FindRoute(check)
		if err != nil {
			if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
				t.Errorf("contract: %s %s (status %d) has no entry in openapi.json: %v", r.Method, r.URL.Path, rec.Code, err)
			}
		} else {
			opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
			in := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: opts}
			if rec.Code < 300 {
				if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
					t.Errorf("contract: request %s %s does not match openapi.json: %v", r.Method, r.URL.Path, err)
				}
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(), Options: opts}
			out.SetBodyBytes(rec.Body.Bytes())
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("contract: response %d to %s %s does not match openapi.json: %v\nbody: %s", rec.Code, r.Method, r.URL.Path, err, rec.Body.String())
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// specPath turns an Echo path (/a/:id) into an OpenAPI one (/a/{id}).
func specPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// TestEveryAPIRouteIsInTheSpec walks the routes of a real server: each
// under /api/v1 needs an operation in openapi.json, and each operation
// there a route.
func TestEveryAPIRouteIsInTheSpec(t *testing.T) {
	doc, _ := loadSpec(t)
	e := newDeskEnv(t)
	served := map[string]bool{}
	for _, r := range e.web.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") && r.Path != "/api/v1" {
			continue
		}
		if r.Method == "echo_route_not_found" || strings.HasSuffix(r.Path, "*") {
			continue
		}
		p := specPath(r.Path)
		served[r.Method+" "+p] = true
		item := doc.Paths.Value(p)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s %s is served but has no operation in apispec/openapi.json", r.Method, p)
		}
	}
	for p, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+p] {
				t.Errorf("openapi.json documents %s %s, which is not served", method, p)
			}
		}
	}
	if len(served) < 40 {
		t.Errorf("found only %d API routes; is the walk broken?", len(served))
	}
}

func TestSpecAndDocsAreServed(t *testing.T) {
	e := newDeskEnv(t)
	tests := []struct {
		name, path, ctype, contains string
	}{
		{"contract", "/api/v1/openapi.json", "application/json", `"openapi": "3.1.0"`},
		{"page", "/api/docs", "text/html", `src="/api/docs/assets/docs.js"`},
		{"script", "/api/docs/assets/docs.js", "text/javascript", "textContent"},
		{"style", "/api/docs/assets/docs.css", "text/css", "font-family"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.browser(t).do("GET", tt.path, "")
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(body, tt.contains) {
				t.Fatalf("%d %s\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("CSP = %q", csp)
			}
		})
	}
	if _, body := e.browser(t).do("GET", "/api/docs", ""); strings.Contains(body, "<script>") || strings.Contains(body, "<style") || strings.Contains(body, "http") {
		t.Errorf("the page must load its script and style from files on Los only:\n%s", body)
	}
}
