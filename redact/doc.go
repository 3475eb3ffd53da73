// Package redact replaces Norwegian personal identifiers in text with typed
// placeholders, before the text is stored, logged, indexed or sent to a
// model:
//
//	kind     placeholder       what is found
//	fnr      [fødselsnummer]   11 digits DDMMYYIIIKK, valid date, both mod-11 check digits
//	dnr      [d-nummer]        the same with 4 added to the first digit (day 41–71)
//	account  [kontonummer]     11 digits with a valid mod-11 check digit
//	card     [kortnummer]      13–19 digits starting with 2–6, valid Luhn checksum
//	phone    [telefonnummer]   Norwegian numbers: 8 digits starting with 2–9
//	email    [e-post]          local@domain.tld
//
// A Finding gives the kind and byte span in the original text, never the
// value, so findings may be logged. Operators choose kinds with ParseKinds
// ("fnr,dnr,account,card,phone,email", "all" or "none"; empty means all).
//
// # Decisions
//
// Fødselsnummer and D-nummer: the month may carry +40 (H-nummer, and NAV's
// synthetic test persons) or +80 (Skatteetaten's synthetic test persons in
// Tenor); such numbers are redacted as [fødselsnummer] or [d-nummer]. The
// individual number is not used to pick the century; 29 February is valid
// when YY is divisible by 4. FH-nummer (no date) and the check-digit rules
// planned for numbers issued from 2032 are not covered. Written forms:
// "01023950096", "010239 50096", "010239.50096", "010239-50096",
// "01.02.39 50096".
//
// Precedence for 11 digits: every valid fødselsnummer is also a valid
// account number (the second check digit uses the account weights), so a
// number with a valid date and both check digits is a fødselsnummer (or
// D-nummer), and only otherwise an account number. Written in account
// grouping, "1234.56.78903" or "1234 56 78903", a number valid as an
// account is an account number. The kind is decided before the enabled
// kinds are consulted: with only "account" enabled, a fødselsnummer stays.
//
// A Norwegian IBAN, "NO93 8601 1117 947" or "NO9386011117947", with valid
// IBAN check digits and a valid account number, is redacted whole as
// [kontonummer].
//
// KID numbers (payment references) use the same check digits as cards
// (Luhn) and accounts (mod 11), so a plainly written 13–19 digit card-like
// number or an 11-digit number valid only as an account is kept when a
// reference word comes right before it, with only punctuation, "nr" or
// "nummer" between: "KID: 2345678901239", "KID-nummer ...", "Ordrenr. ...",
// "fakturanummer ...". Grouped card numbers and fødselsnummer are redacted
// whatever comes before.
//
// Card numbers are found plain, or in groups of four (4-4-4-4, 4-4-4-4-3,
// 4-4-4-1 ...) or 4-6-5 and 4-6-4, separated by spaces, hyphens or dots.
// The leading 2–6 keeps parcel and other long reference numbers (which often
// start with 7, 8 or 0) out.
//
// Phone numbers are found plain ("91234567"), grouped 3-2-3 ("912 34 567")
// or 2-2-2-2 ("22 00 00 00") with spaces or hyphens (not dots, which mostly
// mean dates and amounts), with an optional prefix "+47", "0047" or "47",
// glued or followed by a space, or "(+47)". Grouped 4-4 ("9123 4567", too
// like a piece of a card number otherwise) only after +47 or a phone word.
// Which are redacted:
//   - with +47, 0047 or (+47): always;
//   - a mobile number (first digit 4 or 9): yes, unless it is written
//     plain and the nearest hint word before it names another number
//     ("Ordrenummer 45678901", "kundenr", "KID", "kr", "konto"): an
//     eight-digit order number is kept, "ordrenummer 912 34 567" is not;
//   - any other (landline, 2, 3, 5, 6, 7, 8 first): only when the nearest
//     hint word, in the same sentence and at most six words back, is a
//     phone word: tlf, telefon, mobil, nummer, ring, ringje, kontakt, sms,
//     phone, call ... ("Tlf. 22 00 00 00", "Ring meg på 22 00 00 00").
//     Alone, "22 00 00 00" or "20240115" stays.
//
// A phone-shaped number that is kept is kept whole: no shorter number is
// looked for inside it. Years, dates, times, amounts ("kr 1 234 567") and
// IP addresses do not have a phone shape. Foreign numbers are not redacted.
// Public helplines are not personal data and are never redacted (Kirkens
// SOS, 22 40 00 40); Config.Keep adds the company's own numbers and
// addresses.
//
// # Boundaries
//
// The scanner reads a run of digit groups joined by single separators
// (space, no-break, narrow or thin space, dot, hyphen) and only matches
// whole groups: "9" + a fødselsnummer + "0" is a 13-digit number and stays
// whole. Letters and punctuation next to a number do not stop it from
// matching ("fnr:01023950096.", "(91234567)"). Numbers inside an e-mail
// address, or in the text around an '@' that is not a valid address, are
// left to the address, so an address is never partly redacted.
//
// The scan is linear: each byte is read a bounded number of times and there
// are no regular expressions. Redact is idempotent: redacting its output
// again changes nothing.
package redact
