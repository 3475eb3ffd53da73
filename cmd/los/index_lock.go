package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/los-bot/los/kb"
)

// indexUse is how a command uses the search index, which one process at a
// time may have open (los serve holds it while it runs).
type indexUse struct {
	// holder names the command in the index's lock file ("los serve"),
	// for the messages of the commands that find the index in use.
	holder string
	// readOnly commands search a copy built in memory from the store when
	// the index is in use; the others refuse before they write anything.
	readOnly bool
}

func readIndex(command string) indexUse  { return indexUse{holder: "los " + command, readOnly: true} }
func writeIndex(command string) indexUse { return indexUse{holder: "los " + command} }

// errIndexInUse is the refusal of a command that would write the index
// while another process has it open. A running server owns the index and
// the caches built from it: a second writer would leave them stale, so
// changes go through the server (the editor and its API) or wait until it
// stops.
func errIndexInUse(locked *kb.LockedError) error {
	switch {
	case strings.HasPrefix(locked.Holder, "los serve "):
		return fmt.Errorf("los serve is running on this data directory %s; use the API or stop it",
			strings.TrimPrefix(locked.Holder, "los serve "))
	case locked.Holder != "":
		return fmt.Errorf("%s is using the search index of this data directory; try again when it has finished", locked.Holder)
	}
	return fmt.Errorf("another process has the search index %s open (los serve?); use the API or stop it", locked.Path)
}

// openCopy builds the search index in memory from the store, for a command
// that only reads while another process has the index on disk open. It
// answers from the same articles as that index, but by keywords alone:
// embedding every article again would take minutes on a large knowledge
// base.
func (a *app) openCopy(ctx context.Context, opts kb.Options, rev string, locked *kb.LockedError, progressOut io.Writer) error {
	holder := locked.Holder
	if holder == "" {
		holder = "another process"
	}
	a.log.Info("the search index is in use; searching a copy built in memory from the store", "holder", holder, "path", locked.Path)
	if opts.Embedder != nil {
		a.log.Info("the copy has no vectors: keyword search only")
		opts.Embedder = nil
	}
	ix, err := kb.Open("", opts)
	if err != nil {
		return err
	}
	a.index = ix
	return a.rebuild(ctx, rev, progressOut)
}
