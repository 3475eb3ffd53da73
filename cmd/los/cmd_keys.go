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
  los keys create --scope chat,kb:write,agent,admin [--name NAME]
  los keys list
  los keys revoke ID

create prints the new key on the last line of its output. It is shown
once: Los keeps only its hash. Programs send it as
Authorization: Bearer los_...`

// cmdKeys manages API keys for programs.
func cmdKeys(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, keysUsage)
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	var (
		fs    flag.FlagSet
		scope = fs.String("scope", "", "comma-separated scopes: chat, kb:write, agent, admin")
		name  = fs.String("name", "", "a name to recognise the key by")
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
		key, k, err := db.NewAPIKey(ctx, strings.TrimSpace(*name), scopes)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created key %d (%s) with scopes %s; it is shown once, below:\n", k.ID, k.Name, joinScopes(k.Scopes))
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
	fmt.Fprintln(w, "ID\tNAME\tKEY\tSCOPES\tCREATED\tLAST USED\tREVOKED")
	for _, k := range keys {
		fmt.Fprintf(w, "%d\t%s\t%s…\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Hint, joinScopes(k.Scopes),
			k.Created.Format(time.DateTime), when(k.LastUsed), when(k.Revoked))
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
