// Package storetest is the suite every implementation of Los's store must
// pass: the SQLite store runs it today, and a PostgreSQL store will run
// the same. It declares the store's services by area, as interfaces, and
// tests them through those interfaces alone: nothing here knows which
// database is underneath.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
)

// Store is every area's service in one value, plus the clock tests set.
type Store interface {
	Conversations
	Handoffs
	Desk
	Articles
	Users
	APIKeys
	Webhooks
	Analytics
	Audit
	Presence
	// SetClock replaces the store's clock (when rows are written).
	SetClock(now func() time.Time)
}

// Opener returns a new, empty store for one test, closed when the test
// ends.
type Opener func(t *testing.T) Store

// Conversations is conversations and their messages, closing, retention and satisfaction.
type Conversations interface {
	CreateConversation(ctx context.Context, c *los.Conversation) error
	Conversation(ctx context.Context, id string) (*los.Conversation, error)
	SetConversationLang(ctx context.Context, id string, l los.Standard) error
	SetConversationStatus(ctx context.Context, id string, status los.Status) error
	AddTurn(ctx context.Context, customer, reply *los.Message) error
	AddMessage(ctx context.Context, m *los.Message) error
	Messages(ctx context.Context, conversationID string) ([]los.Message, error)
	ClientTurn(ctx context.Context, conversationID, clientID string) (customer, reply *los.Message, err error)
	RateMessage(ctx context.Context, conversationID string, messageID int64, rating int) error
	CloseByCustomer(ctx context.Context, conversationID, notice string) (bool, error)
	CloseIdle(ctx context.Context, before time.Time) (int, error)
	CloseIdleConversation(ctx context.Context, id string, before time.Time) (bool, error)
	DeleteConversation(ctx context.Context, id string) error
	Purge(ctx context.Context, r store.Retention) (int64, error)
	SetCSAT(ctx context.Context, c *los.CSAT) error
	CSATOf(ctx context.Context, conversationID string) (*los.CSAT, error)
	CitedTitles(ctx context.Context, conversationID string) (map[string]string, error)
}

// Handoffs is the agents' queue: handoffs, claiming, replying, closing, call-backs.
type Handoffs interface {
	RequestHandoff(ctx context.Context, conv *los.Conversation, h *los.Handoff) error
	HandOver(ctx context.Context, conv *los.Conversation, reply *los.Message, h *los.Handoff) error
	Queue(ctx context.Context) ([]los.Handoff, error)
	SetHandoffSummary(ctx context.Context, conversationID, summary string) error
	Claim(ctx context.Context, conversationID, agent, notice string) (*los.Handoff, error)
	AgentReply(ctx context.Context, conversationID, agent, text string) (*los.Message, error)
	HandBack(ctx context.Context, conversationID, agent, notice string) error
	CloseConversation(ctx context.Context, conversationID, agent, outcome, notice string) error
	LatestHandoff(ctx context.Context, conversationID string) (*los.Handoff, error)
	HolderName(ctx context.Context, conversationID string) (string, error)
	CreateCallback(ctx context.Context, cb *los.Callback) error
	Callbacks(ctx context.Context) ([]los.Callback, error)
	CompleteCallback(ctx context.Context, id int64, agent string) error
	CallbackPending(ctx context.Context, conversationID string) (bool, error)
}

// Desk is what the agents' desk reads beyond the queue: the queue as it
// lists it, search, a customer's earlier conversations, internal notes
// and canned responses.
type Desk interface {
	DeskQueue(ctx context.Context, ids ...string) ([]los.QueueItem, error)
	SearchConversations(ctx context.Context, q los.ConversationQuery) ([]los.ConversationSummary, error)
	EarlierConversations(ctx context.Context, id string, limit int) ([]los.ConversationSummary, error)
	AddNote(ctx context.Context, n *los.Note) error
	Notes(ctx context.Context, conversationID string) ([]los.Note, error)
	CannedResponses(ctx context.Context, l los.Standard) ([]los.CannedResponse, error)
	SaveCannedResponse(ctx context.Context, c *los.CannedResponse, author string) error
	DeleteCannedResponse(ctx context.Context, id int64) error
}

