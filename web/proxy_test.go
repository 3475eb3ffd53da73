package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// TestClientAddress: headers name the client only when a trusted proxy
// sent them; without LOS_TRUSTED_PROXIES, the connection's address.
func TestClientAddress(t *testing.T) {
	lb := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		remote  string
		hdr     map[string]string
		want    string
	}{
		{"no proxies: headers ignored", nil, "203.0.113.5:1234", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "203.0.113.5"},
		{"no proxies: Forwarded ignored", nil, "203.0.113.5:1234", map[string]string{"Forwarded": "for=198.51.100.1"}, "203.0.113.5"},
		{"from the balancer", lb, "10.0.0.2:1234", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1"},
		{"forged hop left of the client", lb, "10.0.0.2:1234", map[string]string{"X-Forwarded-For": "6.6.6.6, 198.51.100.1"}, "198.51.100.1"},
		{"two trusted hops", lb, "10.0.0.2:1234", map[string]string{"X-Forwarded-For": "198.51.100.1, 10.1.1.1"}, "198.51.100.1"},
		{"not from the balancer", lb, "203.0.113.5:1234", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "203.0.113.5"},
		{"private but untrusted", lb, "192.168.1.1:1234", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "192.168.1.1"},
		{"Forwarded", lb, "10.0.0.2:1234", map[string]string{"Forwarded": `for=198.51.100.1;proto=https, for="[2001:db8::7]:443"`}, "198.51.100.1"},
		{"Forwarded v6 client", lb, "10.0.0.2:1234", map[string]string{"Forwarded": `for="[2001:db9::1]:4711"`}, "2001:db9::1"},
		{"Forwarded obfuscated", lb, "10.0.0.2:1234", map[string]string{"Forwarded": `for=_hidden`}, "10.0.0.2"},
		{"Forwarded from outside", lb, "203.0.113.5:1234", map[string]string{"Forwarded": "for=198.51.100.1"}, "203.0.113.5"},
		{"garbage in XFF", lb, "10.0.0.2:1234", map[string]string{"X-Forwarded-For": "not-an-ip"}, "10.0.0.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for k, v := range tt.hdr {
				r.Header.Set(k, v)
			}
			if got := ipExtractor(tt.trusted)(r); got != tt.want {
				t.Errorf("client = %s, want %s", got, tt.want)
			}
		})
	}
}
