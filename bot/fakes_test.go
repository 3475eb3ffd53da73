package bot_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// FakeGenerator is a Generator built from a function field.
type FakeGenerator struct {
	ChatFn func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error
}

var _ los.Chatter = (*FakeGenerator)(nil)

func (f *FakeGenerator) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	return f.ChatFn(ctx, req, fn)
}

// streamOf streams the given chunks and a final done.
func streamOf(chunks ...string) *FakeGenerator {
	return &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		for _, c := range chunks {
			if err := fn(los.ChatResponse{Content: c}); err != nil {
				return err
			}
		}
		return fn(los.ChatResponse{Done: true})
	}}
}

// FakeRetriever returns fixed sources.
type FakeRetriever struct {
	RetrieveFn func(ctx context.Context, q string, limit int) ([]los.Source, error)
}

// Retrieve ignores the written standard: the fake's sources are fixed.

var _ los.Retriever = (*FakeRetriever)(nil)

func (f *FakeRetriever) Retrieve(ctx context.Context, q string, _ los.Standard, limit int) ([]los.Source, error) {
	return f.RetrieveFn(ctx, q, limit)
}

func fixedSources(s ...los.Source) *FakeRetriever {
	return &FakeRetriever{RetrieveFn: func(context.Context, string, int) ([]los.Source, error) { return s, nil }}
}

// FakeTriager returns a fixed category, with Evidence when set.
type FakeTriager struct {
	Category los.Category
	Evidence los.Evidence
}

var _ los.Triager = FakeTriager{}

func (f FakeTriager) Classify(context.Context, string) los.Triage {
	return los.Triage{Category: f.Category, Evidence: f.Evidence, Signals: []string{"fake:" + string(f.Category)}}
}

// MemStore is an in-memory Store for unit tests; the SQLite store has its
// own tests against a real database.
type MemStore struct {
	mu    sync.Mutex
	convs map[string]*los.Conversation
	msgs  map[string][]los.Message
	next  int64
}

var _ bot.Store = (*MemStore)(nil)

func NewMemStore() *MemStore {
	return &MemStore{convs: map[string]*los.Conversation{}, msgs: map[string][]los.Message{}}
}

func (s *MemStore) CreateConversation(_ context.Context, c *los.Conversation) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Created = time.Now()
	if c.Status == "" {
		c.Status = los.StatusOpen
	}
	cp := *c
	s.convs[c.ID] = &cp
	return nil
}

func (s *MemStore) Conversation(_ context.Context, id string) (*los.Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convs[id]
	if !ok {
		return nil, los.Errorf(los.ENOTFOUND, "conversation %q not found", id)
	}
	cp := *c
	return &cp, nil
}

func (s *MemStore) SetConversationLang(_ context.Context, id string, l los.Standard) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.convs[id].Lang = l
	return nil
}

func (s *MemStore) AddTurn(ctx context.Context, customer, reply *los.Message) error {
	if err := s.AddMessage(ctx, customer); err != nil {
		return err
	}
	reply.ClientID = customer.ClientID
	return s.AddMessage(ctx, reply)
}

// AddMessage stores m once per conversation, role and client ID, as the
// real store does.
func (s *MemStore) AddMessage(_ context.Context, m *los.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.convs[m.ConversationID]; !ok {
		return fmt.Errorf("no conversation %q", m.ConversationID)
	}
	if stored := s.byClientID(m.ConversationID, m.ClientID, m.Role); stored != nil {
		*m = *stored
		m.Repeat = true
		return nil
	}
	s.next++
	m.ID = s.next
	s.msgs[m.ConversationID] = append(s.msgs[m.ConversationID], *m)
	return nil
}

func (s *MemStore) ClientTurn(_ context.Context, conv, clientID string) (customer, reply *los.Message, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byClientID(conv, clientID, los.RoleCustomer), s.byClientID(conv, clientID, los.RoleBot), nil
}

func (s *MemStore) byClientID(conv, clientID string, role los.Role) *los.Message {
	for _, m := range s.msgs[conv] {
		if clientID != "" && m.ClientID == clientID && m.Role == role {
			return &m
		}
	}
	return nil
}

func (s *MemStore) Messages(_ context.Context, id string) ([]los.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]los.Message(nil), s.msgs[id]...), nil
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

func (s *MemStore) setStatus(id string, st los.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.convs[id].Status = st
}

// handoffRecorder records handoff requests.
type handoffRecorder struct {
	mu      sync.Mutex
	store   *MemStore
	got     []los.Handoff
	conv    []string
	replies []los.Message
}

func (h *handoffRecorder) RequestHandoff(_ context.Context, c *los.Conversation, ho *los.Handoff) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, *ho)
	h.conv = append(h.conv, c.ID)
	return nil
}

// HandOver stores the reply in store, as the real store does in the
// same transaction, and records the handoff.
func (h *handoffRecorder) HandOver(ctx context.Context, c *los.Conversation, reply *los.Message, ho *los.Handoff) error {
	if h.store != nil {
		if err := h.store.AddMessage(ctx, reply); err != nil {
			return err
		}
	}
	h.mu.Lock()
	h.replies = append(h.replies, *reply)
	h.mu.Unlock()
	return h.RequestHandoff(ctx, c, ho)
}
