package bot

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// extractive quotes the passage of the best source that answers the
// question (and of the next section of its article, see nextPart), for
// when the model cannot answer. It cites that article
// alone: on the blind tuning set, half of the second articles the
// earlier version cited ("Se også ...") did not answer the question, and
// none was needed to answer it.
func (b *Bot) extractive(ctx context.Context, l los.Standard, sources []los.Source) (string, []string) {
	return b.quoteSources(ctx, l, sources, "answer.extractive_intro")
}

// quoteSources is extractive with the opening line of the text key intro
// (intro+"_other" when the article is in English and the customer writes
// Norwegian, or the other way round).
func (b *Bot) quoteSources(ctx context.Context, l los.Standard, sources []los.Source, intro string) (string, []string) {
	best := sources[0]
	var sb strings.Builder
	if (best.Lang == los.English) != (l == los.English) && best.Lang != "" {
		intro += "_other"
	}
	sb.WriteString(b.cfg.Texts.T(l, intro))
	sb.WriteString("\n\n")
	text := passageOf(best)
	if more, ok := nextPart(sources); ok {
		text += "\n\n" + passageOf(more)
	}
	text, note := b.inStandard(ctx, l, best.Lang, quote(chatText(text)))
	sb.WriteString(text)
	sb.WriteString(" [1]")
	if note != "" {
		sb.WriteString("\n\n")
		sb.WriteString(note)
	}
	return sb.String(), []string{best.Slug}
}

func passageOf(s los.Source) string {
	if strings.TrimSpace(s.Quote) != "" {
		return s.Quote
	}
	return s.Text
}

// partsFrom is how far down the sources another section of the best
// source's article may rank to have its passage quoted too.
const partsFrom = 3

// nextPart returns another section of the best source's article among
// the first partsFrom sources: its passage is quoted after the first. An
// answer often sits beside the section that names the question's
// subject; on the blind tuning set the next section's passage held the
// answer for about half the questions whose best section did not.
func nextPart(sources []los.Source) (los.Source, bool) {
	for i := 1; i < len(sources) && i < partsFrom; i++ {
		if s := sources[i]; s.Slug == sources[0].Slug && s.Anchor != sources[0].Anchor && passageOf(s) != passageOf(sources[0]) {
			return s, true
		}
	}
	return los.Source{}, false
}

// quote trims a passage to a readable length at a sentence end.
func quote(text string) string {
	const max = 700
	text = strings.TrimSpace(text)
	if len(text) <= max {
		return text
	}
	cut := text[:max]
	if i := strings.LastIndexAny(cut, ".!?"); i > max/2 {
		return cut[:i+1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + " …"
}

var tableRuleRE = regexp.MustCompile(`^\|?\s*:?-{2,}`)

// chatText makes Markdown readable in the chat, which shows paragraphs,
// lists, bold text and links: a table becomes a list with one item per
// row ("**first cell**: header: cell, header: cell"), headings become
// bold lines.
func chatText(md string) string {
	var out []string
	var header []string
	inTable := false
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "|") {
			inTable = false
			if h := strings.TrimLeft(t, "#"); h != t && strings.HasPrefix(h, " ") {
				t = "**" + strings.TrimSpace(h) + "**"
			}
			out = append(out, t)
			continue
		}
		cells := tableCells(t)
		switch {
		case !inTable:
			inTable, header = true, cells
		case tableRuleRE.MatchString(t):
		default:
			out = append(out, "- "+tableRow(header, cells))
		}
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	cells := strings.Split(row, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// tableRow writes a row as "**first**: header: cell, header: cell".
func tableRow(header, cells []string) string {
	if len(cells) == 0 {
		return ""
	}
	first := strings.Trim(cells[0], "*")
	var rest []string
	for i, c := range cells[1:] {
		if c == "" {
			continue
		}
		if i+1 < len(header) && header[i+1] != "" {
			c = lowerFirst(header[i+1]) + ": " + c
		}
		rest = append(rest, c)
	}
	if len(rest) == 0 {
		return "**" + first + "**"
	}
	return "**" + first + "**: " + strings.Join(rest, ", ")
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) && !unicode.IsUpper(firstRuneAfter(s, n)) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s // an acronym ("TV") keeps its case
}

func firstRuneAfter(s string, n int) rune {
	r, _ := utf8.DecodeRuneInString(s[n:])
	return r
}
