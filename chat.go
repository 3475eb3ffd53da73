package los

import (
	"context"
	"encoding/json"
	"errors"
)

// The roles of chat messages sent to a model.
const (
	ChatSystem    = "system"
	ChatUser      = "user"
	ChatAssistant = "assistant"
)

// ChatMessage is one message of a chat with a model.
type ChatMessage struct {
	Role    string // ChatSystem, ChatUser or ChatAssistant
	Content string
}

// ChatRequest asks a chat model to answer. The ollama package turns it
// into Ollama's request.
type ChatRequest struct {
	Model    string
	Messages []ChatMessage
	// Stream asks for the answer in pieces as it is written; otherwise it
	// comes in one response.
	Stream bool
	// Format, when set, is a JSON schema the answer must follow
	// (structured output).
	Format json.RawMessage
	// Options are passed to the model (temperature, num_predict, ...).
	Options map[string]any
}

// ChatResponse is a piece of a model's answer; the last has Done set.
type ChatResponse struct {
	Content string
	Done    bool
}

// ChatFunc receives each piece of an answer; an error stops the chat.
type ChatFunc func(ChatResponse) error

// Chatter is a chat model. A model the server does not have fails with an
// *Error of code ENOTFOUND; every server being busy fails with an *Error
// of code EUNAVAILABLE; the server being away fails with any other error.
// A stream that ends without a response with Done set has failed, even
// when Chat returns nil.
type Chatter interface {
	Chat(ctx context.Context, req *ChatRequest, fn ChatFunc) error
}

// ErrTooSlow is the cause (see context.Cause) a caller gives a chat it
// cancels because the model was too slow: no first token in time, or a
// stall between two tokens. A Chatter over several servers counts it
// against the server that was slow; other cancellations are the caller's
// own business.
var ErrTooSlow = errors.New("model too slow")
