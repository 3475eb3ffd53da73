package redact

import (
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding is one identifier found in a text: its kind and its byte span
// [Start, End) in the original text. It never holds the value, so findings
// can be logged.
type Finding struct {
	Kind       Kind
	Start, End int
}

// LogValue logs a finding as kind, start and end.
func (f Finding) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", f.Kind.String()), slog.Int("start", f.Start), slog.Int("end", f.End))
}

// Config configures a Redactor.
type Config struct {
	// Kinds are the kinds to redact.
	Kinds Set
	// Keep lists values that are never redacted, such as the company's own
	// customer-service number or e-mail address. Numbers are compared on
	// their digits (a phone number on its eight national digits, with or
	// without +47); e-mail addresses case-insensitively.
	Keep []string
}

// publicNumbers are public helplines that are not personal data and must
// survive redaction of the bot's own replies: Kirkens SOS 22 40 00 40.
// (Mental Helse 116 123 and the other short numbers never match.)
var publicNumbers = []string{"22400040"}

// Redactor replaces personal identifiers in text with typed placeholders.
// It is safe for concurrent use.
type Redactor struct {
	kinds      Set
	keepDigits map[string]bool
	keepMail   []string
}

// New returns a Redactor for the given kinds; New() redacts nothing and
// New(All.Kinds()...) everything.
func New(kinds ...Kind) *Redactor {
	return NewConfig(Config{Kinds: NewSet(kinds...)})
}

// NewConfig returns a Redactor configured by c.
func NewConfig(c Config) *Redactor {
	r := &Redactor{kinds: c.Kinds & All, keepDigits: map[string]bool{}}
	for _, list := range [][]string{publicNumbers, c.Keep} {
		for _, v := range list {
			r.keep(v)
		}
	}
	return r
}

func (r *Redactor) keep(v string) {
	if strings.Contains(v, "@") {
		r.keepMail = append(r.keepMail, strings.TrimSpace(v))
		return
	}
	var d []byte
	for i := 0; i < len(v); i++ {
		if isDigit(v[i]) {
			d = append(d, v[i])
		}
	}
	s := string(d)
	switch {
	case len(s) == 10 && strings.HasPrefix(s, "47"):
		s = s[2:]
	case len(s) == 12 && strings.HasPrefix(s, "0047"):
		s = s[4:]
	}
	if s != "" {
		r.keepDigits[s] = true
	}
}

// Kinds returns the kinds r redacts.
func (r *Redactor) Kinds() Set { return r.kinds }

// String returns text with its identifiers replaced by placeholders.
func (r *Redactor) String(text string) string {
	out, _ := r.Redact(text)
	return out
}

// Redact returns text with its identifiers replaced by placeholders such as
// "[fødselsnummer]", and the findings, in order, with spans in text. Text
// without identifiers is returned as it is, without copying.
func (r *Redactor) Redact(text string) (string, []Finding) {
	if r.kinds == 0 {
		return text, nil
	}
	fs := r.find(text)
	if len(fs) == 0 {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text) + 8*len(fs))
	prev := 0
	for _, f := range fs {
		b.WriteString(text[prev:f.Start])
		b.WriteString(f.Kind.Placeholder())
		prev = f.End
	}
	b.WriteString(text[prev:])
	return b.String(), fs
}

