package web_test

import (
	"context"
	"strings"
	"testing"
)

// TestControlCharactersAreNeverStored: a NUL or an escape sequence in a
// message, an agent's reply or an article's title is removed before it
// is stored (the audit stored NULs in all three).
func TestControlCharactersAreNeverStored(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Mannen min døde\x00 i går\x1b[2J")
	kari := e.login(t, "kari@example.no")
	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/claim", ""); resp.StatusCode != 200 {
		t.Fatalf("claim: %d %s", resp.StatusCode, body)
	}
	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/messages", `{"text":"Kondolerer\u0000\u0007."}`); resp.StatusCode != 201 {
		t.Fatalf("reply: %d %s", resp.StatusCode, body)
	}
	msgs, err := e.db.Messages(context.Background(), c.id)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if strings.ContainsAny(m.Text, "\x00\x07\x1b") {
			t.Errorf("%s message stored with control characters: %q", m.Role, m.Text)
		}
	}
	eva := e.login(t, "eva@example.no")
	if resp, body := eva.do("POST", "/api/v1/articles", `{"slug":"nul","title":"Tittel\u0000 med NUL","body":"Tekst\u0000.","lang":"nb"}`); resp.StatusCode != 201 {
		t.Fatalf("article: %d %s", resp.StatusCode, body)
	}
	arts, err := e.db.EditorArticles(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range arts {
		if a.Slug == "nul" {
			found = true
			if a.Title != "Tittel med NUL" || strings.Contains(a.Body, "\x00") {
				t.Errorf("article stored as %q / %q", a.Title, a.Body)
			}
		}
	}
	if !found {
		t.Error("the article was not stored")
	}
}
