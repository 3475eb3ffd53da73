package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// AllowPrivateHint tells operators how to let webhooks reach internal
// receivers.
const AllowPrivateHint = "set LOS_WEBHOOK_ALLOW_PRIVATE=true to allow internal destinations"

// ErrInternal is wrapped by every refusal of an internal destination.
var ErrInternal = errors.New("webhook destination is an internal address")

// InternalError says which internal address a webhook would have reached.
type InternalError struct {
	Host   string     // the URL's host name, when it is not an address
	Addr   netip.Addr // the address it resolves or connects to
	Reason string     // what kind of address, e.g. "a loopback address"
	Dial   bool       // refused when connecting, not when saved
}

func (e *InternalError) Error() string {
	switch {
	case e.Dial:
		return fmt.Sprintf("refused to connect to %s, %s; %s", e.Addr, e.Reason, AllowPrivateHint)
	case e.Host != "":
		return fmt.Sprintf("webhook URL host %s resolves to %s, %s; %s", e.Host, e.Addr, e.Reason, AllowPrivateHint)
	}
	return fmt.Sprintf("webhook URL resolves to %s, %s; %s", e.Addr, e.Reason, AllowPrivateHint)
}

func (e *InternalError) Unwrap() error { return ErrInternal }

// Resolver looks up host names; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Guard keeps webhooks from reaching the network Los runs in (server-side
// request forgery): loopback, private, link-local (cloud metadata
// included), unspecified, multicast and shared (CGNAT) addresses are
// refused when a webhook is saved (Check) and again on every connection
// (NewClient), so DNS that changes its answer later cannot get past it.
// The zero Guard refuses them.
type Guard struct {
	// AllowPrivate lets webhooks reach internal addresses, for operators
	// whose receivers are inside their network (LOS_WEBHOOK_ALLOW_PRIVATE).
	AllowPrivate bool
	// Resolver looks host names up in Check; nil means net.DefaultResolver.
	Resolver Resolver
}

// lookupTimeout bounds the lookup of a host name in Check: saving a
// webhook never waits longer on DNS (the audit measured 5 s with DNS
// down). What the lookup misses, the dial-time check catches.
const lookupTimeout = time.Second

// Check accepts an absolute http or https URL (see CheckURL) whose host
// is not, and does not resolve to, an internal address. A host name that
// does not resolve now is accepted: every connection is checked anyway.
func (g Guard) Check(ctx context.Context, raw string) error {
	if err := CheckURL(raw); err != nil {
		return err
	}
	u, _ := url.Parse(raw) // CheckURL parsed it
	host := strings.ToLower(u.Hostname())
	if ip, ok := looseIPv4(host); ok {
		return &NonCanonicalError{Host: host, Addr: ip}
	}
	if g.AllowPrivate {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if reason := Classify(ip); reason != "" {
			return &InternalError{Addr: ip.Unmap().WithZone(""), Reason: reason}
		}
		return nil
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		// RFC 6761: always loopback, whatever DNS says.
		return &InternalError{Host: host, Addr: netip.AddrFrom4([4]byte{127, 0, 0, 1}), Reason: "a loopback address"}
	}
	r := g.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if reason := Classify(a); reason != "" {
			return &InternalError{Host: host, Addr: a.Unmap().WithZone(""), Reason: reason}
		}
	}
	return nil
}

// NonCanonicalError refuses an IPv4 address written in a form other than
// four decimal numbers: 127.1, 2130706433, 0, 0x7f.1, 0177.0.0.1,
// 127.0.0.1. (with a trailing dot). C libraries read them as addresses,
// checks that expect a.b.c.d do not; no host name looks like one (a top
// level domain is never numeric), so they are refused whatever address
// they stand for.
type NonCanonicalError struct {
	Host string
	Addr netip.Addr
}

func (e *NonCanonicalError) Error() string {
	return fmt.Sprintf("webhook URL host %s is the address %s written in a non-standard form; write an address as four decimal numbers (a.b.c.d) or use a host name", e.Host, e.Addr)
}

// Unwrap makes an internal address in disguise an ErrInternal.
func (e *NonCanonicalError) Unwrap() error {
	if Classify(e.Addr) != "" {
		return ErrInternal
	}
	return nil
}

