package ollama

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// Client talks to one Ollama server. It is a los.Chatter.
type Client struct {
	api *api.Client
	url string // the server's base URL without credentials; "" when wrapped
}

var _ los.Chatter = (*Client)(nil)

// New returns a client of the Ollama server at host (OLLAMA_HOST's
// form, for example http://127.0.0.1:11434). Answers stream for as long
// as the caller's context allows: no response deadline is set here.
func New(host string) (*Client, error) {
	u, err := url.Parse(host)
	if err != nil {
		return nil, fmt.Errorf("OLLAMA_HOST: %w", err)
	}
	c := Wrap(api.NewClient(u, &http.Client{Transport: &http.Transport{
		Proxy:                 nil,
		MaxIdleConnsPerHost:   32,
		ResponseHeaderTimeout: 0,
		IdleConnTimeout:       90 * time.Second,
	}}))
	c.url = u.Redacted()
	return c, nil
}

// URL is the server's base URL without credentials ("" for a client made
// with Wrap).
func (c *Client) URL() string { return c.url }

// Wrap returns a Client over an Ollama API client, for example one a test
// built against its own server.
func Wrap(c *api.Client) *Client { return &Client{api: c} }

// Chat sends req to the model and passes each piece of the answer to fn.
// A model the server does not have fails with a *los.Error of code
// ENOTFOUND; other failures are returned as they came.
func (c *Client) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	err := c.api.Chat(ctx, chatRequest(req), func(r api.ChatResponse) error {
		return fn(los.ChatResponse{Content: r.Message.Content, Done: r.Done})
	})
	return chatError(err)
}

// chatRequest is req in Ollama's terms.
func chatRequest(req *los.ChatRequest) *api.ChatRequest {
	stream := req.Stream
	out := &api.ChatRequest{Model: req.Model, Stream: &stream, Options: req.Options, Format: req.Format}
	out.Messages = make([]api.Message, len(req.Messages))
	for i, m := range req.Messages {
		out.Messages[i] = api.Message{Role: m.Role, Content: m.Content}
	}
	return out
}

// chatError maps "model not found" to the domain's ENOTFOUND.
func chatError(err error) error {
	var se api.StatusError
	if errors.As(err, &se) && se.StatusCode == http.StatusNotFound {
		return &los.Error{Code: los.ENOTFOUND, Message: se.Error()}
	}
	return err
}

// embed asks the server for embeddings.
func (c *Client) embed(ctx context.Context, req *api.EmbedRequest) (*api.EmbedResponse, error) {
	return c.api.Embed(ctx, req)
}

// Check is Check for this client's server.
func (c *Client) Check(ctx context.Context, chatModel, embedModel string) Status {
	return Check(ctx, c.api, chatModel, embedModel)
}

// List is List for this client's server.
func (c *Client) List(ctx context.Context, want []string) ([]ModelState, error) {
	return List(ctx, c.api, want)
}

// Pull is Pull for this client's server.
func (c *Client) Pull(ctx context.Context, model string, progress func(status string, completed, total int64)) error {
	return Pull(ctx, c.api, model, progress)
}
