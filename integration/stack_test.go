package integration

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/internal/ollamatest"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/prompts"
	"github.com/los-bot/los/redact"
	"github.com/los-bot/los/retrieve"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/triage"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/chat"
)

// question is answered by the demo knowledge base and fires no triage rule,
// so no second opinion is asked of the model.
const question = "Hvordan endrer jeg fakturaadressen min?"

// tinyOptions make the tiny model answer the same 16 tokens every time.
func tinyOptions() map[string]any {
	return map[string]any{"temperature": 0, "seed": 1, "num_predict": 16}
}

// startOllama starts a real Ollama server and creates on it a variant of
// the harness's tiny model that runs on one thread, and returns its name.
// On a 2-core machine shared with the test binary (and, in CI, with other
// test binaries), llama.cpp's default of one busy-waiting thread per core
// makes each request up to 30 times slower.
func startOllama(t testing.TB) (*ollamatest.Server, string) {
	t.Helper()
	srv := ollamatest.Start(t)
	const name = "tiny-1t"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Client.Create(ctx, &api.CreateRequest{Model: name, From: srv.Model,
		Parameters: map[string]any{"num_thread": 1}}, func(api.ProgressResponse) error { return nil })
	if err != nil {
		t.Fatalf("creating %s: %v", name, err)
	}
	return srv, name
}

// stack is Los wired as cmd/los/app.go wires it, against a real Ollama
// server: SQLite in a temporary directory, a Bleve index of the demo
// knowledge base on disk, the built-in triage and redaction, and the HTTP
// API on a loopback port.
type stack struct {
	ollama *ollamatest.Server
	model  string
	db     *store.DB
	index  *kb.Index
	bot    *bot.Bot
	cfg    bot.Config // the parts bot was built from, for retune
	http   *httptest.Server
	logs   *syncBuffer
}

// newStack builds the stack; tune may change the bot's configuration (its
// defaults: model, tinyOptions, generous deadlines).
func newStack(t testing.TB, srv *ollamatest.Server, model string, tune func(*bot.Config)) *stack {
	t.Helper()
	return buildStack(t, srv, model, stackOptions{bot: tune})
}

// stackOptions vary the stack.
type stackOptions struct {
	bot      func(*bot.Config)
	embedder kb.Embedder  // for hybrid search; nil: keywords only
	articles []kb.Article // nil: the demo knowledge base
}

func buildStack(t testing.TB, srv *ollamatest.Server, model string, o stackOptions) *stack {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	articles := o.articles
	if articles == nil {
		if articles, err = kb.Demo(); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.ImportArticles(ctx, articles); err != nil {
		t.Fatal(err)
	}
	ix, err := kb.Open(filepath.Join(dir, "index"), kb.Options{Embedder: o.embedder})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	rev, err := db.KBRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(ctx, articles, rev, nil); err != nil {
		t.Fatal(err)
	}
	classifier, err := triage.NewDefault(triage.WithSecondOpinion(triage.SecondOpinion{Chat: ollama.Wrap(srv.Client), Model: model}))
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := redact.ParseKinds("all") // Los's default, LOS_REDACT
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	texts := locales.MustLoad()
	cfg := bot.Config{
		Retriever:  retrieve.Index{Index: ix},
		Generator:  ollama.Wrap(srv.Client),
		Store:      db,
		Handoffs:   db,
		Summaries:  db,
		Triager:    classifier,
		Redactor:   redact.New(kinds.Kinds()...),
		Prompter:   prompts.MustLoad(),
		Texts:      texts,
		Log:        slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		ChatModel:  model,
		FirstToken: 20 * time.Second,
		Generation: 40 * time.Second,
		Options:    tinyOptions(),
	}
	if o.bot != nil {
		o.bot(&cfg)
	}
	b := bot.New(cfg)
	// The customers' side of Los, as cmd/los wires it.
	ws := web.New(web.Config{Texts: texts, Log: cfg.Log, Accounts: db, Audit: db, Store: db, Index: ix,
		RatePerIP: 1000, RatePerConversation: 1000})
	chat.Routes(ws, chat.Deps{Conversations: db, Bot: b, Articles: db, Search: ix, Hub: hub.New(), Redactor: cfg.Redactor})
	hs := httptest.NewServer(ws.Handler())
	t.Cleanup(hs.Close)
	return &stack{ollama: srv, model: model, db: db, index: ix, bot: b, cfg: cfg, http: hs, logs: logs}
}

// retune replaces the bot of bot-level turns with one built from the
// stack's parts changed by tune; the HTTP server keeps its own.
func (s *stack) retune(tune func(*bot.Config)) {
	tune(&s.cfg)
	s.bot = bot.New(s.cfg)
}

// conversation creates a stored conversation for bot-level turns.
func (s *stack) conversation(t testing.TB, id string) string {
	t.Helper()
	if err := s.db.CreateConversation(context.Background(), &los.Conversation{ID: id, Status: los.StatusOpen, TokenHash: make([]byte, 32)}); err != nil {
		t.Fatal(err)
	}
	return id
}

// turn runs one bot turn in conversation id and returns the tokens streamed.
func (s *stack) turn(t testing.TB, id string, onToken func(string)) (los.Result, []string) {
	t.Helper()
	var tokens []string
	res, err := s.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: question,
		OnToken: func(tok string) {
			tokens = append(tokens, tok)
			if onToken != nil {
				onToken(tok)
			}
		}})
	if err != nil {
		t.Fatalf("turn: %v", err)
	}
	return res, tokens
}

