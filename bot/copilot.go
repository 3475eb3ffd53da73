package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/los-bot/los"
)

// The copilot helps an agent who holds a conversation: the knowledge
// base's best passages for the customer's last message (Suggest), and a
// reply the model drafts from them (Draft), which the agent reads, edits
// and sends themselves; nothing reaches the customer without the agent.

// Suggest returns the best passage of each of the n articles that best
// answer text, in the bot's own retrieval order, preferring written
// standard l. Passages the retriever does not judge relevant are kept
// (marked so): the agent decides.
func (b *Bot) Suggest(ctx context.Context, text string, l los.Standard, n int) ([]los.Source, error) {
	text = strings.TrimSpace(text)
	if text == "" || n <= 0 {
		return []los.Source{}, nil
	}
	if b.cfg.Redactor != nil {
		text = b.cfg.Redactor.String(text)
	}
	all, err := b.cfg.Retriever.Retrieve(ctx, text, l, max(b.cfg.Sources, 3*n))
	if err != nil {
		return nil, err
	}
	out := []los.Source{}
	seen := map[string]bool{}
	for _, s := range all {
		if seen[s.Slug] {
			continue
		}
		seen[s.Slug] = true
		out = append(out, s)
		if len(out) == n {
			break
		}
	}
	return out, nil
}

// errNoModel is Draft's answer when there is no chat model to write.
var errNoModel = &los.Error{Code: los.EUNAVAILABLE, Key: "agent.copilot_draft_unavailable", Message: "the chat model is not available; use the suggested passages"}

// Draft has the chat model write a reply, in written standard l, to the
// customer's last message in transcript, grounded in sources. The
// sources it cites follow as Markdown links to their articles. It fails
// with EUNAVAILABLE when there is no model or it cannot answer now.
func (b *Bot) Draft(ctx context.Context, l los.Standard, transcript []los.Message, sources []los.Source) (string, error) {
	if b.cfg.Generator == nil || len(sources) == 0 {
		return "", errNoModel
	}
	last := -1
	for i, m := range transcript {
		if m.Role == los.RoleCustomer {
			last = i
		}
	}
	if last < 0 {
		return "", los.Errorf(los.EINVALID, "the customer has not written anything to answer")
	}
	answer, _, err := b.generate(ctx, l, transcript[last].Text, sources, transcript[:last], nil)
	if err != nil {
		b.logGenerationFailure(ctx, err)
		return "", errNoModel
	}
	text, cited := mapCitations(b.fixStandard(ctx, l, answer), sources)
	text = strings.TrimSpace(citeRE.ReplaceAllString(text, ""))
	text = strings.ReplaceAll(text, " .", ".")
	titles := map[string]string{}
	for _, s := range sources {
		if _, ok := titles[s.Slug]; !ok {
			titles[s.Slug] = s.Title
		}
	}
	var links []string
	for _, slug := range cited {
		links = append(links, fmt.Sprintf("[%s](/artikler/%s)", titles[slug], slug))
	}
	if len(links) > 0 {
		text += "\n\n" + b.cfg.Texts.T(l, "agent.draft_read_more", strings.Join(links, ", "))
	}
	return text, nil
}
