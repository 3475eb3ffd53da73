package main

import (
	"context"
	"io"
	"os"

	"golang.org/x/term"
)

// untilDone reads r until ctx ends, then fails with ctx's error, so a
// command blocked reading standard input (a terminal, or a pipe nobody
// writes to) stops on Ctrl-C. A read already blocked in r is abandoned
// to the process's exit.
func untilDone(ctx context.Context, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err)
	}()
	context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	return pr
}

// readTerminalPassword reads a line from the terminal f without echo. When
// ctx ends first it puts the terminal back as it was (echo on) and
// returns ctx's error.
func readTerminalPassword(ctx context.Context, f *os.File) ([]byte, error) {
	fd := int(f.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return nil, err
	}
	type read struct {
		b   []byte
		err error
	}
	done := make(chan read, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- read{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		term.Restore(fd, state)
		return nil, ctx.Err()
	}
}
