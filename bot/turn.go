package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// Turn answers one customer message: it triages it, retrieves passages,
// generates a grounded answer (or falls back to quoting the knowledge
// base), stores both messages and returns the result. It returns an error
// only for bad input or a failing store; model trouble is never an error.
func (b *Bot) Turn(ctx context.Context, req los.TurnRequest) (los.Result, error) {
	start := time.Now()
	text, err := los.ValidateText(req.Text)
	if err != nil {
		return los.Result{}, err
	}
	if b.cfg.Redactor != nil {
		text = b.cfg.Redactor.String(text)
	}

	if req.ClientID != "" {
		if err := los.ValidateClientID(req.ClientID); err != nil {
			return los.Result{}, err
		}
	}

	var conv *los.Conversation
	var history []los.Message
	if req.ConversationID != "" {
		if conv, err = b.cfg.Store.Conversation(ctx, req.ConversationID); err != nil {
			return los.Result{}, err
		}
		// A message sent again (its answer was lost on the way) gets the
		// stored reply; one stored without a reply is answered now.
		var stored, storedReply *los.Message
		if req.ClientID != "" {
			if stored, storedReply, err = b.cfg.Store.ClientTurn(ctx, conv.ID, req.ClientID); err != nil {
				return los.Result{}, err
			}
			if storedReply != nil {
				return b.repeated(ctx, conv, stored, storedReply, start), nil
			}
		}
		if conv.Status == los.StatusClosed {
			return los.Result{}, &los.Error{Code: los.ECONFLICT, Message: "conversation is closed", Key: "error.closed"}
		}
		if history, err = b.cfg.Store.Messages(ctx, conv.ID); err != nil {
			return los.Result{}, err
		}
		if stored != nil {
			text, history = stored.Text, before(history, stored.ID)
		}
	}

	l, askedOnly := b.standard(ctx, req, conv, history, text)
	customer := &los.Message{ConversationID: req.ConversationID, Role: los.RoleCustomer, Text: text, Created: b.cfg.Now(), ClientID: req.ClientID}

	if conv != nil && (conv.Status == los.StatusAgent || conv.Status == los.StatusWaiting) && b.holdWhileWaiting(conv) {
		if err := b.cfg.Store.AddMessage(ctx, customer); err != nil {
			return los.Result{}, err
		}
		return los.Result{Action: los.ActionHandoffNow, Category: los.CategoryNone, Severity: los.SeverityNone, Lang: l, Held: true, Citations: []string{}, Mode: los.ModeExtractive,
			Repeated: customer.Repeat}, nil
	}

	tri := b.triage(ctx, text, history)
	customer.Signals = tri.Signals
	res := los.Result{Lang: l, Category: tri.Category, Severity: tri.Severity, Action: tri.Action, Signals: tri.Signals, Citations: []string{}}

	var noAnswer bool
	stream := &streamer{to: req.OnToken}
	already := ""
	if tri.Action == los.ActionHandoffNow && tri.Category == los.CategoryHumanRequest {
		already = b.alreadyHandedOver(conv, l)
	}
	if already != "" {
		res.Answer, res.Mode = already, los.ModeExtractive
	} else if tri.Action == los.ActionHandoffNow {
		quote := b.whileWaiting(ctx, l, text, history, tri, &res)
		res.Answer, res.Callback = b.handoffText(ctx, l, tri, quote)
		res.Mode = los.ModeExtractive
	} else if askedOnly && tri.Action == los.ActionAnswer {
		res.Answer, res.Mode = b.cfg.Texts.T(l, "answer.lang_switched"), los.ModeExtractive
	} else if st := RecognizeSmallTalk(text); st != SmallTalkNone && tri.Category == los.CategoryNone {
		// Answered in kind, without searching and without offering a
		// person: "hei" is not a question the knowledge base failed.
		res.Answer, res.Mode, res.Action = b.cfg.Texts.T(l, "smalltalk."+string(st)), los.ModeExtractive, los.ActionAnswer
		res.Signals = append(res.Signals, "smalltalk:"+string(st))
	} else {
		noAnswer = b.answer(ctx, l, text, history, stream.onToken(), &res)
		if noAnswer && res.Action == los.ActionAnswer {
			res.Action = los.ActionOfferHandoff
			res.Signals = append(res.Signals, "retrieval:no_answer")
		}
		if tri.Response == los.ResponseCheckIn {
			// Something may be wrong: one warm line with where to get help.
			res.Answer = strings.TrimSpace(res.Answer + "\n\n" + b.cfg.Texts.T(l, "care."+string(tri.Category)))
		}
		if tri.Action == los.ActionOfferHandoff && !noAnswer {
			res.Answer = strings.TrimSpace(res.Answer + "\n\n" + b.cfg.Texts.T(l, "handoff.offer"))
		}
	}

	stream.finish(res.Answer)
	reply := &los.Message{
		ConversationID: req.ConversationID, Role: los.RoleBot, Text: res.Answer, Created: b.cfg.Now(),
		Mode: res.Mode, Action: res.Action, Category: res.Category, Citations: res.Citations, NoAnswer: noAnswer,
		FirstTokenMS: res.Timings.FirstTokenMS,
	}
	if res.Callback {
		reply.Signals = []string{los.SignalCallbackOffered}
	}
	if conv != nil {
		if err := b.cfg.Store.AddTurn(ctx, customer, reply); err != nil {
			return los.Result{}, err
		}
		if reply.Repeat {
			// The same message, sent twice at once, was answered first by
			// the other request: its reply stands.
			return b.repeated(ctx, conv, customer, reply, start), nil
		}
		res.Repeated = customer.Repeat
		// The store redacted the reply (a model may write what it must
		// not): the customer reads what was stored, and the handoff's
		// summary is written from it.
		res.MessageID, res.Answer = reply.ID, reply.Text
		if res.Action == los.ActionHandoffNow {
			if err := b.handoff(ctx, conv, tri, append(history, *customer, *reply)); err != nil {
				// The customer already has the handoff text with any crisis
				// numbers; the failure is the operators' to fix.
				b.cfg.Log.ErrorContext(ctx, "handoff request failed", "conversation", conv.ID, "err", err)
			}
		}
	}
	res.Timings.TotalMS = ms(time.Since(start))
	if b.cfg.Observer != nil {
		b.cfg.Observer.Turn(res)
	}
	b.cfg.Log.InfoContext(ctx, "turn", "conversation", req.ConversationID, "lang", l, "action", res.Action,
		"category", res.Category, "mode", res.Mode, "citations", len(res.Citations), "total_ms", res.Timings.TotalMS)
	return res, nil
}

