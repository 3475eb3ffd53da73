//go:build linux

package pgtest

import "syscall"

// serverAttr runs the server as cred, in its own process group (a Ctrl-C
// for `go test` is not for it), and makes the kernel send it SIGQUIT, the
// immediate-shutdown signal, when the test binary dies.
func serverAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGQUIT}
}
