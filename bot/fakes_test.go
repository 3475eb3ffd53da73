package bot_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/lang"
)

// FakeGenerator is a Generator built from a function field.
type FakeGenerator struct {
	ChatFn func(ctx context.Context, req *api.ChatRequest, fn api.ChatResponseFunc) error
}

var _ bot.Generator = (*FakeGenerator)(nil)

func (f *FakeGenerator) Chat(ctx context.Context, req *api.ChatRequest, fn api.ChatResponseFunc) error {
	return f.ChatFn(ctx, req, fn)
}

// streamOf streams the given chunks and a final done.
func streamOf(chunks ...string) *FakeGenerator {
	return &FakeGenerator{ChatFn: func(ctx context.Context, req *api.ChatRequest, fn api.ChatResponseFunc) error {
		for _, c := range chunks {
			if err := fn(api.ChatResponse{Message: api.Message{Role: "assistant", Content: c}}); err != nil {
				return err
			}
		}
		return fn(api.ChatResponse{Done: true, DoneReason: "stop"})
	}}
}

// FakeRetriever returns fixed sources.
type FakeRetriever struct {
	RetrieveFn func(ctx context.Context, q string, limit int) ([]bot.Source, error)
}

// Retrieve ignores the written standard: the fake's sources are fixed.

var _ bot.Retriever = (*FakeRetriever)(nil)

func (f *FakeRetriever) Retrieve(ctx context.Context, q string, _ lang.Standard, limit int) ([]bot.Source, error) {
	return f.RetrieveFn(ctx, q, limit)
}

func fixedSources(s ...bot.Source) *FakeRetriever {
	return &FakeRetriever{RetrieveFn: func(context.Context, string, int) ([]bot.Source, error) { return s, nil }}
}

// FakeTriager returns a fixed category, with Evidence when set.
type FakeTriager struct {
	Category bot.Category
	Evidence bot.Evidence
}

var _ bot.Triager = FakeTriager{}

func (f FakeTriager) Classify(context.Context, string) bot.Triage {
	return bot.Triage{Category: f.Category, Evidence: f.Evidence, Signals: []string{"fake:" + string(f.Category)}}
}

// MemStore is an in-memory Store for unit tests; the SQLite store has its
// own tests against a real database.
type MemStore struct {
	mu    sync.Mutex
	convs map[string]*bot.Conversation
	msgs  map[string][]bot.Message
	next  int64
}

var _ bot.Store = (*MemStore)(nil)

func NewMemStore() *MemStore {
	return &MemStore{convs: map[string]*bot.Conversation{}, msgs: map[string][]bot.Message{}}
}

func (s *MemStore) CreateConversation(_ context.Context, c *bot.Conversation) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Created = time.Now()
	if c.Status == "" {
		c.Status = bot.StatusOpen
	}
	cp := *c
	s.convs[c.ID] = &cp
	return nil
}

func (s *MemStore) Conversation(_ context.Context, id string) (*bot.Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convs[id]
	if !ok {
		return nil, bot.Errorf(bot.ENOTFOUND, "conversation %q not found", id)
	}
	cp := *c
	return &cp, nil
}

func (s *MemStore) SetConversationLang(_ context.Context, id string, l lang.Standard) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.convs[id].Lang = l
	return nil
}

func (s *MemStore) AddTurn(ctx context.Context, customer, reply *bot.Message) error {
	if err := s.AddMessage(ctx, customer); err != nil {
		return err
	}
	return s.AddMessage(ctx, reply)
}

func (s *MemStore) AddMessage(_ context.Context, m *bot.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.convs[m.ConversationID]; !ok {
		return fmt.Errorf("no conversation %q", m.ConversationID)
	}
	s.next++
	m.ID = s.next
	s.msgs[m.ConversationID] = append(s.msgs[m.ConversationID], *m)
	return nil
}

func (s *MemStore) Messages(_ context.Context, id string) ([]bot.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Message(nil), s.msgs[id]...), nil
}

func (s *MemStore) rate(id string, msgID int64, r int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.msgs[id] {
		if s.msgs[id][i].ID == msgID {
			s.msgs[id][i].Rating = r
		}
	}
}

func (s *MemStore) setStatus(id string, st bot.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.convs[id].Status = st
}

// handoffRecorder records handoff requests.
type handoffRecorder struct {
	mu   sync.Mutex
	got  []bot.Triage
	conv []string
}

func (h *handoffRecorder) RequestHandoff(_ context.Context, c *bot.Conversation, t bot.Triage, _ []bot.Message) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, t)
	h.conv = append(h.conv, c.ID)
	return nil
}
