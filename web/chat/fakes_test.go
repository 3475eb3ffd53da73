package chat_test

import (
	"context"
	"sync"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/chat"
)

// Fakes of what the customer side uses: each method calls its function
// field; one left nil answers "not found" or does nothing.

type fakeConversations struct {
	CreateConversationFunc    func(ctx context.Context, c *los.Conversation) error
	ConversationFunc          func(ctx context.Context, id string) (*los.Conversation, error)
	MessagesFunc              func(ctx context.Context, id string) ([]los.Message, error)
	RateMessageFunc           func(ctx context.Context, id string, messageID int64, rating int) error
	CitedTitlesFunc           func(ctx context.Context, id string) (map[string]string, error)
	CloseByCustomerFunc       func(ctx context.Context, id, notice string) (bool, error)
	CloseIdleConversationFunc func(ctx context.Context, id string, before time.Time) (bool, error)
	DeleteConversationFunc    func(ctx context.Context, id string) error
	CreateCallbackFunc        func(ctx context.Context, cb *los.Callback) error
	CallbackPendingFunc       func(ctx context.Context, id string) (bool, error)
	HolderNameFunc            func(ctx context.Context, id string) (string, error)
	SetCSATFunc               func(ctx context.Context, c *los.CSAT) error
	CSATOfFunc                func(ctx context.Context, id string) (*los.CSAT, error)
}

var _ chat.Conversations = (*fakeConversations)(nil)

var errNotFound = &los.Error{Code: los.ENOTFOUND, Message: "not found"}

func (f *fakeConversations) CreateConversation(ctx context.Context, c *los.Conversation) error {
	if f.CreateConversationFunc == nil {
		return nil
	}
	return f.CreateConversationFunc(ctx, c)
}

func (f *fakeConversations) Conversation(ctx context.Context, id string) (*los.Conversation, error) {
	if f.ConversationFunc == nil {
		return nil, errNotFound
	}
	return f.ConversationFunc(ctx, id)
}

func (f *fakeConversations) Messages(ctx context.Context, id string) ([]los.Message, error) {
	if f.MessagesFunc == nil {
		return nil, nil
	}
	return f.MessagesFunc(ctx, id)
}

func (f *fakeConversations) RateMessage(ctx context.Context, id string, messageID int64, rating int) error {
	if f.RateMessageFunc == nil {
		return nil
	}
	return f.RateMessageFunc(ctx, id, messageID, rating)
}

func (f *fakeConversations) CitedTitles(ctx context.Context, id string) (map[string]string, error) {
	if f.CitedTitlesFunc == nil {
		return nil, nil
	}
	return f.CitedTitlesFunc(ctx, id)
}

func (f *fakeConversations) CloseByCustomer(ctx context.Context, id, notice string) (bool, error) {
	if f.CloseByCustomerFunc == nil {
		return false, nil
	}
	return f.CloseByCustomerFunc(ctx, id, notice)
}

func (f *fakeConversations) CloseIdleConversation(ctx context.Context, id string, before time.Time) (bool, error) {
	if f.CloseIdleConversationFunc == nil {
		return false, nil
	}
	return f.CloseIdleConversationFunc(ctx, id, before)
}

func (f *fakeConversations) DeleteConversation(ctx context.Context, id string) error {
	if f.DeleteConversationFunc == nil {
		return nil
	}
	return f.DeleteConversationFunc(ctx, id)
}

func (f *fakeConversations) CreateCallback(ctx context.Context, cb *los.Callback) error {
	if f.CreateCallbackFunc == nil {
		return nil
	}
	return f.CreateCallbackFunc(ctx, cb)
}

func (f *fakeConversations) CallbackPending(ctx context.Context, id string) (bool, error) {
	if f.CallbackPendingFunc == nil {
		return false, nil
	}
	return f.CallbackPendingFunc(ctx, id)
}

func (f *fakeConversations) HolderName(ctx context.Context, id string) (string, error) {
	if f.HolderNameFunc == nil {
		return "", nil
	}
	return f.HolderNameFunc(ctx, id)
}

func (f *fakeConversations) SetCSAT(ctx context.Context, c *los.CSAT) error {
	if f.SetCSATFunc == nil {
		return nil
	}
	return f.SetCSATFunc(ctx, c)
}

func (f *fakeConversations) CSATOf(ctx context.Context, id string) (*los.CSAT, error) {
	if f.CSATOfFunc == nil {
		return nil, errNotFound
	}
	return f.CSATOfFunc(ctx, id)
}

type fakeBot struct {
	TurnFunc         func(ctx context.Context, req los.TurnRequest) (los.Result, error)
	RequestHumanFunc func(ctx context.Context, conv *los.Conversation, l los.Standard) (los.Result, error)
}

var _ chat.Bot = (*fakeBot)(nil)

func (f *fakeBot) Turn(ctx context.Context, req los.TurnRequest) (los.Result, error) {
	return f.TurnFunc(ctx, req)
}

func (f *fakeBot) RequestHuman(ctx context.Context, conv *los.Conversation, l los.Standard) (los.Result, error) {
	return f.RequestHumanFunc(ctx, conv, l)
}

type fakeArticles struct {
	ArticlesFunc func(ctx context.Context) ([]kb.Article, error)
	ArticleFunc  func(ctx context.Context, slug string) (kb.Article, error)
}

var _ chat.Articles = (*fakeArticles)(nil)

func (f *fakeArticles) Articles(ctx context.Context) ([]kb.Article, error) {
	return f.ArticlesFunc(ctx)
}
func (f *fakeArticles) Article(ctx context.Context, slug string) (kb.Article, error) {
	return f.ArticleFunc(ctx, slug)
}

type fakeSearcher func(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error)

var _ chat.Searcher = fakeSearcher(nil)

func (f fakeSearcher) Search(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error) {
	return f(ctx, q, opts)
}

// published records what was published.
type published struct {
	mu      sync.Mutex
	changes []hub.Change
}

var _ chat.Publisher = (*published)(nil)

func (p *published) Publish(changes ...hub.Change) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.changes = append(p.changes, changes...)
}

func (p *published) all() []hub.Change {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]hub.Change(nil), p.changes...)
}