// replies returns the bot messages stored in conversation id.
func (s *stack) replies(t testing.TB, id string) []los.Message {
	t.Helper()
	msgs, err := s.db.Messages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []los.Message
	for _, m := range msgs {
		if m.Role == los.RoleBot {
			out = append(out, m)
		}
	}
	return out
}

// request sends an API request and returns the response with its body read.
func (s *stack) request(t testing.TB, method, path, token, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	resp, b, err := s.do(method, path, token, body, header...)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// do is request for goroutines other than the test's.
func (s *stack) do(method, path, token, body string, header ...string) (*http.Response, []byte, error) {
	req, err := http.NewRequest(method, s.http.URL+path, strings.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.http.Client().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// start creates a conversation over the API.
func (s *stack) start(t testing.TB) (id, token string) {
	t.Helper()
	resp, body := s.request(t, "POST", "/api/v1/conversations", "", "")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create conversation: %d %s", resp.StatusCode, body)
	}
	var c struct{ ID, Token string }
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatalf("create conversation: %s: %v", body, err)
	}
	return c.ID, c.Token
}

// event is one server-sent event.
type event struct {
	name string
	data string
}

// stream posts a message asking for server-sent events and returns them.
func (s *stack) stream(t testing.TB, id, token, text string) []event {
	t.Helper()
	events, err := s.streamErr(id, token, text)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// streamErr is stream for goroutines other than the test's.
func (s *stack) streamErr(id, token, text string) ([]event, error) {
	body, _ := json.Marshal(map[string]string{"text": text})
	resp, raw, err := s.do("POST", "/api/v1/conversations/"+id+"/messages", token, string(body),
		"Accept", "text/event-stream")
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return nil, fmt.Errorf("stream: %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
	var events []event
	var cur event
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if cur.name != "" {
				events = append(events, cur)
			}
			cur = event{}
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.data += strings.TrimPrefix(line, "data: ")
		}
	}
	return events, sc.Err()
}

// turnResult is the part of a turn's JSON the tests read.
type turnResult struct {
	Answer    string   `json:"answer"`
	Mode      string   `json:"mode"`
	Citations []string `json:"citations"`
	MessageID int64    `json:"message_id"`
}

// syncBuffer is a log sink that concurrent turns may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns the log lines that contain every one of parts.
func (b *syncBuffer) lines(parts ...string) []string {
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		ok := line != ""
		for _, p := range parts {
			ok = ok && strings.Contains(line, p)
		}
		if ok {
			out = append(out, line)
		}
	}
	return out
}
