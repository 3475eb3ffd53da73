package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
)

const grief = "Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans"

// customerFrom starts a conversation as the widget does on a page,
// with the browser's visitor ID.
func (e *deskEnv) customerFrom(t *testing.T, page, visitor string) *customer {
	t.Helper()
	c := &customer{t: t, base: e.srv.URL}
	b, _ := json.Marshal(map[string]string{"page": page, "page_title": "Flytting – Kraft AS", "visitor": visitor})
	resp, body := c.do("POST", "/api/v1/conversations", string(b))
	var created struct{ ID, Token string }
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create conversation: %d %s", resp.StatusCode, body)
	}
	c.id, c.token = created.ID, created.Token
	return c
}

type deskConversation struct {
	ReasonKey      string   `json:"reason_key"`
	Summary        []string `json:"summary"`
	SummaryByModel bool     `json:"summary_by_model"`
	Why            []string `json:"why"`
	Mine           bool     `json:"mine"`
	Messages       []struct {
		Role       los.Role `json:"role"`
		Text       string   `json:"text"`
		AuthorName string   `json:"author_name"`
	} `json:"messages"`
	Notes   []los.Note `json:"notes"`
	Context struct {
		Page      string                    `json:"page"`
		PageTitle string                    `json:"page_title"`
		Earlier   []los.ConversationSummary `json:"earlier"`
	} `json:"context"`
}

func (b *browser) conversation(id string, hdr ...string) deskConversation {
	b.t.Helper()
	resp, body := b.do("GET", "/api/v1/agent/conversations/"+id, "", hdr...)
	var c deskConversation
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &c) != nil {
		b.t.Fatalf("conversation: %d %s", resp.StatusCode, body)
	}
	return c
}

func (b *browser) mustDo(status int, method, path, body string) string {
	b.t.Helper()
	resp, out := b.do(method, path, body)
	if resp.StatusCode != status {
		b.t.Fatalf("%s %s: %d %s; want %d", method, path, resp.StatusCode, out, status)
	}
	return out
}

// TestQueueTellsConversationsApart: a queue entry carries the customer's
// first words, the reason as a key of a plain text, the page and how
// many messages the customer wrote.
func TestQueueTellsConversationsApart(t *testing.T) {
	e := newDeskEnv(t)
	a := e.customerFrom(t, "https://kraft.example.no/flytting?kunde=42#skjema", "visitor-aaaaaaaaaaaa")
	a.say("Hei, jeg skal flytte og lurer på fakturaen")
	a.askForHuman()
	b := e.customer(t)
	b.say(grief)
	q := e.login(t, "kari@example.no").queue()
	if len(q.Items) != 2 {
		t.Fatalf("queue = %+v", q.Items)
	}
	byID := map[string]queueItemResp{}
	for _, it := range q.Items {
		byID[it.ConversationID] = it
	}
	if it := byID[a.id]; it.ReasonKey != "human_button" || it.FirstWords != "Hei, jeg skal flytte og lurer på fakturaen" ||
		it.Page != "https://kraft.example.no/flytting" || it.CustomerMessages != 1 {
		t.Errorf("button item = %+v", it)
	}
	if it := byID[b.id]; it.ReasonKey != "bereavement" || !strings.HasPrefix(it.FirstWords, "Mannen min døde") || it.Page != "" {
		t.Errorf("grief item = %+v", it)
	}
	for _, key := range []string{"agent.why.human_button", "agent.why.bereavement"} {
		for _, l := range los.Standards {
			if txt := e.web.Texts().T(l, key); txt == key || strings.Contains(txt, "_") {
				t.Errorf("%s in %s = %q; want words", key, l, txt)
			}
		}
	}
}

