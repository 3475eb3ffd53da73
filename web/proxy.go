package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/labstack/echo/v4"
)

// Client addresses (for rate limits, sign-in throttling and the audit)
// come from the connection, unless it comes from a trusted proxy
// (LOS_TRUSTED_PROXIES): then from X-Forwarded-For, or else Forwarded
// (RFC 7239), read from the right, the first address that is not a
// trusted proxy's. Headers from anyone else are ignored, so a client
// cannot choose its own address.

// ipExtractor returns how client addresses are found.
func ipExtractor(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range trusted {
		opts = append(opts, echo.TrustIPRange(&net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}))
	}
	xff := echo.ExtractIPFromXFFHeader(opts...)
	return func(r *http.Request) string {
		if len(r.Header[echo.HeaderXForwardedFor]) == 0 && r.Header.Get("Forwarded") != "" {
			return fromForwarded(r, trusted)
		}
		return xff(r)
	}
}

// fromForwarded reads the Forwarded header's for= parameters from the
// right, behind a trusted proxy.
func fromForwarded(r *http.Request, trusted []netip.Prefix) string {
	direct, ok := directAddr(r)
	if !ok || !isTrusted(direct, trusted) {
		return direct.String()
	}
	hops := forwardedFor(r.Header.Values("Forwarded"))
	last := direct
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseNode(hops[i])
		if !ok {
			// Obfuscated, "unknown" or malformed: nothing to the left of
			// it can be trusted; the nearest proxy stands for the client.
			return last.String()
		}
		if !isTrusted(a, trusted) {
			return a.String()
		}
		last = a
	}
	return last.String()
}

// forwardedFor returns the for= values of Forwarded headers, in order.
func forwardedFor(headers []string) []string {
	var out []string
	for _, h := range headers {
		for elem := range strings.SplitSeq(h, ",") {
			for pair := range strings.SplitSeq(elem, ";") {
				k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
				if ok && strings.EqualFold(k, "for") {
					out = append(out, strings.Trim(v, `"`))
				}
			}
		}
	}
	return out
}

// parseNode parses a Forwarded node: 192.0.2.43, 192.0.2.43:47011,
// [2001:db8::1] or [2001:db8::1]:4711.
func parseNode(v string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(v); err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(v, "["), "]"))
	return a.Unmap(), err == nil
}

func directAddr(r *http.Request) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, false
	}
	return ap.Addr().Unmap(), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// fromTrustedProxy reports whether the request came straight from a
// trusted proxy, whose X-Forwarded-Proto and Forwarded proto= are
// believed.
func fromTrustedProxy(r *http.Request, trusted []netip.Prefix) bool {
	a, ok := directAddr(r)
	return ok && isTrusted(a, trusted)
}
