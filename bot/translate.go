package bot

import (
	"context"

	"github.com/los-bot/los/lang"

	"github.com/los-bot/los"
)

// Translator translates between Bokmål and Nynorsk (package apertium). It
// may fail (not installed, too slow); the bot then keeps the original
// text.
type Translator interface {
	Translate(ctx context.Context, from, to los.Standard, text string) (string, error)
}

// norwegian reports whether l is Bokmål or Nynorsk.
func norwegian(l los.Standard) bool { return l == los.Bokmal || l == los.Nynorsk }

// inStandard returns a quoted passage in the customer's standard l: as it
// is when it is in l already (or either side is not Norwegian), else
// machine-translated, with the line that says so. Without a translator or
// when translation fails, the original comes back and note is empty.
func (b *Bot) inStandard(ctx context.Context, l, from los.Standard, text string) (out, note string) {
	if b.cfg.Translator == nil || from == l || !norwegian(l) || !norwegian(from) {
		return text, ""
	}
	tr, err := b.cfg.Translator.Translate(ctx, from, l, text)
	if err != nil {
		b.cfg.Log.WarnContext(ctx, "quoted article left untranslated", "from", from, "to", l, "err", err)
		return text, ""
	}
	return tr, b.cfg.Texts.T(l, "answer.translated_from_"+string(from))
}

// mixedStandard reports whether a generated answer meant to be in l reads
// as the other Norwegian standard: the detector says so, or it holds at
// least two distinct marker words of the other standard ("ikke", "jeg" in
// a Nynorsk answer).
func mixedStandard(l los.Standard, answer string) (other los.Standard, mixed bool) {
	if !norwegian(l) {
		return "", false
	}
	other = los.Bokmal
	if l == los.Bokmal {
		other = los.Nynorsk
	}
	if g := lang.Identify(answer); g.Lang == other || len(lang.MarkerWords(answer, other)) >= 2 {
		return other, true
	}
	return other, false
}

// fixStandard translates a generated answer that came out in the other
// Norwegian standard (or mixed) into l, so the customer never reads mixed
// text. Without a translator, or when it fails, the answer stays as it is.
func (b *Bot) fixStandard(ctx context.Context, l los.Standard, answer string) string {
	other, mixed := mixedStandard(l, answer)
	if !mixed || b.cfg.Translator == nil {
		return answer
	}
	tr, err := b.cfg.Translator.Translate(ctx, other, l, answer)
	if err != nil {
		b.cfg.Log.WarnContext(ctx, "generated answer in the wrong standard left as it is", "want", l, "err", err)
		return answer
	}
	b.cfg.Log.InfoContext(ctx, "generated answer translated into the customer's standard", "from", other, "to", l)
	return tr
}