// TestConversationReadsPlainly: the desk's view of a conversation has a
// summary in lines in the agent's standard, the triage signals in words,
// and the agent's display name on their messages, which the customer's
// transcript and export carry too.
func TestConversationReadsPlainly(t *testing.T) {
	e := newDeskEnv(t)
	ctx := context.Background()
	if err := e.db.SetDisplayName(ctx, "kari@example.no", "Kari"); err != nil {
		t.Fatal(err)
	}
	if err := e.db.ImportArticles(ctx, []kb.Article{{Slug: "faktura", Title: "Faktura", Body: "Fakturaen finner du på Min side.", Lang: los.Bokmal}}); err != nil {
		t.Fatal(err)
	}
	c := e.customer(t)
	c.say("Fakturaen er feil")
	c.say("Den er fortsatt feil")
	c.askForHuman()
	kari := e.login(t, "kari@example.no")
	conv := kari.conversation(c.id)
	if conv.ReasonKey != "human_button" || conv.SummaryByModel || len(conv.Summary) != 3 ||
		conv.Summary[0] != "Skrev først: «Fakturaen er feil»" || conv.Summary[1] != "Skrev sist: «Den er fortsatt feil» (2 meldinger i alt)" ||
		conv.Summary[2] != "Los viste: «Faktura»" {
		t.Errorf("view = %+v", conv)
	}
	if len(conv.Why) != 1 || conv.Why[0] != "Trykket på «Snakk med et menneske»" {
		t.Errorf("why = %q", conv.Why)
	}
	if en := kari.conversation(c.id, "Accept-Language", "en"); en.Summary[0] != "First wrote: “Fakturaen er feil”" {
		t.Errorf("English summary = %q", en.Summary)
	}
	if strings.Contains(strings.Join(conv.Summary, " "), "human_request") {
		t.Errorf("an internal code in the summary: %q", conv.Summary)
	}

	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	kari.mustDo(http.StatusCreated, "POST", "/api/v1/agent/conversations/"+c.id+"/messages", `{"text":"Hei, jeg ser på **fakturaen** nå."}`)
	resp, body := c.do("GET", "/api/v1/conversations/"+c.id, "")
	var tr struct {
		Messages []struct {
			Role       los.Role `json:"role"`
			AuthorName string   `json:"author_name"`
		} `json:"messages"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &tr) != nil {
		t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	if last := tr.Messages[len(tr.Messages)-1]; last.Role != los.RoleAgent || last.AuthorName != "Kari" {
		t.Errorf("the customer's last message = %+v; want Kari's", last)
	}
	if _, export := c.do("GET", "/api/v1/conversations/"+c.id+"/export", ""); !strings.Contains(export, "Kari fra kundeservice:\nHei, jeg ser på **fakturaen** nå.") {
		t.Errorf("export:\n%s", export)
	}
	if resp, body := kari.do("GET", "/api/v1/agent/me", ""); resp.StatusCode != http.StatusOK || !strings.Contains(body, `"name":"Kari"`) {
		t.Errorf("me: %d %s", resp.StatusCode, body)
	}
}

// TestNotesNeverReachTheCustomer: an internal note shows in the desk,
// never in the customer's transcript, export or the webhook outbox.
func TestNotesNeverReachTheCustomer(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say(grief)
	kari := e.login(t, "kari@example.no")
	events := kari.openStream(t)
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 1 })
	ctx := context.Background()
	before, err := e.db.Events(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Kunden virker svært preget; ring tilbake i morgen."
	kari.mustDo(http.StatusCreated, "POST", "/api/v1/agent/conversations/"+c.id+"/notes", `{"text":"`+secret+`"}`)
	if ev := next(t, events, "conversation"); !strings.Contains(ev.data, c.id) {
		t.Errorf("inbox event = %s", ev.data)
	}
	if notes := kari.conversation(c.id).Notes; len(notes) != 1 || notes[0].Text != secret || notes[0].Author != "kari@example.no" {
		t.Errorf("notes = %+v", notes)
	}
	for _, path := range []string{"", "/export"} {
		if _, body := c.do("GET", "/api/v1/conversations/"+c.id+path, ""); strings.Contains(body, "preget") {
			t.Errorf("the note reached the customer at %q: %s", path, body)
		}
	}
	if after, _ := e.db.Events(ctx, 0, 1000); len(after) != len(before) {
		t.Errorf("the note made %d outbox events", len(after)-len(before))
	}
	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/notes", `{"text":"  "}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty note: %d %s", resp.StatusCode, body)
	}
	other := e.customer(t) // never handed over
	if resp, _ := kari.do("POST", "/api/v1/agent/conversations/"+other.id+"/notes", `{"text":"x"}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("note on a conversation agents cannot see: %d", resp.StatusCode)
	}
}

// TestSearchFiltersAndContext: search by text, category, status, agent,
// "mine" and dates; the customer's context shows the page and earlier
// conversations from the same browser.
func TestSearchFiltersAndContext(t *testing.T) {
	e := newDeskEnv(t)
	old := e.customerFrom(t, "https://kraft.example.no/", "visitor-bbbbbbbbbbbb")
	old.say("Hvordan endrer jeg fakturaadressen?")
	e.clock.add(26 * time.Hour)
	now := e.customerFrom(t, "https://kraft.example.no/dodsbo", "visitor-bbbbbbbbbbbb")
	now.say(grief)
	kari := e.login(t, "kari@example.no")
	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+now.id+"/claim", "")
	e.clock.add(time.Minute)
	other := e.customer(t)
	other.say("Hei")
	other.askForHuman()

	search := func(q url.Values) []los.ConversationSummary {
		t.Helper()
		var res struct{ Items []los.ConversationSummary }
		if err := json.Unmarshal([]byte(kari.mustDo(http.StatusOK, "GET", "/api/v1/agent/conversations?"+q.Encode(), "")), &res); err != nil {
			t.Fatal(err)
		}
		return res.Items
	}
	ids := func(items []los.ConversationSummary) string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name string
		q    url.Values
		want string
	}{
		{"all handed over, newest first", url.Values{}, other.id + "," + now.id},
		{"text", url.Values{"q": {"STRØMAVTALEN"}}, now.id},
		{"category", url.Values{"category": {"bereavement"}}, now.id},
		{"status", url.Values{"status": {"waiting"}}, other.id},
		{"mine", url.Values{"mine": {"1"}}, now.id},
		{"agent", url.Values{"agent": {"ola@example.no"}}, ""},
		{"to the day before", url.Values{"to": {mondayMorning.Format("2006-01-02")}}, ""},
		{"from the day", url.Values{"from": {mondayMorning.AddDate(0, 0, 1).Format("2006-01-02")}}, other.id + "," + now.id},
	}
	for _, tt := range tests {
		if got := ids(search(tt.q)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"category=grief", "status=gone", "from=23.11.2026"} {
		if resp, body := kari.do("GET", "/api/v1/agent/conversations?"+bad, ""); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", bad, resp.StatusCode, body)
		}
	}

	cx := kari.conversation(now.id).Context
	if cx.Page != "https://kraft.example.no/dodsbo" || cx.PageTitle != "Flytting – Kraft AS" || len(cx.Earlier) != 1 ||
		cx.Earlier[0].ID != old.id || cx.Earlier[0].HandedOver || cx.Earlier[0].FirstWords != "Hvordan endrer jeg fakturaadressen?" {
		t.Errorf("context = %+v", cx)
	}
	if cx := kari.conversation(other.id).Context; len(cx.Earlier) != 0 || cx.Page != "" {
		t.Errorf("context without a visitor = %+v", cx)
	}
	if resp, body := kari.do("POST", "/api/v1/conversations", `{"visitor":"kort"}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a malformed visitor ID: %d %s", resp.StatusCode, body)
	}
}

