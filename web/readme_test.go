package web_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEListsEveryPage keeps the README's page list complete: every
// page the site serves (GET routes outside the API, assets and icons).
func TestREADMEListsEveryPage(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	st := newTestStack(t, stackOptions{})
	param := regexp.MustCompile(`:([a-z]+)`)
	n := 0
	for _, r := range st.web.Echo().Routes() {
		p := r.Path
		if r.Method != http.MethodGet || strings.HasPrefix(p, "/api/v1") || strings.Contains(p, "/assets/") ||
			strings.Contains(p, "/static/") || strings.Contains(p, "*") {
			continue
		}
		n++
		if want := param.ReplaceAllString(p, "{$1}"); !strings.Contains(readme, "`"+want+"`") {
			t.Errorf("README's pages lack %s", want)
		}
	}
	if n < 15 {
		t.Errorf("only %d pages found", n)
	}
}