// looseIPv4 reads host as inet_aton does (one to four parts, each
// decimal, octal with a leading 0, or hex with 0x; the last part fills
// the remaining bytes), reporting whether host is such an address in
// anything but the canonical dotted-decimal form. A trailing dot counts
// as non-standard.
func looseIPv4(host string) (netip.Addr, bool) {
	h := strings.TrimSuffix(host, ".")
	parts := strings.Split(h, ".")
	if len(parts) > 4 || h == "" {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		v, ok := atonPart(p)
		if !ok {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var n uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 255 {
			return netip.Addr{}, false
		}
		n |= v << (24 - 8*i)
	}
	last, room := vals[len(vals)-1], uint(32-8*(len(vals)-1))
	if last >= 1<<room {
		return netip.Addr{}, false
	}
	n |= last
	a := netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	return a, a.String() != host
}

func atonPart(p string) (uint64, bool) {
	base := 10
	switch {
	case p == "":
		return 0, false
	case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
		base, p = 16, p[2:]
		if p == "" {
			return 0, true // "0x" alone is 0 to inet_aton
		}
	case len(p) > 1 && p[0] == '0':
		base, p = 8, p[1:]
	}
	v, err := strconv.ParseUint(p, base, 32)
	return v, err == nil
}

// control refuses a connection to an internal address. It sees the
// address actually dialled, after any DNS lookup.
func (g Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook: cannot check the address %q (%s): %w", address, network, ErrInternal)
	}
	if reason := Classify(ap.Addr()); reason != "" {
		return &InternalError{Addr: ap.Addr().Unmap().WithZone(""), Reason: reason, Dial: true}
	}
	return nil
}

// NewClient returns the HTTP client deliveries are sent with. It follows
// no redirects (a 3xx answer is a failed delivery) and, unless
// AllowPrivate, refuses every connection to an internal address and uses
// no proxy (a proxy would hide the address it connects to).
func NewClient(g Guard) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = d.DialContext
	if !g.AllowPrivate {
		d.Control = g.control
		tr.Proxy = nil
	}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// internal lists the ranges webhooks may not reach, most specific first.
var internal = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "an unspecified address"},
	{netip.MustParsePrefix("127.0.0.0/8"), "a loopback address"},
	{netip.MustParsePrefix("10.0.0.0/8"), "a private address"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private address"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private address"},
	{netip.MustParsePrefix("100.64.0.0/10"), "a shared (CGNAT) address"},
	{netip.MustParsePrefix("169.254.169.254/32"), "a link-local address (the cloud metadata service)"},
	{netip.MustParsePrefix("169.254.0.0/16"), "a link-local address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "a reserved (IETF protocol) address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a reserved (benchmarking) address"},
	{netip.MustParsePrefix("224.0.0.0/4"), "a multicast address"},
	{netip.MustParsePrefix("255.255.255.255/32"), "a broadcast address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"},
	{netip.MustParsePrefix("::/128"), "an unspecified address"},
	{netip.MustParsePrefix("::1/128"), "a loopback address"},
	{netip.MustParsePrefix("::/96"), "a deprecated IPv4-compatible address"},
	{netip.MustParsePrefix("fc00::/7"), "a private address"},
	{netip.MustParsePrefix("fec0::/10"), "a private address"}, // site-local, deprecated
	{netip.MustParsePrefix("fe80::/10"), "a link-local address"},
	{netip.MustParsePrefix("ff00::/8"), "a multicast address"},
}

// Prefixes whose addresses embed an IPv4 address: the well-known and the
// local-use NAT64 prefixes (RFC 6052, RFC 8215; the IPv4 address is the
// last 32 bits) and 6to4 (RFC 3056; bits 16 to 48).
var (
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	nat64Local = netip.MustParsePrefix("64:ff9b:1::/48")
	sixToFour  = netip.MustParsePrefix("2002::/16")
)

// Classify says what kind of internal address ip is ("a loopback
// address", "a private address", ...), or "" when it is public. IPv4
// addresses written as IPv6 (::ffff:127.0.0.1, NAT64) are judged by
// their IPv4 address.
func Classify(ip netip.Addr) string {
	if !ip.IsValid() {
		return "an invalid address"
	}
	ip = ip.Unmap().WithZone("")
	switch b := ip.As16(); {
	case nat64.Contains(ip), nat64Local.Contains(ip):
		ip = netip.AddrFrom4([4]byte(b[12:]))
	case sixToFour.Contains(ip):
		ip = netip.AddrFrom4([4]byte(b[2:6]))
	}
	for _, r := range internal {
		if r.prefix.Contains(ip) {
			return r.reason
		}
	}
	return ""
}
