package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/los-bot/los/auth"
)

// roleSet reports whether --role was given.
func roleSet(fs *flag.FlagSet) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "role" })
	return set
}

// manageUser disables, enables, deletes a user, changes their role or
// resets their second factor.
func manageUser(ctx context.Context, e *env, sub, email, role string, roleGiven bool) error {
	addr, err := auth.NormalizeEmail(email)
	if err != nil {
		return fmt.Errorf("--email: %w", err)
	}
	db, err := openStore(ctx, e.cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	var done string
	switch sub {
	case "disable":
		err, done = db.SetUserDisabled(ctx, addr, true), "disabled %s and ended their sessions; los users enable --email %[1]s undoes it"
	case "enable":
		err, done = db.SetUserDisabled(ctx, addr, false), "enabled %s"
	case "delete":
		err, done = db.DeleteUser(ctx, addr), "deleted %s; the audit log keeps what they did"
	case "totp reset":
		err, done = db.ResetTOTP(ctx, addr), "removed the second factor and recovery codes of %s and ended their sessions; they set it up again at the next sign-in"
	case "role":
		if !roleGiven {
			return fmt.Errorf("--role: give the new role: agent, editor or admin")
		}
		r, perr := auth.ParseRole(role)
		if perr != nil {
			return fmt.Errorf("--role: %w", perr)
		}
		err, done = db.SetUserRole(ctx, addr, r), "%s is now "+string(r)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, done+"\n", addr)
	return nil
}