// Articles is the knowledge base as customers see it and as editors edit it.
type Articles interface {
	ImportArticles(ctx context.Context, articles []kb.Article) error
	Articles(ctx context.Context) ([]kb.Article, error)
	Article(ctx context.Context, slug string) (kb.Article, error)
	CountArticles(ctx context.Context) (int, error)
	KBRevision(ctx context.Context) (string, error)
	EditorArticles(ctx context.Context, deleted bool) ([]kb.EditorArticle, error)
	EditorArticle(ctx context.Context, slug string) (kb.EditorArticle, error)
	CreateArticle(ctx context.Context, a kb.Article, author string) (kb.EditorArticle, error)
	SaveArticle(ctx context.Context, a kb.Article, base int, author string) (kb.EditorArticle, error)
	AddQuestion(ctx context.Context, slug, question, author string) (kb.EditorArticle, error)
	Publish(ctx context.Context, slug string, base int, author string) (kb.EditorArticle, error)
	Archive(ctx context.Context, slug string) (kb.EditorArticle, error)
	Unarchive(ctx context.Context, slug string) (kb.EditorArticle, error)
	Delete(ctx context.Context, slug, author string) (kb.EditorArticle, error)
	Restore(ctx context.Context, slug string) (kb.EditorArticle, error)
	Rollback(ctx context.Context, slug string, target, base int, author string, publish bool) (kb.EditorArticle, error)
	Versions(ctx context.Context, slug string) ([]kb.ArticleVersion, error)
	Version(ctx context.Context, slug string, version int) (kb.ArticleVersion, error)
	Synonyms(ctx context.Context) (syn kb.StoredSynonyms, ok bool, err error)
	SetSynonyms(ctx context.Context, text, author string) (kb.StoredSynonyms, error)
	GapQuestions(ctx context.Context, since time.Time, limit int) ([]kb.GapQuestion, error)
	PlanImport(ctx context.Context, articles []kb.Article) ([]kb.ImportChange, error)
	CommitImport(ctx context.Context, imp kb.Import, check func([]kb.ImportChange) error) ([]kb.ImportChange, error)
	RemoveUnchanged(ctx context.Context, articles []kb.Article, author string) (removed, changed []string, err error)
	WouldRemoveUnchanged(ctx context.Context, articles []kb.Article) (removed, changed []string, err error)
	Twins(ctx context.Context, slug string) ([]kb.Twin, error)
	Link(ctx context.Context, slug, twin string) ([]string, error)
	Unlink(ctx context.Context, slug string) ([]string, error)
	CreateTwin(ctx context.Context, source string, a kb.Article, author string) (kb.EditorArticle, error)
}

// Users is accounts and their sessions.
type Users interface {
	CreateUser(ctx context.Context, u *auth.User) error
	UserByEmail(ctx context.Context, email string) (*auth.User, error)
	Users(ctx context.Context) ([]auth.User, error)
	SetPassword(ctx context.Context, email, hash string) error
	SetDisplayName(ctx context.Context, email, name string) error
	CreateSession(ctx context.Context, sess *auth.Session) error
	Session(ctx context.Context, tokenHash []byte) (*auth.Session, *auth.User, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
	SetUserDisabled(ctx context.Context, email string, disabled bool) error
	SetUserRole(ctx context.Context, email string, role auth.Role) error
	DeleteUser(ctx context.Context, email string) error
	ResetTOTP(ctx context.Context, email string) error
	SetTOTP(ctx context.Context, id int64, secret string, codes [][]byte) error
	UseTOTPStep(ctx context.Context, id, step int64) (bool, error)
	UseRecoveryCode(ctx context.Context, id int64, hash []byte) (bool, error)
}

// APIKeys is integrators' API keys.
type APIKeys interface {
	CreateAPIKey(ctx context.Context, k *auth.APIKey) error
	NewAPIKey(ctx context.Context, name string, scopes []auth.Scope) (string, *auth.APIKey, error)
	NewAPIKeyUntil(ctx context.Context, name string, scopes []auth.Scope, expires time.Time) (string, *auth.APIKey, error)
	APIKeys(ctx context.Context) ([]auth.APIKey, error)
	APIKeyByHash(ctx context.Context, hash []byte) (*auth.APIKey, error)
	TouchAPIKey(ctx context.Context, id int64, at time.Time) error
	RevokeAPIKey(ctx context.Context, id int64) error
}

// Webhooks is webhook subscriptions, the events outbox and deliveries.
type Webhooks interface {
	CreateWebhook(ctx context.Context, w *los.Webhook) error
	Webhooks(ctx context.Context) ([]los.Webhook, error)
	Webhook(ctx context.Context, id int64) (*los.Webhook, error)
	UpdateWebhook(ctx context.Context, w *los.Webhook) error
	DeleteWebhook(ctx context.Context, id int64) error
	FanOut(ctx context.Context, limit int, body func(los.Event) ([]byte, error)) (int, error)
	DueDeliveries(ctx context.Context, now time.Time, limit int) ([]los.Delivery, error)
	Deliveries(ctx context.Context, webhookID int64, limit int) ([]los.Delivery, error)
	RecordAttempt(ctx context.Context, id int64, status string, httpStatus int, errMsg string, next time.Time) error
	Redeliver(ctx context.Context, webhookID, id int64) (*los.Delivery, error)
	Events(ctx context.Context, after int64, limit int) ([]los.Event, error)
	PruneWebhookLog(ctx context.Context, keep time.Duration, batch int) (store.WebhookPruned, error)
}

// Analytics is the dashboard's figures.
type Analytics interface {
	Analytics(ctx context.Context, p los.Period) (*los.Report, error)
}

// Audit is the audit log.
type Audit interface {
	Audit(ctx context.Context, e los.AuditEntry) error
	AuditLog(ctx context.Context, f los.AuditFilter) ([]los.AuditEntry, error)
}

// Presence is the agents present on each replica sharing the database.
type Presence interface {
	SetPresence(ctx context.Context, replica string, agents []los.PresentAgent, expired time.Time) error
	PresentElsewhere(ctx context.Context, replica string, since time.Time) ([]int64, error)
}
