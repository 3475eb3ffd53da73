package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/los-bot/los/auth"
)

const keysUsage = `Usage:
  los keys create --scope chat,kb:write,agent,admin [--name NAME] [--expires 90d|2027-06-30]
  los keys list
  los keys revoke ID

create prints the new key on the last line of its output. It is shown
once: Los keeps only its hash. Programs send it as
Authorization: Bearer los_...; after --expires (a number of days, or a
date, Europe/Oslo midnight) it is refused with 401.`

// cmdKeys manages API keys for programs.
func cmdKeys(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, keysUsage)
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	var (
		fs      flag.FlagSet
		scope   = fs.String("scope", "", "comma-separated scopes: chat, kb:write, agent, admin")
		name    = fs.String("name", "", "a name to recognise the key by")
		expires = fs.String("expires", "", "when the key stops working: a number of days (90d) or a date (2027-06-30); default never")
	)
	switch sub {
	case "create":
		if err := e.parse("keys create", &fs, 0, ""); err != nil {
			return err
		}
	case "list":
		if err := e.parse("keys list", new(flag.FlagSet), 0, ""); err != nil {
			return err
		}
	case "revoke":
		if err := e.parse("keys revoke", new(flag.FlagSet), 1, "ID"); err != nil {
			return err
		}
	default:
		fmt.Fprintf(e.stderr, "los keys: unknown subcommand %q\n%s\n", sub, keysUsage)
		return errUsage
	}
	db, err := openConfiguredStore(ctx, e.cfg)
	if err != nil {
		return err
	}
	defer db.Close()

	switch sub {
	case "create":
		scopes, err := auth.ParseScopes(*scope)
		if err != nil {
			return fmt.Errorf("--scope: %w", err)
		}
		until, err := parseExpiry(*expires, time.Now())
		if err != nil {
			return fmt.Errorf("--expires: %w", err)
		}
		key, k, err := db.NewAPIKeyUntil(ctx, strings.TrimSpace(*name), scopes, until)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created key %d (%s) with scopes %s, expires %s; it is shown once, below:\n", k.ID, k.Name, joinScopes(k.Scopes), expiry(k.Expires))
		fmt.Fprintln(e.stdout, key)
		return nil
	case "revoke":
		id, err := strconv.ParseInt(e.args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a key ID; see los keys list", e.args[0])
		}
		if err := db.RevokeAPIKey(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked key %d\n", id)
		return nil
	}
	keys, err := db.APIKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		fmt.Fprintln(e.stderr, "no keys yet; create one with: los keys create --scope chat")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tKEY\tSCOPES\tCREATED\tLAST USED\tEXPIRES\tREVOKED")
	for _, k := range keys {
		fmt.Fprintf(w, "%d\t%s\t%s…\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Hint, joinScopes(k.Scopes),
			k.Created.Format(time.DateTime), when(k.LastUsed), expiry(k.Expires), when(k.Revoked))
	}
	return w.Flush()
}

func joinScopes(ss []auth.Scope) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return strings.Join(out, ",")
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateTime)
}

// parseExpiry reads --expires: "" (never), a number of days ("90d") or a
// date ("2027-06-30", the start of that day in Europe/Oslo), which must
// be in the future.
func parseExpiry(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	var t time.Time
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 {
			return time.Time{}, fmt.Errorf("%q: write a number of days, like 90d, or a date, like 2027-06-30", s)
		}
		t = now.AddDate(0, 0, n)
	} else {
		zone, err := time.LoadLocation("Europe/Oslo")
		if err != nil {
			zone = time.UTC
		}
		if t, err = time.ParseInLocation(time.DateOnly, s, zone); err != nil {
			return time.Time{}, fmt.Errorf("%q: write a number of days, like 90d, or a date, like 2027-06-30", s)
		}
	}
	if !t.After(now) {
		return time.Time{}, fmt.Errorf("%s is not in the future", s)
	}
	return t, nil
}

// expiry shows when a key expires: a time, or "never".
func expiry(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.Local().Format(time.DateTime)
}