// TestCannedResponses: an administrator writes them on their page; agents
// list them per standard; a clash of titles is refused with a reason.
func TestCannedResponses(t *testing.T) {
	e := newDeskEnv(t)
	ada := e.login(t, "ada@example.no")
	page := ada.mustDo(http.StatusOK, "GET", "/admin/canned", "")
	if !strings.Contains(page, "Ferdige svar") || !strings.Contains(page, `name="csrf"`) {
		t.Fatalf("page:\n%s", page)
	}
	post := func(form url.Values) (*http.Response, string) {
		form.Set("csrf", ada.csrf)
		return ada.do("POST", "/admin/canned", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	if resp, body := post(url.Values{"lang": {"nb"}, "title": {"takk"}, "body": {"Takk for at du tok kontakt, {kunde}. Hilsen {agent}"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	if resp, body := post(url.Values{"lang": {"nb"}, "title": {"takk"}, "body": {"En gang til"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Det finnes alt et ferdig svar med det kortnavnet") || !strings.Contains(body, "En gang til") {
		t.Errorf("a second 'takk': %d %s", resp.StatusCode, body)
	}
	post(url.Values{"lang": {"nn"}, "title": {"takk"}, "body": {"Takk for at du tok kontakt."}})

	kari := e.login(t, "kari@example.no")
	var list struct{ Items []los.CannedResponse }
	if err := json.Unmarshal([]byte(kari.mustDo(http.StatusOK, "GET", "/api/v1/agent/canned?lang=nb", "")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].Title != "takk" || !strings.Contains(list.Items[0].Body, "{kunde}") {
		t.Errorf("nb = %+v", list.Items)
	}
	if resp, _ := kari.do("GET", "/admin/canned", ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an agent on the admin page: %d", resp.StatusCode)
	}
	form := url.Values{"csrf": {ada.csrf}}
	if resp, body := ada.do("POST", "/admin/canned/"+itoa(list.Items[0].ID)+"/delete", form.Encode(), "Content-Type", "application/x-www-form-urlencoded"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d %s", resp.StatusCode, body)
	}
	if body := kari.mustDo(http.StatusOK, "GET", "/api/v1/agent/canned?lang=nb", ""); strings.Contains(body, "takk") {
		t.Errorf("deleted one still listed: %s", body)
	}
	token := ada.csrf
	ada.csrf = "" // neither header nor field
	if resp, _ := ada.do("POST", "/admin/canned", url.Values{"lang": {"nb"}, "title": {"x"}, "body": {"y"}}.Encode(), "Content-Type", "application/x-www-form-urlencoded"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a form without the CSRF token: %d", resp.StatusCode)
	}
	ada.csrf = token
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestCopilot: suggestions for the customer's last message come from the
// bot's retrieval; a draft needs the conversation in hand and a model.
func TestCopilot(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Hvor finner jeg fakturaen min?")
	c.askForHuman()
	kari := e.login(t, "kari@example.no")
	var s struct {
		For   string `json:"for"`
		Items []struct {
			Slug, Title, URL string
			Relevant         bool
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(kari.mustDo(http.StatusOK, "GET", "/api/v1/agent/conversations/"+c.id+"/suggestions", "")), &s); err != nil {
		t.Fatal(err)
	}
	if s.For != "Hvor finner jeg fakturaen min?" || len(s.Items) != 1 || s.Items[0].Slug != "faktura" || s.Items[0].URL != "/artikler/faktura" || !s.Items[0].Relevant {
		t.Errorf("suggestions = %+v", s)
	}
	path := "/api/v1/agent/conversations/" + c.id + "/draft"
	if resp, body := kari.do("POST", path, ""); resp.StatusCode != http.StatusConflict {
		t.Errorf("draft before taking over: %d %s", resp.StatusCode, body)
	}
	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	if resp, body := kari.do("POST", path, ""); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"unavailable"`) {
		t.Errorf("draft without a model: %d %s", resp.StatusCode, body)
	}
}

// TestDraftWithAModel: with a chat model the draft is its answer with the
// cited article as a link, and nothing is sent to the customer.
func TestDraftWithAModel(t *testing.T) {
	st := newTestStack(t, stackOptions{noIndex: true, validate: true, users: map[string]auth.Role{"kari@example.no": auth.RoleAgent},
		bot: func(c *bot.Config) { c.Retriever, c.Triager, c.Generator = oneSource{}, testTriager, instant{} }})
	e := &deskEnv{srv: st.srv, db: st.db, web: st.web}
	c := e.customer(t)
	c.say(grief)
	kari := e.login(t, "kari@example.no")
	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	_, before := c.transcript()
	var d struct{ Text string }
	if err := json.Unmarshal([]byte(kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/draft", "")), &d); err != nil {
		t.Fatal(err)
	}
	if d.Text != "Du endrer fakturaadressen på Min side.\n\nLes mer: [Faktura](/artikler/faktura)" {
		t.Errorf("draft = %q", d.Text)
	}
	if _, after := c.transcript(); len(after) != len(before) {
		t.Errorf("the draft reached the customer: %+v", after[len(before):])
	}
}
