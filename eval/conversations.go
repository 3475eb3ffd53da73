package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Dialogue is one labelled conversation of a few customer messages.
type Dialogue struct {
	ID       string    `json:"id"`
	Lang     string    `json:"lang"`
	Messages []Message `json:"messages"`
}

// Message is one customer message of a Dialogue. Kind says how it
// relates to the earlier ones: first, followup (by pronoun or
// ellipsis), correction, subtopic, switch (to an unrelated topic) or oos
// (out of scope); Slugs are the articles that answer it, none when the
// knowledge base cannot.
type Message struct {
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Slugs    []string `json:"slugs"`
	Evidence string   `json:"evidence"`
}

// Kinds of messages, in report order.
var Kinds = []string{"first", "followup", "correction", "subtopic", "switch", "oos"}

// LoadDialogues reads a JSON array of dialogues.
func LoadDialogues(path string) ([]Dialogue, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ds []Dialogue
	if err := json.Unmarshal(data, &ds); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, d := range ds {
		if len(d.Messages) == 0 {
			return nil, fmt.Errorf("%s: conversation %s has no messages", path, d.ID)
		}
		for i, m := range d.Messages {
			if m.Text == "" {
				return nil, fmt.Errorf("%s: conversation %s, message %d: the text is empty", path, d.ID, i+1)
			}
		}
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("%s: no conversations", path)
	}
	return ds, nil
}

// Chat starts conversations.
type Chat interface {
	Start(ctx context.Context) (Conversation, error)
}

// Conversation sends customer messages in one conversation.
type Conversation interface {
	Send(ctx context.Context, text string) (Reply, error)
}

// Conversations plays every dialogue in a conversation of its own and
// scores each reply.
func Conversations(ctx context.Context, ds []Dialogue, chat Chat, opt Options) (ConversationsReport, error) {
	var outs []Outcome
	var st Streams
	for i, d := range ds {
		conv, err := chat.Start(ctx)
		if err != nil {
			return ConversationsReport{}, fmt.Errorf("conversation %s: %w", d.ID, err)
		}
		for k, m := range d.Messages {
			r, err := conv.Send(ctx, m.Text)
			if err != nil {
				return ConversationsReport{}, fmt.Errorf("conversation %s, message %d: %w", d.ID, k+1, err)
			}
			if r.ViaStream {
				st.Replies++
				if r.Streamed == r.Answer {
					st.Spelled++
				}
			}
			id := d.ID + "." + strconv.Itoa(k+1)
			outs = append(outs, opt.judge(ctx, id, d.Lang, m.Kind, m.Text, m.Slugs, m.Evidence, r))
		}
		opt.progress(i+1, len(ds))
	}
	rep := newConversationsReport(outs)
	if st.Replies > 0 {
		rep.Streams = &st
	}
	return rep, nil
}

// Streams counts the replies read as server-sent events, and those whose
// "token" events spell the whole answer of the "done" event.
type Streams struct {
	Replies int `json:"replies"`
	Spelled int `json:"spelled"`
}

// ConversationsReport holds the figures per kind of message, for all
// messages after the first ("later"), and for every message.
type ConversationsReport struct {
	ByKind   map[string]Figures `json:"by_kind"`
	Later    Figures            `json:"later"`
	All      Figures            `json:"all"`
	Modes    map[string]int     `json:"modes"`
	Streams  *Streams           `json:"streams,omitempty"`
	Outcomes []Outcome          `json:"outcomes,omitempty"`
	outs     []Outcome
}

func newConversationsReport(outs []Outcome) ConversationsReport {
	return ConversationsReport{Modes: countModes(outs), outs: outs,
		All:    figures(outs),
		Later:  figures(filter(outs, func(o Outcome) bool { return o.Kind != "first" })),
		ByKind: figuresBy(outs, func(o Outcome) string { return o.Kind }),
	}
}

// WithOutcomes returns the report with every outcome in it.
func (r ConversationsReport) WithOutcomes() ConversationsReport {
	r.Outcomes = r.outs
	return r
}

// WriteText prints the report as a table.
func (r ConversationsReport) WriteText(w io.Writer) error {
	var rows []namedFigures
	done := map[string]bool{}
	for _, k := range append(Kinds, sortedKeys(r.ByKind)...) {
		if f, ok := r.ByKind[k]; ok && !done[k] {
			done[k] = true
			rows = append(rows, namedFigures{k, f})
		}
	}
	rows = append(rows, namedFigures{"later", r.Later}, namedFigures{"all", r.All})
	var notes []string
	if s := r.Streams; s != nil {
		notes = append(notes, fmt.Sprintf("streamed: %d of %d replies spelled whole in token events", s.Spelled, s.Replies))
	}
	return writeReport(w, "message", rows, r.Modes, r.Outcomes, notes...)
}
