package web_test

import (
	"context"
	"errors"
	"testing"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/internal/apiclient"
)

// TestWholeConversationThroughGeneratedClient runs a conversation through
// the client generated from the contract: the customer's side with a chat
// key and then the conversation's own token, the desk's with an agent
// key. The server validates every response against the contract too.
func TestWholeConversationThroughGeneratedClient(t *testing.T) {
	e := newDeskEnv(t)
	ctx := context.Background()
	chat := apiclient.New(e.srv.URL, e.key(t, auth.ScopeChat).key)
	agent := apiclient.New(e.srv.URL, e.key(t, auth.ScopeAgent).key)

	conv, err := chat.CreateConversation(ctx, &apiclient.CreateConversationRequest{Lang: "nb"})
	if err != nil {
		t.Fatal(err)
	}
	customer := chat.WithToken(conv.Token)
	res, err := customer.PostMessage(ctx, conv.ID, &apiclient.MessageRequest{Text: "Hvor finner jeg fakturaen?"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != "answer" || res.MessageID == 0 {
		t.Fatalf("turn = %+v", res)
	}
	if _, err := customer.PostFeedback(ctx, conv.ID, &apiclient.FeedbackRequest{MessageID: res.MessageID, Rating: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := customer.RequestHandoff(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := agent.AgentClaim(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := agent.AgentReply(ctx, conv.ID, &apiclient.MessageRequest{Text: "Hei, dette er Kari."}); err != nil {
		t.Fatal(err)
	}
	tr, err := chat.GetConversation(ctx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Status != "agent" || tr.Messages[len(tr.Messages)-1].Text != "Hei, dette er Kari." {
		t.Fatalf("transcript = %+v", tr)
	}
	closed, err := agent.AgentClose(ctx, conv.ID, &apiclient.CloseRequest{Outcome: "resolved"})
	if err != nil || closed.Status != "closed" {
		t.Fatalf("close = %+v, %v", closed, err)
	}
	// The customer's "Avslutt samtalen" on a closed conversation changes
	// nothing.
	ended, err := customer.CloseConversation(ctx, conv.ID)
	if err != nil || ended.Status != "closed" || len(ended.Messages) != len(tr.Messages)+1 {
		t.Fatalf("customer close after the agent's = %+v, %v", ended, err)
	}
	if err := customer.DeleteConversation(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	_, err = customer.GetConversation(ctx, conv.ID)
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 401 || apiErr.Code == "" {
		t.Fatalf("after delete: %v", err)
	}
}
