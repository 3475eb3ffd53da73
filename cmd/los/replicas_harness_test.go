package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

// replicaProc is one los serve process of a test, on the shared database.
type replicaProc struct {
	name string
	cmd  *exec.Cmd
	url  string
}

var servingURL = regexp.MustCompile(`msg="Los is serving" url=(\S+)`)

// startReplica starts los serve (this test binary as main) on a free
// port with env, and returns once it serves. Its log goes to the test's
// log when the test fails.
func startReplica(t testing.TB, name string, env map[string]string) *replicaProc {
	t.Helper()
	cmd, _, _, stderr := startLos(t, env, "serve", "--addr", "127.0.0.1:0")
	found := make(chan string, 1)
	var logBuf lockedBuffer
	go func() {
		for {
			line, err := stderr.ReadString('\n')
			logBuf.Write([]byte(line))
			if m := servingURL.FindStringSubmatch(line); m != nil {
				found <- strings.TrimSuffix(m[1], "/")
			}
			if err != nil {
				close(found)
				return
			}
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log of replica %s:\n%s", name, logBuf.String())
		}
	})
	select {
	case u, ok := <-found:
		if !ok {
			cmd.Wait()
			t.Fatalf("replica %s ended before serving:\n%s", name, logBuf.String())
		}
		return &replicaProc{name: name, cmd: cmd, url: u}
	case <-time.After(90 * time.Second):
		t.Fatalf("replica %s did not serve within 90 s:\n%s", name, logBuf.String())
		return nil
	}
}

// kill ends the replica with SIGKILL, as a crash would, and waits.
func (r *replicaProc) kill() {
	r.cmd.Process.Kill()
	r.cmd.Wait()
}

// presenceWindow is how long an agent counts as present after their
// last request in the replicas of a test (5 minutes by default).
const presenceWindow = 2 * time.Second

// replicaEnv is the environment of a replica on dsn with its own data
// directory: no model (answers are extractive and instant), clients told
// apart by X-Forwarded-For as behind a proxy, open all week (but public
// holidays), agents present for presenceWindow after their last request.
func replicaEnv(t *testing.T, dsn string) map[string]string {
	return map[string]string{
		"LOS_DATA": t.TempDir(), "LOS_DATABASE_URL": dsn, "OLLAMA_HOST": closedPort(t),
		"LOS_TRUSTED_PROXIES": "127.0.0.1", "LOS_SHUTDOWN_TIMEOUT": "2s", "LOS_LOG_LEVEL": "info",
		"LOS_OPENING_HOURS": "mon-sun 00-24", "LOS_AGENT_PRESENCE": presenceWindow.String(),
	}
}

// agentsOnline is what the inbox header of the replica at base says, as
// the agent of key sees it (who is then present there too).
func agentsOnline(t *testing.T, base, key string) (agents int, open bool) {
	t.Helper()
	var q struct {
		Status struct {
			Open         bool `json:"open"`
			AgentsOnline int  `json:"agents_online"`
		} `json:"status"`
	}
	if code, err := call("GET", base+"/api/v1/agent/queue", "", key, nil, &q); err != nil || code != http.StatusOK {
		t.Fatalf("queue on %s: %d, %v", base, code, err)
	}
	return q.Status.AgentsOnline, q.Status.Open
}

// pollEvery is how often waitUntil and holdsFor ask.
const pollEvery = 100 * time.Millisecond

// waitUntil asks ok every pollEvery until it holds, and fails the test
// with what if it does not within d; it returns how long it took.
func waitUntil(t *testing.T, d time.Duration, what string, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for !ok() {
		if time.Since(start) > d {
			t.Fatalf("not within %v: %s", d, what)
		}
		<-tick.C
	}
	return time.Since(start)
}

// holdsFor asks ok every pollEvery for d, and fails the test with what
// the first time it does not hold.
func holdsFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	start := time.Now()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for time.Since(start) < d {
		if !ok() {
			t.Fatalf("after %v: %s", time.Since(start).Round(time.Millisecond), what)
		}
		<-tick.C
	}
}

// newKey makes an API key with scopes in the shared database.
func newKey(t *testing.T, dsn, name string, scopes ...auth.Scope) string {
	t.Helper()
	db, err := store.OpenPostgres(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key, _, err := db.NewAPIKey(context.Background(), name, scopes)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// customer is one person chatting, from their own address.
type customer struct {
	ip    string
	id    string
	token string
}

var httpClient = &http.Client{Timeout: 30 * time.Second}

// call sends a JSON request; err is a transport error (the replica is
// gone), status the answer's status otherwise.
func call(method, url, ip, bearer string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if ip != "" {
		req.Header.Set("X-Forwarded-For", ip)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("answer %q: %w", b, err)
		}
	}
	return resp.StatusCode, nil
}

func (c *customer) start(base string) error {
	var out struct{ ID, Token string }
	code, err := call("POST", base+"/api/v1/conversations", c.ip, "", map[string]any{}, &out)
	if err == nil && code != http.StatusCreated && code != http.StatusOK {
		err = fmt.Errorf("start conversation: status %d", code)
	}
	c.id, c.token = out.ID, out.Token
	return err
}

// turn is what a message's answer says.
type turn struct {
	Answer    string   `json:"answer"`
	Action    string   `json:"action"`
	Citations []string `json:"citations"`
	Callback  bool     `json:"callback"` // nobody can take over now: a call-back is offered
	Repeated  bool     `json:"repeated"`
}

func (c *customer) send(base, text string) (turn, int, error) {
	return c.sendAs(base, text, "")
}

// sendAs sends a message with the client's ID for it (none when "").
func (c *customer) sendAs(base, text, clientID string) (turn, int, error) {
	var out turn
	body := map[string]string{"text": text}
	if clientID != "" {
		body["client_id"] = clientID
	}
	code, err := call("POST", base+"/api/v1/conversations/"+c.id+"/messages", c.ip, c.token, body, &out)
	return out, code, err
}

// transcript is the customer's view of the conversation.
type transcript struct {
	Status   string `json:"status"`
	Messages []struct {
		Role string `json:"role"`
		Text string `json:"text"`
	} `json:"messages"`
}

func (c *customer) transcript(base string) (transcript, error) {
	var out transcript
	code, err := call("GET", base+"/api/v1/conversations/"+c.id, c.ip, c.token, nil, &out)
	if err == nil && code != http.StatusOK {
		err = fmt.Errorf("transcript: status %d", code)
	}
	return out, err
}

// sseEvents reads server-sent events from url into events until the
// stream ends; it returns once the stream is open.
func sseEvents(t *testing.T, ctx context.Context, url, bearer string) <-chan [2]string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := (&http.Client{}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("stream %s: status %d", url, resp.StatusCode)
	}
	events := make(chan [2]string, 64)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	return events
}
