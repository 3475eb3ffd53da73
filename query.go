package los

import "context"

// Query is a customer's message as the retriever should read it in its
// conversation.
type Query struct {
	// Text is the message, or the standalone question a model wrote
	// for it.
	Text string
	// Context holds the earlier customer messages of the same topic that
	// the message builds on, most recent first; empty for a message that
	// stands alone.
	Context []string
	// Topic lists the articles cited for the topic so far, most recent
	// first.
	Topic []string
}

// ContextRetriever is a Retriever that reads a message in its
// conversation. When the bot's Retriever implements it, follow-ups are
// retrieved with their context.
type ContextRetriever interface {
	RetrieveQuery(ctx context.Context, q Query, l Standard, limit int) ([]Source, error)
}

// Rewriter writes the standalone question a customer's message asks in
// its conversation ("og hva koster den?" after a question about 5G
// broadband: "Hva koster bredbånd via 5G?"), with a model. It answers in
// structured form (see Rewrite). The Ollama adapter implements it; the
// bot never waits for it longer than its deadline and falls back to its
// own reading of the conversation when it fails.
type Rewriter interface {
	Rewrite(ctx context.Context, req RewriteRequest) (Rewrite, error)
}

// RewriteRequest is what a Rewriter is given: the conversation so far
// (redacted, as stored), the new message and its written standard.
type RewriteRequest struct {
	History []Message
	Text    string
	Lang    Standard
}

// Rewrite is a Rewriter's answer, the structured output asked of the
// model: {"question": "...", "new_topic": false}.
type Rewrite struct {
	// Question is the message as a question that stands alone, in the
	// customer's written standard.
	Question string `json:"question"`
	// NewTopic is true when the message leaves the earlier topic: the
	// articles cited for it are then not favoured.
	NewTopic bool `json:"new_topic"`
}
