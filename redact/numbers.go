package redact

// Numbers. The scanner reads a run: digit groups joined by single
// separators (space, no-break space, narrow or thin space, dot, hyphen).
// Matches start and end on group boundaries, so a digit group is never cut:
// "9901019012345" is not partly redacted. At each group, in order, it tries
// a card number, an 11-digit number (fødselsnummer, D-nummer, account) and a
// phone number, each in the groupings people write.

type group struct {
	start, end int  // digits text[start:end]
	sep        byte // separator before this group: ' ', '.', '-', or 0 for the first
}

func (g group) len() int { return g.end - g.start }

// match is a number found in a run.
type match struct {
	kind   Kind
	next   int // index of the first group after the match
	keep   bool
	before int      // bytes before the run that belong to the match: "+" of +47, "NO" of an IBAN
	value  [19]byte // value[:n]: the digits; for phones the national number
	n      int
}

// runReader reads the groups of one run, one at a time, so a long run of
// numbers needs no more memory than the few groups a match can span.
type runReader struct {
	text  string
	limit int
	pos   int  // start of the next group, or -1 at the end of the run
	sep   byte // separator before the next group
}

func newRunReader(text string, i, limit int) runReader {
	return runReader{text: text, limit: limit, pos: i}
}

// next returns the next group, or false at the end of the run.
func (rr *runReader) next() (group, bool) {
	if rr.pos < 0 {
		return group{}, false
	}
	i, j := rr.pos, rr.pos
	for j < rr.limit && isDigit(rr.text[j]) {
		j++
	}
	g := group{start: i, end: j, sep: rr.sep}
	s, size := separatorAt(rr.text, j, rr.limit)
	if size == 0 || j+size >= rr.limit || !isDigit(rr.text[j+size]) {
		rr.pos = -1
	} else {
		rr.pos, rr.sep = j+size, s
	}
	return g, true
}

// separatorAt returns the separator class and byte length at text[i:], or a
// zero length when there is none.
func separatorAt(text string, i, limit int) (byte, int) {
	if i >= limit {
		return 0, 0
	}
	switch text[i] {
	case ' ':
		return ' ', 1
	case '.':
		return '.', 1
	case '-':
		return '-', 1
	case 0xC2: // U+00A0 no-break space
		if i+1 < limit && text[i+1] == 0xA0 {
			return ' ', 2
		}
	case 0xE2: // U+2007 figure, U+2009 thin, U+202F narrow no-break space
		if i+2 < limit && text[i+1] == 0x80 && (text[i+2] == 0x87 || text[i+2] == 0x89 || text[i+2] == 0xAF) {
			return ' ', 3
		}
	}
	return 0, 0
}

// gather copies the digits of gs into buf and returns their count, or -1
// when there are more than buf holds.
func gather(text string, gs []group, buf *[19]byte) int {
	n := 0
	for _, g := range gs {
		if n+g.len() > len(buf) {
			return -1
		}
		n += copy(buf[n:], text[g.start:g.end])
	}
	return n
}

// shape reports whether the groups from gs[i] on have exactly the given
// lengths.
func shape(gs []group, i int, lens ...int) bool {
	if i+len(lens) > len(gs) {
		return false
	}
	for k, l := range lens {
		if gs[i+k].len() != l {
			return false
		}
	}
	return true
}

// matchCard tries a card number at gs[0]: one group of 13–19 digits,
// groups of four with a last group of one to four (4-4-4-4, 4-4-4-4-3,
// 4-4-4-1 ...), or 4-6-5 and 4-6-4 (American Express, Diners).
func matchCard(text string, gs []group, m *match) bool {
	try := func(n int) bool {
		m.n = gather(text, gs[:n], &m.value)
		if m.n < 0 || !validCard(m.value[:m.n]) {
			return false
		}
		m.kind, m.next = Card, n
		return true
	}
	if l := gs[0].len(); l >= 13 && l <= 19 {
		return try(1)
	}
	if gs[0].len() != 4 {
		return false
	}
	fours := 1
	for fours < 4 && fours < len(gs) && gs[fours].len() == 4 {
		fours++
	}
	if fours >= 3 && fours < len(gs) && gs[fours].len() < 4 && try(fours+1) {
		return true
	}
	if fours == 4 && try(4) {
		return true
	}
	return (shape(gs, 0, 4, 6, 5) && try(3)) || (shape(gs, 0, 4, 6, 4) && try(3))
}

