package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

const usersUsage = `Usage:
  los users add --role agent|editor|admin --email EMAIL [--name NAME] < password-file
  los users passwd --email EMAIL < password-file
  los users rename --email EMAIL --name NAME
  los users list
  los users disable --email EMAIL      (keeps the account; ends its sessions)
  los users enable --email EMAIL
  los users role --email EMAIL --role agent|editor|admin
  los users delete --email EMAIL       (the audit log keeps what they did)
  los users totp reset --email EMAIL   (a lost phone: set up again at next sign-in)

The password is the first line of standard input; on a terminal it is
asked for without echo. It must have at least 15 characters, not only
spaces, not be the e-mail address, and not be common or easy to guess:
four or five random words make a good one. NAME is the display name
customers see beside an agent's messages ("Kari" is shown as "Kari fra
kundeservice"); rename with an empty --name to show none.`

// cmdUsers manages the accounts that sign in to the inbox and the editor.
func cmdUsers(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, usersUsage)
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	var (
		fs    flag.FlagSet
		role  = fs.String("role", "agent", "agent, editor or admin")
		email = fs.String("email", "", "the user's e-mail address")
		name  = fs.String("name", "", "the display name customers see, for example Kari")
	)
	switch sub {
	case "add", "passwd":
		if err := e.parse("users "+sub, &fs, 0, "< password"); err != nil {
			return err
		}
	case "rename":
		if err := e.parse("users rename", &fs, 0, ""); err != nil {
			return err
		}
	case "list":
		var lfs flag.FlagSet
		if err := e.parse("users list", &lfs, 0, ""); err != nil {
			return err
		}
	case "disable", "enable", "role", "delete":
		if err := e.parse("users "+sub, &fs, 0, ""); err != nil {
			return err
		}
		return manageUser(ctx, e, sub, *email, *role, roleSet(&fs))
	case "totp":
		if len(e.args) == 0 || e.args[0] != "reset" {
			fmt.Fprintf(e.stderr, "los users totp: use: los users totp reset --email EMAIL\n")
			return errUsage
		}
		e.args = e.args[1:]
		if err := e.parse("users totp reset", &fs, 0, ""); err != nil {
			return err
		}
		return manageUser(ctx, e, "totp reset", *email, *role, false)
	default:
		fmt.Fprintf(e.stderr, "los users: unknown subcommand %q\n%s\n", sub, usersUsage)
		return errUsage
	}

	db, err := openConfiguredStore(ctx, e.cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "list" {
		return listUsers(ctx, e, db)
	}

	addr, err := auth.NormalizeEmail(*email)
	if err != nil {
		return fmt.Errorf("--email: %w", err)
	}
	display, err := auth.NormalizeName(*name)
	if err != nil {
		return fmt.Errorf("--name: %w", err)
	}
	if sub == "rename" {
		return renameUser(ctx, e, db, addr, display)
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		return fmt.Errorf("--role: %w", err)
	}
	password, err := readPassword(ctx, e)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(password, addr); err != nil {
		return errors.New(los.ErrorMessage(err))
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	if sub == "passwd" {
		if err := db.SetPassword(ctx, addr, hash); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "changed the password of %s and signed them out everywhere\n", addr)
		return nil
	}
	if err := db.CreateUser(ctx, &auth.User{Email: addr, Name: display, Role: r, PasswordHash: hash}); err != nil {
		return fmt.Errorf("%w (change a password with: los users passwd --email %s)", err, addr)
	}
	fmt.Fprintf(e.stdout, "added %s %s\n", r, addr)
	return nil
}

// readPassword reads the first line of standard input, or asks on a
// terminal without echoing. It never prints the password.
func readPassword(ctx context.Context, e *env) (string, error) {
	var password string
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password (not shown): ")
		b, err := readTerminalPassword(ctx, f)
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		password = string(b)
	} else {
		line, err := bufio.NewReader(untilDone(ctx, e.stdin)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if password == "" {
		return "", errors.New("no password: give it as the first line of standard input, for example: los users add --email E < password.txt")
	}
	if !utf8.ValidString(password) {
		return "", errors.New("the password is not valid UTF-8")
	}
	return password, nil
}

func listUsers(ctx context.Context, e *env, db *store.DB) error {
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(e.stderr, "no users yet; add one with: los users add --role agent --email E < password")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tROLE\tNAME\tCREATED\tSECOND FACTOR\tSTATE")
	for _, u := range users {
		name, factor, state := u.Name, "-", "active"
		if name == "" {
			name = "-"
		}
		if u.HasTOTP() {
			factor = "totp"
		}
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Email, u.Role, name, u.Created.Format("2006-01-02 15:04"), factor, state)
	}
	return w.Flush()
}

// renameUser sets the display name customers see for a user.
func renameUser(ctx context.Context, e *env, db *store.DB, email, name string) error {
	if err := db.SetDisplayName(ctx, email, name); err != nil {
		return err
	}
	if name == "" {
		fmt.Fprintf(e.stdout, "%s has no display name now; customers see \"kundeservice\"\n", email)
		return nil
	}
	fmt.Fprintf(e.stdout, "customers now see %s as \"%s fra kundeservice\"\n", email, name)
	return nil
}
