package redact

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hint words. The scanner keeps the nearest hint word before a number, in
// the same sentence and at most maxHintDistance words back:
//   - a phone word (tlf, telefon, ring, mobil, nummer ...) lets an
//     eight-digit landline number be redacted;
//   - a word naming another number (kr, beløp, konto, kortnummer ...) or a
//     reference (ordre, KID, faktura, sak, kunde, and their -nummer and -nr
//     compounds) keeps a plainly written eight-digit number, mobile or not;
//   - a reference word right before a plainly written number (only
//     punctuation or "nr"/"nummer" between: "KID: ...", "Ordrenr. ...")
//     also keeps a 13–19 digit number that passes the Luhn check and an
//     11-digit number that is valid only as an account number: KID numbers
//     use the same checks as cards and accounts. A fødselsnummer is always
//     redacted.
//
// Only letter words count. Numbers, e-mail addresses and placeholders are
// skipped, which makes the hint the same before and after redaction and so
// keeps Redact idempotent.

const maxHintDistance = 6

type hint uint8

const (
	hintNone hint = iota
	hintPhone
	hintOther
	hintRef
)

// hintOf names the hint a lower-cased word gives. A switch is several times
// faster than map lookups here, and every word of a message passes by.
func hintOf(w []byte) (h hint, neutral bool) {
	if len(w) < 2 || len(w) > 15 {
		return hintNone, false
	}
	switch string(w) {
	case "tlf", "tlfnr", "tel", "telefon", "telefonen", "telefonnr",
		"telefonnummer", "telefonnummeret", "telefonnumre", "telefonnumrene",
		"mob", "mobil", "mobilen", "mobilnr", "mobilnummer", "mobilnummeret",
		"mobiltelefon", "mobiltlf", "nummer", "nummeret", "nummera",
		"kontaktnummer", "kontaktnummeret", "privatnummer", "jobbnummer",
		"direktenummer", "hjemmenummer", "ring", "ringe", "ringer", "ringt",
		"ringte", "ringes", "ringje", "ringjer", "ringde", "oppringt", "sms",
		"kontakt", "kontakte", "kontaktes", "nås", "faks", "fax", "whatsapp",
		"vipps", "phone", "call", "calls", "mobile", "cell", "telephone":
		return hintPhone, false
	case "ordre", "ordren", "order", "kid", "faktura", "fakturaen", "sak",
		"saken", "ref", "referanse", "kunde", "sporing", "sending",
		"sendingen", "pakke", "pakken", "forsendelse", "bestilling",
		"bestillingen", "booking", "avtale", "kvittering", "invoice",
		"reference", "tracking":
		return hintRef, false
	case "kr", "kroner", "nok", "beløp", "beløpet", "pris", "prisen", "sum",
		"summen", "konto", "kontoen", "kto", "iban", "kort", "kortet",
		"bankkort", "amount", "account", "card", "fnr", "dnr", "pnr":
		return hintOther, false
	case "nr", "no", "number":
		// "tlf. nr. 22 00 00 00"
		return hintNone, true
	}
	return hintNone, false
}

// hints tracks the nearest hint word while the text is scanned forward.
type hints struct {
	kind hint
	dist int  // letter words since the hint word
	last bool // the hint word was the last token seen
}

// word records a letter word, already lower-cased (nil when too long).
func (h *hints) word(w []byte) {
	if w != nil {
		k, neutral := hintOf(w)
		if neutral || (h.kind == hintRef && h.last && k == hintPhone && isNummer(w)) {
			return // "tlf. nr.", "KID-nummer", "ordre nummer"
		}
		if k == hintNone {
			k = numberWord(w)
		}
		if k != hintNone {
			*h = hints{kind: k, last: true}
			return
		}
	}
	h.last = false
	if h.kind != hintNone {
		h.dist++
		if h.dist > maxHintDistance {
			h.kind = hintNone
		}
	}
}

func isNummer(w []byte) bool {
	return string(w) == "nummer" || string(w) == "nummeret"
}

// numberWord names the hint of a compound naming a number (ordrenummer,
// kundenr, fakturanummeret, saksnumre ...): hintOther when it names an
// account, card or person number, hintRef for any other, hintNone when w
// is no such compound.
func numberWord(w []byte) hint {
	n := len(w)
	if n < 3 {
		return hintNone
	}
	stem := -1
	if w[n-2] == 'n' && w[n-1] == 'r' {
		stem = n - 2
	} else {
		for _, suffix := range [...]string{"nummer", "nummeret", "nummera", "numre", "numrene", "numra"} {
			if n > len(suffix) && w[n-1] == suffix[len(suffix)-1] && string(w[n-len(suffix):]) == suffix {
				stem = n - len(suffix)
				break
			}
		}
	}
	if stem <= 0 {
		return hintNone
	}
	for _, p := range [...]string{"konto", "bankkonto", "kort", "bankkort", "kreditkort", "betalingskort", "fødsel", "person", "org", "organisasjon"} {
		if bytes.HasPrefix(w[:stem], []byte(p)) {
			return hintOther
		}
	}
	return hintRef
}

// token records a number, address or placeholder.
func (h *hints) token() { h.last = false }

// boundary records the end of a sentence or line. An abbreviated hint
// keeps its sentence: "Tlf. 22 00 00 00", "Tlf:\n22 00 00 00".
func (h *hints) boundary() {
	if !h.last {
		h.kind = hintNone
	}
}

// readWord reads the letter word at text[i:limit] and returns its end and
// its lower-case form in buf, or nil when it does not fit.
func readWord(text string, i, limit int, buf []byte) (int, []byte) {
	out := buf[:0]
	fits := true
	for i < limit {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			if fits && len(out) < cap(out) {
				out = append(out, c|0x20)
			} else {
				fits = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:limit])
		if r == utf8.RuneError || !unicode.IsLetter(r) {
			break
		}
		if fits && len(out)+utf8.RuneLen(unicode.ToLower(r)) <= cap(out) {
			out = utf8.AppendRune(out, unicode.ToLower(r))
		} else {
			fits = false
		}
		i += size
	}
	if !fits {
		return i, nil
	}
	return i, out
}

// letterAt reports whether a letter starts at text[i].
func letterAt(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

// placeholderAt returns the length of the placeholder at text[i:], or 0.
func placeholderAt(text string, i int) int {
	if text[i] != '[' {
		return 0
	}
	for _, k := range kinds {
		if strings.HasPrefix(text[i:], placeholders[k]) {
			return len(placeholders[k])
		}
	}
	return 0
}