// standard picks the written standard of the reply: forced, or resolved
// from the message, the customer's earlier messages, the conversation's
// standard, an explicit request and the page's language (lang.Resolve). A
// changed standard is stored with the conversation.
//
// askedOnly is true when the message does nothing but ask for a standard
// ("kan du svare på nynorsk?"): the reply confirms it instead of searching.
func (b *Bot) standard(ctx context.Context, req los.TurnRequest, conv *los.Conversation, history []los.Message, text string) (l los.Standard, askedOnly bool) {
	if req.Lang != "" {
		return req.Lang, false
	}
	c := lang.Context{Page: req.Page, AcceptLanguage: req.AcceptLanguage}
	if conv != nil {
		c.Current = conv.Lang
	}
	for _, m := range history {
		if m.Role == los.RoleCustomer {
			c.Earlier = append(c.Earlier, m.Text)
		}
	}
	d := lang.Resolve(text, c)
	l = d.Lang
	if conv != nil && conv.Lang != l {
		if err := b.cfg.Store.SetConversationLang(ctx, conv.ID, l); err != nil {
			b.cfg.Log.WarnContext(ctx, "could not store conversation language", "conversation", conv.ID, "err", err)
		}
		conv.Lang = l
	}
	return l, d.AskedOnly
}

// holdWhileWaiting reports whether the bot stays silent: always while an
// agent holds the conversation; while it waits, the bot keeps answering.
func (b *Bot) holdWhileWaiting(conv *los.Conversation) bool {
	return conv.Status == los.StatusAgent
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

var errNoDone = errors.New("stream ended without done")