// matchIBAN tries a Norwegian IBAN after "NO": "NO93 8601 1117 947" or
// "NO9386011117947", with valid IBAN check digits and a valid account number.
func matchIBAN(text string, gs []group, m *match) bool {
	var n int
	switch {
	case shape(gs, 0, 13):
		n = 1
	case shape(gs, 0, 2, 4, 4, 3):
		n = 4
	default:
		return false
	}
	m.n = gather(text, gs[:n], &m.value)
	if !validIBAN(m.value[:13]) {
		return false
	}
	m.n = copy(m.value[:], m.value[2:13]) // the account number, for Config.Keep
	m.kind, m.next, m.before = Account, n, 2
	return true
}

// match11 tries an 11-digit number at gs[0]: plain, 6+5 ("010190 12345"),
// 2.2.2+5 ("01.01.90 12345") or account grouping 4.2.5 ("1234.56.78903").
func match11(text string, gs []group, m *match) bool {
	var n int
	accountGrouping := false
	switch {
	case shape(gs, 0, 11):
		n = 1
	case shape(gs, 0, 6, 5):
		n = 2
	case shape(gs, 0, 4, 2, 5):
		n, accountGrouping = 3, true
	case shape(gs, 0, 2, 2, 2, 5):
		n = 4
	default:
		return false
	}
	m.n = gather(text, gs[:n], &m.value)
	m.kind = classify11(m.value[:m.n], accountGrouping)
	m.next = n
	return m.kind != 0
}

// phoneSep reports whether a phone number may be grouped with s: spaces
// and hyphens, not dots, which mostly mean dates, times and amounts.
func phoneSep(s byte) bool { return s == ' ' || s == '-' }

// countryPrefix tells what stands right before a run: a '+' (of "+47..."),
// or a country code of its own such as "(+47) ".
type countryPrefix uint8

const (
	noPrefix countryPrefix = iota
	plusBefore
	codeBefore
)

// matchPhone tries a Norwegian phone number at gs[0], with or without a
// country prefix: "+47 912 34 567", "0047 91234567", "+4722000000",
// "(+47) 22 00 00 00", "912 34 567", "22 00 00 00". It reports a match also
// when the number is shaped like a phone number but is to be kept
// (m.keep), so the caller skips its groups instead of finding a shorter
// number inside them.
func matchPhone(text string, gs []group, before countryPrefix, h hints, m *match) bool {
	g := text[gs[0].start:gs[0].end]
	plus := before == plusBefore
	if (g == "47" || g == "0047") && len(gs) > 1 && gs[1].sep == ' ' {
		strong := g == "0047" || plus
		if plain, ok := phoneNumber(text, gs, 1, strong || h.kind == hintPhone, m); ok {
			if plus {
				m.before = 1
			}
			decidePhone(m, strong, plain, h)
			return true
		}
	}
	if (len(g) == 10 && g[:2] == "47") || (len(g) == 12 && g[:4] == "0047") {
		m.n = copy(m.value[:], g[len(g)-8:])
		if m.value[0] < '2' {
			return false
		}
		m.kind, m.next = Phone, 1
		if plus {
			m.before = 1
		}
		decidePhone(m, len(g) == 12 || plus, true, h)
		return true
	}
	strong := before == codeBefore
	if plain, ok := phoneNumber(text, gs, 0, strong || h.kind == hintPhone, m); ok {
		decidePhone(m, strong, plain, h)
		return true
	}
	return false
}

// phoneNumber reads an eight-digit national number at gs[k], plain or
// grouped 3-2-3 or 2-2-2-2, or, when wide, 4-4 ("9123 4567", which is
// otherwise too like a piece of a card number), starting with 2–9.
func phoneNumber(text string, gs []group, k int, wide bool, m *match) (plain, ok bool) {
	var n int
	switch {
	case shape(gs, k, 8):
		n, plain = 1, true
	case shape(gs, k, 3, 2, 3) && phoneSep(gs[k+1].sep) && phoneSep(gs[k+2].sep):
		n = 3
	case shape(gs, k, 2, 2, 2, 2) && phoneSep(gs[k+1].sep) && phoneSep(gs[k+2].sep) && phoneSep(gs[k+3].sep):
		n = 4
	case wide && shape(gs, k, 4, 4) && phoneSep(gs[k+1].sep):
		n = 2
	default:
		return false, false
	}
	m.n = gather(text, gs[k:k+n], &m.value)
	if m.value[0] < '2' {
		return false, false
	}
	m.kind, m.next = Phone, k+n
	return plain, true
}

// decidePhone keeps a phone-shaped number unless it has a +47/0047 prefix,
// or is a mobile number (4 or 9 first) not plainly written after a word
// naming another number, or follows a phone word.
func decidePhone(m *match, strong, plain bool, h hints) {
	mobile := m.value[0] == '4' || m.value[0] == '9'
	switch {
	case strong:
	case (h.kind == hintOther || h.kind == hintRef) && plain:
		m.keep = true
	case mobile, h.kind == hintPhone:
	default:
		m.keep = true
	}
}
