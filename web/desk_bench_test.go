package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/web"
)

// benchAgent signs in an agent with a client that may hold many
// connections open, and returns it with the session's CSRF token.
func benchAgent(tb testing.TB, base, email string) (*http.Client, string) {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: &http.Transport{MaxIdleConnsPerHost: 2000},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) string {
		resp, err := c.Get(base + path)
		if err != nil {
			tb.Fatal(err)
		}
		defer resp.Body.Close()
		var sb strings.Builder
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			sb.WriteString(sc.Text() + "\n")
		}
		return sb.String()
	}
	m := csrfField.FindStringSubmatch(get("/agent/login"))
	if m == nil {
		tb.Fatal("no csrf field on the sign-in page")
	}
	resp, err := c.PostForm(base+"/agent/login", url.Values{"email": {email}, "password": {testPassword}, "csrf": {m[1]}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		tb.Fatalf("sign in: %v %v", err, resp)
	}
	resp.Body.Close()
	var me struct{ CSRF string }
	if err := json.Unmarshal([]byte(get("/api/v1/agent/me")), &me); err != nil {
		tb.Fatal(err)
	}
	return c, me.CSRF
}

// benchCustomer starts a conversation and writes a message that is handed
// over at once; it returns the conversation's ID and token.
func benchCustomer(tb testing.TB, base, text string) (string, string) {
	tb.Helper()
	resp, err := http.Post(base+"/api/v1/conversations", "application/json", strings.NewReader("{}"))
	if err != nil {
		tb.Fatal(err)
	}
	var created struct{ ID, Token string }
	err = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if err != nil {
		tb.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/conversations/"+created.ID+"/messages", strings.NewReader(`{"text":"`+text+`"}`))
	req.Header.Set("Authorization", "Bearer "+created.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("message: %v %v", err, resp)
	}
	resp.Body.Close()
	return created.ID, created.Token
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkInboxFanOut opens 1,000 inbox streams (one signed-in agent,
// as 1,000 open tabs would) over real HTTP with a real SQLite store, then
// hands a conversation over per iteration and waits until every stream
// has been told of it. It reports the CPU time of the whole process
// (server and the 1,000 readers) and the bytes each stream received per
// handoff. Ten conversations wait in the queue before it starts.
//
//	go test ./web -run '^$' -bench InboxFanOut -benchtime 20x
func BenchmarkInboxFanOut(b *testing.B) {
	const streams = 1000
	const grief = "Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans"
	st := newTestStack(b, stackOptions{noIndex: true, users: map[string]auth.Role{"kari@example.no": auth.RoleAgent},
		bot: func(c *bot.Config) { c.Retriever, c.Triager = oneSource{}, testTriager }})
	base := st.srv.URL
	for range 10 {
		benchCustomer(b, base, grief)
	}
	client, _ := benchAgent(b, base, "kari@example.no")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu     sync.Mutex
		want   string // the conversation the readers wait for
		seen   = make(chan struct{}, streams)
		opened sync.WaitGroup
		bytes  atomic.Int64
		wg     sync.WaitGroup
	)
	opened.Add(streams)
	for range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/agent/queue/stream", nil)
			resp, err := client.Do(req)
			if err != nil {
				opened.Done()
				b.Error(err)
				return
			}
			defer resp.Body.Close()
			r := bufio.NewReaderSize(resp.Body, 64<<10)
			got, first := "", true
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				bytes.Add(int64(len(line)))
				if !strings.HasPrefix(line, "data: ") {
					continue
				}
				if first {
					first = false
					opened.Done() // the stream's first queue is here
				}
				mu.Lock()
				w := want
				mu.Unlock()
				if w != "" && w != got && strings.Contains(line, w) {
					got = w
					seen <- struct{}{}
				}
			}
		}()
	}
	opened.Wait()

	// The first handoff, not measured, settles the connect storm: a
	// stream that has heard of it has sent every earlier change.
	var cpu time.Duration
	var received int64
	b.ResetTimer()
	for i := -1; i < b.N; i++ {
		// The next conversation's ID is known only after it is created,
		// so it is created first and handed over by its message.
		resp, err := http.Post(base+"/api/v1/conversations", "application/json", strings.NewReader("{}"))
		if err != nil {
			b.Fatal(err)
		}
		var created struct{ ID, Token string }
		_ = json.NewDecoder(resp.Body).Decode(&created)
		resp.Body.Close()
		mu.Lock()
		want = created.ID
		mu.Unlock()
		bytes0, cpu0 := bytes.Load(), cpuTime()
		req, _ := http.NewRequest("POST", base+"/api/v1/conversations/"+created.ID+"/messages", strings.NewReader(fmt.Sprintf(`{"text":"%s (%d)"}`, grief, i)))
		req.Header.Set("Authorization", "Bearer "+created.Token)
		req.Header.Set("Content-Type", "application/json")
		resp, err = http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("handoff: %v %v", err, resp)
		}
		resp.Body.Close()
		for range streams {
			select {
			case <-seen:
			case <-time.After(60 * time.Second):
				b.Fatal("not every stream heard of the handoff within 60 s")
			}
		}
		if i >= 0 {
			cpu += cpuTime() - cpu0
			received += bytes.Load() - bytes0
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/handoff")
	b.ReportMetric(float64(received)/float64(b.N)/streams, "B/stream/handoff")
	cancel()
	st.srv.CloseClientConnections()
	wg.Wait()
}

