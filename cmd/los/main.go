// Command los runs the Los customer-service bot. See `los help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ownerOnly()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal asks the command to stop; a second one ends the
	// process at once, whatever it is doing.
	context.AfterFunc(ctx, stop)
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
