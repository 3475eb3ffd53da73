// Package ollama is Los's adapter to Ollama: it turns the domain's chat
// request (los.ChatRequest) into Ollama's and the streamed answer back,
// embeds texts for the knowledge base, and tells whether the server
// answers, whether the configured chat and embedding models are there, and
// pulls them. A Pool spreads chats and embeddings over several Ollama
// servers and keeps track of their health. It is the only package that
// speaks to Ollama, through github.com/ollama/ollama/api.
package ollama

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Kinds of failure; test with errors.Is.
var (
	//lint:ignore ST1005 Ollama is a name
	ErrUnreachable = errors.New("Ollama unreachable")
	//lint:ignore ST1005 Ollama is a name
	ErrNoNetwork     = errors.New("Ollama has no network access")
	ErrModelNotFound = errors.New("no such model in the Ollama registry")
	ErrStalled       = errors.New("download stalled")
)

// UnreachableError says that the Ollama server did not answer at all.
type UnreachableError struct {
	URL string // the server's base URL, when the error names it
	Err error
}

func (e *UnreachableError) Error() string {
	where := ""
	if e.URL != "" {
		where = " at " + e.URL
	}
	if errors.Is(e.Err, context.DeadlineExceeded) {
		return fmt.Sprintf("Ollama%s did not answer in time (is it overloaded or stuck?)", where)
	}
	return fmt.Sprintf("Ollama unreachable%s (start it with \"ollama serve\")", where)
}

func (e *UnreachableError) Unwrap() []error { return []error{ErrUnreachable, e.Err} }

// unreachable wraps err, a failed request to the Ollama server, naming the
// server's base URL. The api.Client keeps its base URL to itself, but a
// transport error carries the URL of the request.
func unreachable(err error) error {
	return &UnreachableError{URL: serverURL(err), Err: err}
}

// isTransport reports whether err means the request never got an answer from
// the Ollama server (as opposed to an error the server reported).
func isTransport(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue)
}

func serverURL(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return ""
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// offlineSigns are what Go's net package says when a host has no network.
var offlineSigns = []string{
	"no such host",
	"server misbehaving",
	"temporary failure in name resolution",
	"network is unreachable",
	"no route to host",
	"connection refused",
	"connection reset",
	"i/o timeout",
	"tls handshake timeout",
	"dial tcp",
	"dial udp",
}

func looksOffline(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range offlineSigns {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
