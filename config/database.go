package config

import (
	"errors"
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
