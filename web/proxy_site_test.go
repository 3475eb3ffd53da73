package web_test

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

// TestRateLimitPerClientBehindProxy: behind a trusted load balancer each
// customer has a bucket of their own (the audit found every customer in
// one bucket of 20 requests a second); a client that is not the balancer
// cannot pick its bucket with the header.
func TestRateLimitPerClientBehindProxy(t *testing.T) {
	st := newTestStack(t, stackOptions{noIndex: true, deps: func(d *siteDeps) {
		d.RatePerIP = 0.001 // a burst of 10, then nothing within the test
		d.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	}})
	start := func(client string) int {
		req, _ := http.NewRequest("POST", st.srv.URL+"/api/v1/conversations", strings.NewReader(""))
		req.Header.Set("X-Forwarded-For", client)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var limited bool
	for range 11 {
		if start("198.51.100.1") == http.StatusTooManyRequests {
			limited = true
		}
	}
	if !limited {
		t.Fatal("11 requests from one client passed a burst of 10")
	}
	if got := start("198.51.100.2"); got != http.StatusCreated {
		t.Errorf("another customer behind the same balancer: %d, want 201 (a bucket of their own)", got)
	}
}
