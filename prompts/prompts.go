// Package prompts renders the chat model's prompts from embedded templates,
// one per written standard.
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

//go:embed *.tmpl
var embedded embed.FS

// Set holds the parsed templates: system.<lang>.tmpl and user.<lang>.tmpl
// for every written standard.
type Set struct {
	tmpl *template.Template
}

// Load parses the embedded templates. When dir is not empty, templates
// found there replace the embedded ones of the same name, so operators can
// adjust the wording without a rebuild.
func Load(dir string) (*Set, error) {
	t, err := template.New("prompts").Funcs(template.FuncMap{"add1": func(i int) int { return i + 1 }}).ParseFS(embedded, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse embedded prompts: %w", err)
	}
	if dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read prompt override: %w", err)
			}
			if _, err := t.New(filepath.Base(f)).Parse(string(b)); err != nil {
				return nil, fmt.Errorf("parse prompt override %s: %w", f, err)
			}
		}
	}
	for _, l := range los.Standards {
		for _, kind := range []string{"system", "user"} {
			if t.Lookup(name(kind, l)) == nil {
				return nil, fmt.Errorf("prompt template %s is missing", name(kind, l))
			}
		}
	}
	return &Set{tmpl: t}, nil
}

// MustLoad is Load("") for tests and wiring where the embedded templates
// are known to parse (a test guards that).
func MustLoad() *Set {
	s, err := Load("")
	if err != nil {
		panic(err)
	}
	return s
}

func name(kind string, l los.Standard) string { return kind + "." + string(l) + ".tmpl" }

// data is what the templates see.
type data struct {
	Question string
	Sources  []los.Source
	History  []los.Message
}

// maxHistory is how many earlier messages the model sees.
const maxHistory = 6

// Prompt renders the system and user messages for a question and its
// numbered sources, with recent history as context.
func (s *Set) Prompt(l los.Standard, question string, sources []los.Source, history []los.Message) ([]los.ChatMessage, error) {
	if _, ok := lang.Parse(string(l)); !ok {
		l = los.Bokmal
	}
	d := data{Question: question, Sources: sources, History: conversational(history, maxHistory)}
	sys, err := s.render(name("system", l), d)
	if err != nil {
		return nil, err
	}
	user, err := s.render(name("user", l), d)
	if err != nil {
		return nil, err
	}
	return []los.ChatMessage{{Role: los.ChatSystem, Content: sys}, {Role: los.ChatUser, Content: user}}, nil
}

func (s *Set) render(n string, d data) (string, error) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, n, d); err != nil {
		return "", fmt.Errorf("render %s: %w", n, err)
	}
	return strings.TrimSpace(buf.String()), nil
}

// Names lists the embedded template files.
func Names() []string {
	m, _ := fs.Glob(embedded, "*.tmpl")
	return m
}

// maxSummaryMessages is how many of the latest messages a handoff summary
// is written from.
const maxSummaryMessages = 12

// SummaryPrompt asks the model to summarise a conversation for the agent
// who takes it over. Agents read Norwegian Bokmål, whatever the customer
// wrote.
func (s *Set) SummaryPrompt(transcript []los.Message) ([]los.ChatMessage, error) {
	text, err := s.render("summary.tmpl", data{History: conversational(transcript, maxSummaryMessages)})
	if err != nil {
		return nil, err
	}
	return []los.ChatMessage{{Role: los.ChatUser, Content: text}}, nil
}

// conversational returns the last max messages written by the customer,
// the bot or an agent, leaving out system notices.
func conversational(msgs []los.Message, max int) []los.Message {
	var out []los.Message
	for _, m := range msgs {
		if m.Role == los.RoleCustomer || m.Role == los.RoleBot || m.Role == los.RoleAgent {
			out = append(out, m)
		}
	}
	if len(out) > max {
		out = out[len(out)-max:]
	}
	return out
}