// find scans text once, left to right.
func (r *Redactor) find(text string) []Finding {
	var (
		fs   []Finding
		h    hints
		wbuf [32]byte
		last = lastDigit(text)
	)
	addr, haveAddr := nextAddress(text, 0)
	for i := 0; i < len(text); {
		limit := len(text)
		if !haveAddr && i > last {
			break // no number or address follows, so words no longer matter
		}
		if haveAddr {
			if i >= addr.start {
				if addr.valid && r.kinds.Has(Email) && !r.keptMail(text[addr.mail.start:addr.mail.end]) {
					fs = append(fs, Finding{Kind: Email, Start: addr.mail.start, End: addr.mail.end})
				}
				h.token()
				i = addr.end
				addr, haveAddr = nextAddress(text, i)
				continue
			}
			limit = addr.start
		}
		c := text[i]
		switch {
		case isDigit(c):
			fs, i = r.numbers(text, i, limit, h, fs)
			h.token()
		case letterAt(text, i):
			end, w := readWord(text, i, limit, wbuf[:])
			h.word(w)
			i = end
		case c == '[':
			if n := placeholderAt(text, i); n > 0 {
				h.token()
				i += n
			} else {
				i++
			}
		case c == '\n':
			h.boundary()
			i++
		case c == '.' || c == '!' || c == '?':
			if i+1 == len(text) || isSpace(text[i+1]) {
				h.boundary()
			}
			i++
		default:
			i++
		}
	}
	return fs
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// numbers finds the numbers in the run at text[i:limit], appends those to
// redact to fs, and returns the end of the run.
func (r *Redactor) numbers(text string, i, limit int, h hints, fs []Finding) ([]Finding, int) {
	// A match spans at most five groups (4-4-4-4-3, or 47 and 2-2-2-2), so
	// the window holds the groups from the current one on.
	var win [6]group
	rr := newRunReader(text, i, limit)
	n, end := 0, i
	before := prefixBefore(text, i)
	iban := afterNO(text, i)
	for first := true; ; first = false {
		for n < len(win) {
			g, ok := rr.next()
			if !ok {
				break
			}
			win[n], n, end = g, n+1, g.end
		}
		if n == 0 {
			return fs, end
		}
		gs := win[:n]
		var m match
		switch {
		case first && iban && matchIBAN(text, gs, &m):
		case matchCard(text, gs, &m), match11(text, gs, &m):
			// A KID (payment reference) uses the same checks as cards and
			// accounts: a plain number right after a reference word stays.
			// Only the first number of the run is right after the word.
			m.keep = first && m.next == 1 && (m.kind == Card || m.kind == Account) && h.kind == hintRef && h.last
		case matchPhone(text, gs, before, h, &m):
		default:
			m.next, m.keep = 1, true
		}
		if !m.keep && r.kinds.Has(m.kind) && !r.keepDigits[string(m.value[:m.n])] {
			fs = append(fs, Finding{Kind: m.kind, Start: gs[0].start - m.before, End: gs[m.next-1].end})
		}
		n = copy(win[:], win[m.next:n])
		before = noPrefix // it stands before the first group only
	}
}

// prefixBefore tells whether a '+', or a country code "(+47)" or "(0047)"
// and maybe a space, stands right before the run at text[i].
func prefixBefore(text string, i int) countryPrefix {
	if i > 0 && text[i-1] == '+' {
		return plusBefore
	}
	j := i
	if j > 0 && text[j-1] == ' ' {
		j--
	}
	if j > 0 && text[j-1] == ')' && (strings.HasSuffix(text[:j-1], "(+47") || strings.HasSuffix(text[:j-1], "(0047")) {
		return codeBefore
	}
	return noPrefix
}

// afterNO reports whether the run at text[i] follows "NO" that is not the
// end of a longer word or number, as in an IBAN. A ']' before counts as
// part of a number too: it may close the placeholder of one.
func afterNO(text string, i int) bool {
	if i < 2 || text[i-2]|0x20 != 'n' || text[i-1]|0x20 != 'o' {
		return false
	}
	if i == 2 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i-2])
	return !unicode.IsLetter(r) && !isDigit(text[i-3]) && text[i-3] != ']'
}

// lastDigit returns the index of the last ASCII digit in text, or -1.
func lastDigit(text string) int {
	for i := len(text) - 1; i >= 0; i-- {
		if isDigit(text[i]) {
			return i
		}
	}
	return -1
}

func (r *Redactor) keptMail(addr string) bool {
	for _, k := range r.keepMail {
		if strings.EqualFold(k, addr) {
			return true
		}
	}
	return false
}
