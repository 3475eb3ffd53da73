package store

import (
	"github.com/los-bot/los"
	"github.com/los-bot/los/redact"
)

// Every text a person or a model writes passes through the store's
// redaction on its way in, whatever sent it: messages (customers',
// agents', the bot's, notices), call-back names and notes, satisfaction
// comments, handoff reasons and summaries. Written here, once, a new
// entry point cannot forget it. Callers get the stored text back in the
// value they passed, so what they send on (to the model for a summary, to
// webhooks, to the agent's screen) is what was stored.
//
// Control characters are removed (los.CleanText), then identifiers are
// replaced by placeholders. People's text loses every configured kind
// (LOS_REDACT, all by default). The bot's own messages lose the kinds that
// never belong in what the company says: a fødselsnummer, a D-nummer or a
// card number written by the model goes; the company's phone numbers, its
// e-mail addresses and its account number, quoted from the knowledge base,
// stay.
type redaction struct {
	people, bot *redact.Redactor
}

// companyKinds may appear in what the company says.
var companyKinds = redact.NewSet(redact.Account, redact.Phone, redact.Email)

func newRedaction(kinds redact.Set, keep []string) redaction {
	return redaction{
		people: redact.NewConfig(redact.Config{Kinds: kinds, Keep: keep}),
		bot:    redact.NewConfig(redact.Config{Kinds: kinds &^ companyKinds, Keep: keep}),
	}
}

// SetRedaction chooses the identifiers the store redacts (LOS_REDACT) and
// values it keeps (the company's own numbers and addresses). Until it is
// called, every kind is redacted.
func (s *DB) SetRedaction(kinds redact.Set, keep []string) {
	s.redaction = newRedaction(kinds, keep)
}

// personal cleans and redacts text people wrote.
func (r redaction) personal(text string) string {
	return r.people.String(los.CleanText(text))
}

// message cleans and redacts a message by its author.
func (r redaction) message(role los.Role, text string) string {
	if role == los.RoleBot || role == los.RoleSystem {
		return r.bot.String(los.CleanText(text))
	}
	return r.personal(text)
}
