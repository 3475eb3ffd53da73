package kb

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// ParseError is a problem in one imported file. Line is 1-based, or 0 when
// the problem concerns the whole file.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse reads one Markdown file with YAML front matter:
//
//	---
//	slug: endre-fakturaadresse   # optional, defaults to the file name
//	title: Endre fakturaadresse  # required
//	lang: nb                     # nb, nn or en; default nb
//	tags: [faktura, adresse]     # optional
//	published: true              # optional, default true
//	group: endre-fakturaadresse  # optional: the translation group
//	questions:                   # optional: questions the article answers
//	  - Hvordan endrer jeg adressen på fakturaen?
//	---
//	Markdown body with ## headings
//
// Articles with the same group are twins: they say the same thing in
// different standards (see Twins). name is the file's name, used for the
// default slug and in errors, which
// are of type *ParseError.
func Parse(name string, data []byte) (Article, error) {
	fail := func(line int, format string, args ...any) (Article, error) {
		return Article{}, &ParseError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.Valid(data) {
		return fail(InvalidUTF8Line(data), "file is not valid UTF-8 text")
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if strings.TrimRight(lines[0], " \t") != "---" {
		return fail(1, "missing front matter: the file must start with a line '---'")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], " \t"); l == "---" || l == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return fail(1, "front matter is not closed by a line '---'")
	}

	a := Article{Lang: los.Bokmal, Published: true}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines[1:end], "\n")), &doc); err != nil {
		line, msg := yamlErrorLine(err)
		if line > 0 {
			line++ // the front matter starts on the file's second line
		}
		return fail(line, "malformed front matter: %s", msg)
	}
	slugLine, slugSet := 1, false
	if len(doc.Content) > 0 {
		m := doc.Content[0]
		if m.Kind != yaml.MappingNode {
			return fail(m.Line+1, "malformed front matter: expected 'key: value' lines")
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			line := k.Line + 1
			if seen[k.Value] {
				return fail(line, "%s is set twice", k.Value)
			}
			seen[k.Value] = true
			list := k.Value == "tags" || k.Value == "questions"
			if v.Kind != yaml.ScalarNode && !(list && v.Kind == yaml.SequenceNode) {
				return fail(line, "%s: expected a single value", k.Value)
			}
			switch k.Value {
			case "slug":
				a.Slug, slugLine, slugSet = strings.TrimSpace(v.Value), line, true
			case "title":
				a.Title = strings.TrimSpace(v.Value)
				if a.Title == "" {
					return fail(line, "title is empty")
				}
			case "lang":
				s, ok := lang.Parse(v.Value)
				if !ok {
					return fail(line, "unknown lang %q: use nb, nn or en", v.Value)
				}
				a.Lang = s
			case "tags":
				tags, err := parseTags(v)
				if err != nil {
					return fail(line, "tags: %v", err)
				}
				a.Tags = tags
			case "questions":
				qs, err := parseQuestions(v)
				if err != nil {
					return fail(line, "questions: %v", err)
				}
				a.Questions = qs
			case "group":
				a.Group = strings.TrimSpace(v.Value)
				if !ValidSlug(a.Group) {
					return fail(line, "invalid group %q: use lowercase letters a-z, digits and single hyphens, like a slug", a.Group)
				}
			case "published":
				b, err := strconv.ParseBool(v.Value)
				if err != nil || v.Tag != "!!bool" && v.Tag != "!!str" {
					return fail(line, "published: expected true or false, got %q", v.Value)
				}
				a.Published = b
			default:
				return fail(line, "unknown front matter key %q (known: slug, title, lang, tags, published, group, questions)", k.Value)
			}
		}
	}
	if !slugSet {
		a.Slug = strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), ".md")
	}
	if !ValidSlug(a.Slug) {
		from := ""
		if !slugSet {
			from = " (taken from the file name; set slug: in the front matter)"
		}
		return fail(slugLine, "invalid slug %q%s: use lowercase letters a-z, digits and single hyphens", a.Slug, from)
	}
	if a.Title == "" {
		return fail(1, "title is missing from the front matter")
	}
	a.Body = strings.TrimSpace(strings.Join(lines[end+1:], "\n"))
	if a.Body == "" {
		return fail(end+2, "body is empty: write the article below the front matter")
	}
	return a, nil
}

func parseTags(v *yaml.Node) ([]string, error) {
	var raw []string
	if v.Kind == yaml.ScalarNode {
		raw = strings.Split(v.Value, ",")
	} else {
		for _, t := range v.Content {
			if t.Kind != yaml.ScalarNode {
				return nil, errors.New("expected a list of words, like [faktura, adresse]")
			}
			raw = append(raw, t.Value)
		}
	}
	var tags []string
	for _, t := range raw {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags, nil
}

// parseQuestions reads a list of questions, one per item; a single
// value is one question.
func parseQuestions(v *yaml.Node) ([]string, error) {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var qs []string
	for _, q := range items {
		if q.Kind != yaml.ScalarNode {
			return nil, errors.New("expected a list of questions, one per line starting with '- '")
		}
		if t := strings.Join(strings.Fields(q.Value), " "); t != "" {
			if len(t) > MaxQuestionBytes {
				return nil, fmt.Errorf("a question is longer than %d bytes", MaxQuestionBytes)
			}
			qs = append(qs, t)
		}
	}
	return qs, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+): `)

// yamlErrorLine finds the line number in a yaml.v3 error message and
// returns it with the message stripped of its "yaml: line N:" prefix.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	m := yamlLineRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return 0, msg
	}
	n, _ := strconv.Atoi(msg[m[2]:m[3]])
	return n, msg[:m[0]] + msg[m[1]:]
}

// InvalidUTF8Line returns the 1-based line of the first invalid UTF-8
// byte, for error messages that name the line.
func InvalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
