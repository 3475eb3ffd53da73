package ollama

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// Rewriter writes the standalone question of a customer's message in its
// conversation with a chat model, in structured output ({"question",
// "new_topic"}). The bot bounds the call with its own deadline and falls
// back to reading the conversation itself on any error; Rewriter only
// asks, and refuses what is not a usable answer.
type Rewriter struct {
	Chat  los.Chatter
	Model string
	// Options are passed to the model; nil: temperature 0 and at most
	// maxRewriteTokens tokens.
	Options map[string]any
}

var _ los.Rewriter = (*Rewriter)(nil)

// ErrRewrite marks a model answer that is not a usable standalone
// question: not the JSON asked for, or an empty question.
var ErrRewrite = errors.New("ollama: the model's answer is not a standalone question")

// Limits of what the model is shown and may write.
const (
	// rewriteTurns is how many of the latest messages the model sees.
	rewriteTurns = 6
	// rewriteRunes bounds each message shown, in characters.
	rewriteRunes = 300
	// maxRewriteTokens bounds the answer: a question and a flag.
	maxRewriteTokens = 96
)

// Rewrite asks the model for the standalone question of req.Text.
func (r *Rewriter) Rewrite(ctx context.Context, req los.RewriteRequest) (los.Rewrite, error) {
	opts := r.Options
	if opts == nil {
		opts = map[string]any{"temperature": 0, "num_predict": maxRewriteTokens}
	}
	chat := &los.ChatRequest{
		Model: r.Model,
		Messages: []los.ChatMessage{
			{Role: los.ChatSystem, Content: rewritePrompt},
			{Role: los.ChatUser, Content: rewriteInput(req)},
		},
		Format:  rewriteSchema,
		Options: opts,
	}
	var out strings.Builder
	err := r.Chat.Chat(ctx, chat, func(resp los.ChatResponse) error {
		out.WriteString(resp.Content)
		return nil
	})
	if ctx.Err() != nil {
		return los.Rewrite{}, ctx.Err()
	}
	if err != nil {
		return los.Rewrite{}, err
	}
	var rw los.Rewrite
	if err := json.Unmarshal([]byte(strings.TrimSpace(out.String())), &rw); err != nil {
		return los.Rewrite{}, fmt.Errorf("%w: %v", ErrRewrite, err)
	}
	rw.Question = strings.Join(strings.Fields(rw.Question), " ")
	if rw.Question == "" || !utf8.ValidString(rw.Question) || utf8.RuneCountInString(rw.Question) > los.MaxQuestionRunes {
		return los.Rewrite{}, fmt.Errorf("%w: question %q", ErrRewrite, rw.Question)
	}
	return rw, nil
}

// rewriteInput shows the model the latest messages, each cut short, and
// the message to rewrite.
func rewriteInput(req los.RewriteRequest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Language: %s\n\nConversation so far:\n", languageName(req.Lang))
	history := req.History
	if len(history) > rewriteTurns {
		history = history[len(history)-rewriteTurns:]
	}
	for _, m := range history {
		who := "Customer"
		switch m.Role {
		case los.RoleCustomer:
		case los.RoleBot:
			who = "Assistant"
		case los.RoleAgent:
			who = "Agent"
		default:
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", who, cut(m.Text, rewriteRunes))
	}
	fmt.Fprintf(&b, "\nNew customer message: %s\n", cut(req.Text, rewriteRunes))
	return b.String()
}

func languageName(l los.Standard) string {
	switch l {
	case los.Nynorsk:
		return "Norwegian Nynorsk"
	case los.English:
		return "English"
	}
	return "Norwegian Bokmål"
}

// cut shortens text to at most n characters, on one line.
func cut(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)
	return string(r[:n]) + " …"
}

// rewriteSchema is the JSON schema of the answer.
var rewriteSchema = json.RawMessage(`{"type":"object","properties":{"question":{"type":"string"},"new_topic":{"type":"boolean"}},"required":["question","new_topic"]}`)

const rewritePrompt = `You help the search of a Norwegian electricity and broadband company's customer service. Rewrite the customer's new message as one question that can be understood without the conversation: put in what the new message refers to ("den", "det", "ho", "that one", "og hva koster ...?") from the earlier messages, keep the customer's own words otherwise, and write it in the language given. Do not answer the question. If the new message is about something else than the conversation so far, set new_topic to true and keep the message as it is. Answer with JSON {"question": "...", "new_topic": false}.`
