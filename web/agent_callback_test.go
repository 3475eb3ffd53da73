package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestCallbackTickets(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Mannen min døde i forrige uke")
	path := "/api/v1/conversations/" + c.id + "/callback"
	tests := []struct {
		name        string
		body        string
		want        int
		wantDisplay string
	}{
		{name: "no name", body: `{"name":" ","phone":"912 34 567"}`, want: 422, wantDisplay: "Skriv navnet ditt"},
		{name: "letters in phone", body: `{"name":"Kari","phone":"ring meg"}`, want: 422, wantDisplay: "gyldig telefonnummer"},
		{name: "too short phone", body: `{"name":"Kari","phone":"1234567"}`, want: 422, wantDisplay: "gyldig telefonnummer"},
		{name: "long note", body: `{"name":"Kari","phone":"91234567","note":"` + strings.Repeat("x", 1001) + `"}`, want: 422, wantDisplay: "for lang"},
		{name: "not json", body: `name=Kari`, want: 400},
		{name: "valid", body: `{"name":"Kari  Nordmann","phone":"+47 912-34 567","note":"Helst etter kl. 12"}`, want: 201, wantDisplay: "+47 912-34 567"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.do("POST", path, tt.body)
			if resp.StatusCode != tt.want || !strings.Contains(body, tt.wantDisplay) {
				t.Errorf("got %d %s; want %d with %q", resp.StatusCode, body, tt.want, tt.wantDisplay)
			}
		})
	}
	stranger := &customer{t: t, base: e.srv.URL, id: c.id, token: "lct_wrong"}
	if resp, _ := stranger.do("POST", path, `{"name":"X","phone":"91234567"}`); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", resp.StatusCode)
	}

	kari := e.login(t, "kari@example.no")
	var list struct {
		Items []struct {
			ID             int64  `json:"id"`
			ConversationID string `json:"conversation_id"`
			Name, Phone    string
			Note, Status   string
		} `json:"items"`
	}
	_, body := kari.do("GET", "/api/v1/agent/callbacks", "")
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Items) != 1 {
		t.Fatalf("callbacks: %s", body)
	}
	cb := list.Items[0]
	if cb.ConversationID != c.id || cb.Name != "Kari Nordmann" || cb.Phone != "+47 912-34 567" || cb.Note != "Helst etter kl. 12" || cb.Status != "open" {
		t.Errorf("ticket = %+v", cb)
	}
	done := "/api/v1/agent/callbacks/" + jsonInt(cb.ID) + "/done"
	if resp, body := kari.do("POST", done, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("done: %d %s", resp.StatusCode, body)
	}
	if resp, _ := kari.do("POST", done, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("done twice: %d, want 404", resp.StatusCode)
	}

	// A closed conversation takes no tickets.
	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/close", `{"outcome":"callback"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	if resp, body := c.do("POST", path, `{"name":"Kari","phone":"91234567"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("ticket on a closed conversation: %d %s", resp.StatusCode, body)
	}
}

func TestCallbackInNynorsk(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Eg lurer på kvar eg finn rekninga mi, eg finn ho ikkje")
	resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/callback", `{"name":"Ola","phone":"41234567"}`)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, "Vi ringjer deg på 41234567") {
		t.Errorf("got %d %s; want the thanks in Nynorsk", resp.StatusCode, body)
	}
}
