package config

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// ParseRoles reads "agent,editor,admin", or "none" for no role.
func ParseRoles(s string) ([]auth.Role, error) {
	if strings.TrimSpace(strings.ToLower(s)) == "none" {
		return nil, nil
	}
	var out []auth.Role
	for _, item := range splitList(s) {
		r, err := auth.ParseRole(item)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ParseProxies reads "10.0.0.0/8, 192.0.2.10, 2001:db8::/32": CIDRs, or
// addresses meaning just themselves.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range splitList(s) {
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a CIDR nor an address; write it like 10.0.0.0/8 or 192.0.2.10", item)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// ParsePolicy reads "category=action,..." overrides of the triage policy.
func ParsePolicy(s string) (los.Policy, error) {
	p := los.Policy{}
	for _, item := range splitList(s) {
		k, v, ok := strings.Cut(item, "=")
		cat, act := los.Category(strings.TrimSpace(k)), los.Action(strings.TrimSpace(v))
		if !ok || !cat.Valid() {
			return nil, fmt.Errorf("%q: want category=action with a category such as distress", item)
		}
		switch act {
		case los.ActionAnswer, los.ActionOfferHandoff, los.ActionHandoffNow:
		default:
			return nil, fmt.Errorf("%q: action must be answer, offer_handoff or handoff_now", item)
		}
		if cat.Severity() == los.SeverityCritical && act != los.ActionHandoffNow {
			return nil, fmt.Errorf("%q: %s is critical and always hands over at once", item, cat)
		}
		p[cat] = act
	}
	return p, nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
