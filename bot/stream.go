package bot

import (
	"strings"
	"sync"
)

// streamer passes a turn's text on to Request.OnToken and remembers it,
// so that what was not streamed (an extractive answer, a handoff text, an
// offer added after a generated answer) can be sent the same way: the
// chat shows every answer as it arrives, whoever wrote it.
type streamer struct {
	mu   sync.Mutex
	to   func(string)
	sent strings.Builder
}

// onToken returns the function to stream through, or nil when nobody
// listens.
func (s *streamer) onToken() func(string) {
	if s.to == nil {
		return nil
	}
	return func(tok string) {
		s.mu.Lock()
		s.sent.WriteString(tok)
		s.mu.Unlock()
		s.to(tok)
	}
}

// finish streams what answer adds to the text sent so far. When the two
// differ (a generation that broke off and was replaced), it sends
// nothing: the final answer supersedes the tokens.
func (s *streamer) finish(answer string) {
	if s.to == nil {
		return
	}
	s.mu.Lock()
	sent := s.sent.String()
	s.mu.Unlock()
	rest, ok := strings.CutPrefix(answer, sent)
	if !ok {
		return
	}
	for _, chunk := range chunks(rest) {
		s.to(chunk)
	}
}

// chunkSize is about how many bytes each streamed piece of a finished
// text holds.
const chunkSize = 48

// chunks cuts text into pieces of about chunkSize bytes, after a space or
// a line break, that join up to text again.
func chunks(text string) []string {
	var out []string
	for len(text) > chunkSize {
		cut := strings.IndexAny(text[chunkSize:], " \n")
		if cut < 0 {
			break
		}
		cut += chunkSize + 1
		out = append(out, text[:cut])
		text = text[cut:]
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}
