package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/los-bot/los/store"
)

// TestCrashLosesNothingAcknowledged is the outside audit's crash test,
// bounded and on loopback: twenty conversations write concurrently to a
// real los serve, which is killed with SIGKILL mid-load, three times;
// after each restart every message that was acknowledged (200) is in its
// transcript, and at the end the database passes integrity_check.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a server three times")
	}
	if os.Getenv("LOS_BIN") != "" {
		t.Skip("checks this build")
	}
	env := baseEnv(t)
	var convs []*crashConv
	client := &http.Client{Timeout: 30 * time.Second}
	post := func(base, path, token, body string) (*http.Response, error) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return client.Do(req)
	}
	total := 0
	for round := range 3 {
		base, pid := startServer(t, env)
		if round == 0 {
			for range 20 {
				resp, err := post(base, "/api/v1/conversations", "", "")
				if err != nil {
					t.Fatal(err)
				}
				var c crashConv
				json.NewDecoder(resp.Body).Decode(&struct {
					ID    *string `json:"id"`
					Token *string `json:"token"`
				}{&c.id, &c.token})
				resp.Body.Close()
				convs = append(convs, &c)
			}
		}
		checkAll(t, base, client, convs)
		var (
			mu    sync.Mutex
			acked int
			wg    sync.WaitGroup
		)
		enough := make(chan struct{})
		var once sync.Once
		for i, c := range convs {
			wg.Go(func() {
				for n := 0; ; n++ {
					text := fmt.Sprintf("melding %d-%d-%d om fakturaen", round, i, n)
					resp, err := post(base, "/api/v1/conversations/"+c.id+"/messages", c.token, `{"text":"`+text+`"}`)
					if err != nil {
						return // killed
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						continue // the per-conversation limit: not acknowledged
					}
					mu.Lock()
					c.acked = append(c.acked, text)
					if acked++; acked >= 100 {
						once.Do(func() { close(enough) })
					}
					mu.Unlock()
				}
			})
		}
		select {
		case <-enough:
		case <-time.After(2 * time.Minute):
			t.Fatal("100 messages were not acknowledged within 2 minutes")
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		waitGone(pid)
		total += acked
	}
	base, pid := startServer(t, env)
	n := checkAll(t, base, client, convs)
	t.Logf("3 kills under 20 concurrent conversations: %d messages acknowledged, %d present", total, n)
	syscall.Kill(pid, syscall.SIGKILL)
	waitGone(pid)
	path := filepath.Join(env["LOS_DATA"], "los.db")
	db, err := store.Open(context.Background(), path) // recovers the WAL
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := store.Verify(context.Background(), path); err != nil {
		t.Errorf("after the crashes: %v", err)
	}
}

// crashConv is a conversation of the crash test and the messages Los
// acknowledged in it.
type crashConv struct {
	id, token string
	acked     []string
}

// checkAll reads every conversation's transcript and fails for each
// acknowledged message missing from it; it returns how many were found.
func checkAll(t *testing.T, base string, client *http.Client, convs []*crashConv) int {
	t.Helper()
	found := 0
	for _, c := range convs {
		id, token, acked := c.id, c.token, c.acked
		req, _ := http.NewRequest("GET", base+"/api/v1/conversations/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var tr struct {
			Messages []struct{ Role, Text string }
		}
		err = json.NewDecoder(resp.Body).Decode(&tr)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("transcript of %s: %d %v", id, resp.StatusCode, err)
		}
		have := map[string]bool{}
		for _, m := range tr.Messages {
			if m.Role == "customer" {
				have[m.Text] = true
			}
		}
		for _, a := range acked {
			if !have[a] {
				t.Errorf("acknowledged %q is missing from %s after the crash", a, id)
			} else {
				found++
			}
		}
	}
	return found
}

// waitGone waits until process pid has exited (its data-directory lock
// is then free).
func waitGone(pid int) {
	for syscall.Kill(pid, 0) == nil {
		var ws syscall.WaitStatus
		if p, _ := syscall.Wait4(pid, &ws, 0, nil); p == pid {
			return
		}
	}
}
