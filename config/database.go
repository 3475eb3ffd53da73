package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Postgres reports whether the store is on PostgreSQL (LOS_DATABASE_URL
// set).
func (c Config) Postgres() bool { return c.DatabaseURL != "" }

func (c Config) validateDatabase() []error {
	if c.DatabaseURL == "" {
		return nil
	}
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return []error{errors.New("LOS_DATABASE_URL is not a PostgreSQL URL; write it like postgres://los:PASSWORD@db.example.no:5432/los (unset it to use the SQLite file in the data directory)")}
	}
	if strings.Trim(u.Path, "/") == "" {
		return []error{errors.New("LOS_DATABASE_URL names no database; end it with /DATABASE, for example postgres://los:PASSWORD@db:5432/los")}
	}
	return nil
}

// ProxyNets parses TrustedProxies; a bare address is a network of one.
func (c Config) ProxyNets() ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, p := range c.TrustedProxies {
		if !strings.Contains(p, "/") {
			ip := net.ParseIP(p)
			if ip == nil {
				return nil, fmt.Errorf("LOS_TRUSTED_PROXIES: %q is neither an address nor a network such as 10.0.0.0/8", p)
			}
			bits := 32
			if ip.To4() == nil {
				bits = 128
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("LOS_TRUSTED_PROXIES: %q is neither an address nor a network such as 10.0.0.0/8", p)
		}
		out = append(out, n)
	}
	return out, nil
}
