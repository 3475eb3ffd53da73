//go:build unix

package main

import "syscall"

// ownerOnly makes every file and directory Los creates readable by its
// owner alone (the database, the index, backups, locks): the data
// directory holds customers' conversations.
func ownerOnly() { syscall.Umask(0o077) }
