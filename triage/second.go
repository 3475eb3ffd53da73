package triage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/los-bot/los"
)

// Defaults of SecondOpinion. DefaultBelow was chosen on messages the rules
// had not been tuned on (the held-out set and two fresh batches, measured
// before they were used for tuning): 8 of the 9 wrong decisions where some
// non-critical rule had fired had a confidence below 0.8; on the held-out
// set, decisions at 0.8 and up were right in 84 of 88 cases, the 4 misses
// being critical or without any cue. About 7-9% of messages fall below 0.8
// (see Report.Calibration), so the model is asked rarely. Misses where no rule fired at all (confidence 1) are
// out of any band's reach; weak "hint" entries in the lexicons exist to
// bring such messages into it.
const (
	DefaultTimeout = 1500 * time.Millisecond
	DefaultBelow   = 0.8
)

// SecondOpinion asks a chat model for a structured classification when
// the decision rests on weak evidence (the learned layer alone, the rules
// only on single words naming nobody or on weak signs together), or when
// the rules found some cue but decided none with a confidence under Below.
//
// Bounds on the model: it is never asked about, and so never lowers or
// changes, a decision resting on clear evidence (a phrase of the lexicons
// about the writer or someone close; see los.EvidenceClear), critical or
// not. Its answer stands when it is none, distress (an offer of a human,
// the mildest action), or a category some unsuppressed rule pointed at,
// however weakly (the "hint" entries exist for this); any other answer is
// rejected, so a confused model cannot send a message about an invoice to
// a crisis line. What it chose rests on weak evidence. On error, timeout
// or an answer that is not one of the categories, the deterministic
// decision stands. Signals record what happened: "model:illness",
// "model:timeout", "model:invalid", "model:error",
// "model:rejected:violence".
type SecondOpinion struct {
	Chat    los.Chatter
	Model   string
	Timeout time.Duration // default DefaultTimeout
	Below   float64       // default DefaultBelow
}

var errInvalid = errors.New("model answer is not a triage category")

func (s *SecondOpinion) wants(a assessment) bool {
	switch a.evidence {
	case los.EvidenceClear:
		return false
	case los.EvidenceWeak:
		return true
	}
	below := s.Below
	if below == 0 {
		below = DefaultBelow
	}
	if a.conf >= below && !a.lowered {
		return false
	}
	for _, c := range a.cue {
		if c {
			return true
		}
	}
	return false
}

// review asks the model and applies its answer to a within the bounds.
func (s *SecondOpinion) review(ctx context.Context, text string, a *assessment) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cat, err := s.ask(ctx, text)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		a.signals = append(a.signals, "model:timeout")
		return
	case errors.Is(err, errInvalid):
		a.signals = append(a.signals, "model:invalid")
		return
	case err != nil:
		a.signals = append(a.signals, "model:error")
		return
	}
	i := catIndex[cat]
	if cat != los.CategoryNone && cat != los.CategoryDistress && !a.cue[i] {
		a.signals = append(a.signals, "model:rejected:"+string(cat))
		return
	}
	a.signals = append(a.signals, "model:"+string(cat))
	if cat == a.category {
		return
	}
	a.category = cat
	a.evidence = los.EvidenceWeak
	if cat == los.CategoryNone {
		a.evidence = los.EvidenceNone
		top := 0.0
		for j, sc := range a.score {
			if los.Categories[j] != los.CategoryNone && sc > top {
				top = sc
			}
		}
		a.conf = 1 - top
		return
	}
	a.conf = a.score[i]
}

func (s *SecondOpinion) ask(ctx context.Context, text string) (los.Category, error) {
	req := &los.ChatRequest{
		Model: s.Model,
		Messages: []los.ChatMessage{
			{Role: los.ChatSystem, Content: systemPrompt},
			{Role: los.ChatUser, Content: text},
		},
		Format:  schema,
		Options: map[string]any{"temperature": 0},
	}
	var out strings.Builder
	err := s.Chat.Chat(ctx, req, func(r los.ChatResponse) error {
		out.WriteString(r.Content)
		return nil
	})
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if err != nil {
		return "", err
	}
	var answer struct {
		Category los.Category `json:"category"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out.String())), &answer); err != nil {
		return "", fmt.Errorf("%w: %v", errInvalid, err)
	}
	if !answer.Category.Valid() {
		return "", fmt.Errorf("%w: %q", errInvalid, answer.Category)
	}
	return answer.Category, nil
}

// schema is the JSON schema the model's answer must follow.
var schema = func() json.RawMessage {
	enum := make([]string, len(los.Categories))
	for i, c := range los.Categories {
		enum[i] = string(c)
	}
	b, err := json.Marshal(map[string]any{
		"type": "object",
		"properties": map[string]any{
			"category": map[string]any{"type": "string", "enum": enum},
		},
		"required": []string{"category"},
	})
	if err != nil {
		panic(err) // a constant structure always marshals
	}
	return b
}()

const systemPrompt = `You triage customer messages to a Norwegian electricity and broadband company. The message is in Norwegian Bokmål, Nynorsk or English. Classify the writer's situation into exactly one category and answer with JSON {"category": "..."}.

self_harm: the writer has suicidal thoughts, wants to die or harms themself.
violence: threats, violence or stalking; someone is at risk.
bereavement: a close person died, or estate (dødsbo) matters.
illness: serious illness, hospital stay or diagnosis of the writer or a close person.
financial_hardship: cannot pay, debt collection (inkasso), wage garnishment, lost job.
fraud_victim: the writer was scammed, had their identity stolen or account hacked.
distress: strong anger, despair, crying, many failed contacts, threats to go to the media or Forbrukerrådet.
vulnerable: very old, dementia, blind, reading or language difficulties, or writing on behalf of such a person.
human_request: explicitly asks to talk to a human.
none: everything else, including figurative language ("jeg døde av latter", "batteriet er dødt", "drepende kjedelig", "slå plenen"), negations ("jeg er ikke syk"), general questions about products, payments or scam messages, and mild irritation.

If several apply, choose the first in this list.`
