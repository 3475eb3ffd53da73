//go:build unix && !linux

package pgtest

import "syscall"

// serverAttr runs the server as cred in its own process group; without
// Pdeathsig only the guard stops it when the test binary dies.
func serverAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Setpgid: true}
}