// BenchmarkAgentToCustomer measures how long an agent's reply takes to
// reach the customer's open chat over loopback: from the agent's POST
// until the customer's event stream (GET .../stream, as the widget reads
// it) has delivered the message. Real HTTP, SQLite, hub. "others" open
// that many other customers' streams (conversations waiting for an
// agent) first, to show that a reply costs them nothing.
//
//	go test ./web -run '^$' -bench AgentToCustomer -benchtime 200x
func BenchmarkAgentToCustomer(b *testing.B) {
	for _, others := range []int{0, 1000} {
		b.Run(fmt.Sprintf("others=%d", others), func(b *testing.B) { benchAgentToCustomer(b, others) })
	}
}

func benchAgentToCustomer(b *testing.B, others int) {
	const grief = "Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans"
	st := newTestStack(b, stackOptions{noIndex: true, users: map[string]auth.Role{"kari@example.no": auth.RoleAgent},
		bot: func(c *bot.Config) { c.Retriever, c.Triager = oneSource{}, testTriager }})
	base := st.srv.URL
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: others + 10}
	client := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	open := func(id, token string) *bufio.Reader {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/conversations/"+id+"/stream", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "text/event-stream")
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("stream: %v %v", err, resp)
		}
		return bufio.NewReader(resp.Body)
	}
	var drain sync.WaitGroup
	for range others {
		r := open(benchCustomer(b, base, grief))
		drain.Add(1)
		go func() {
			defer drain.Done()
			for {
				if _, err := r.ReadString('\n'); err != nil {
					return
				}
			}
		}()
	}
	id, token := benchCustomer(b, base, grief)
	agent, csrf := benchAgent(b, base, "kari@example.no")
	post := func(path, body string) {
		req, _ := http.NewRequest("POST", base+"/api/v1/agent/conversations/"+id+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(web.CSRFHeader, csrf)
		resp, err := agent.Do(req)
		if err != nil || resp.StatusCode >= 300 {
			b.Fatalf("%s: %v %v", path, err, resp)
		}
		resp.Body.Close()
	}
	post("/claim", "")
	chat := open(id, token)
	// waitFor reads the customer's stream until a message with text.
	waitFor := func(text string) {
		for {
			line, err := chat.ReadString('\n')
			if err != nil {
				b.Fatal(err)
			}
			if strings.HasPrefix(line, "data: ") && strings.Contains(line, text) {
				return
			}
		}
	}
	waitFor("tatt over")

	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		text := fmt.Sprintf("Svar nummer %d", i)
		t0 := time.Now()
		post("/messages", `{"text":"`+text+`"}`)
		waitFor(`"` + text + `"`)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	cancel()
	st.srv.CloseClientConnections()
	drain.Wait()
}
