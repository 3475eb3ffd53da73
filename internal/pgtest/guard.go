package pgtest

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// guardScript waits until its standard input closes, which happens when the
// test binary ends for any reason (even SIGKILL, when no cleanup runs), then
// shuts the postmaster down at once, waits for it (5 s at most, then
// SIGKILL) and removes the cluster's directory. A zombie counts as gone: an
// orphan's reaper may never come in a container.
const guardScript = `running() {
  if [ -r "/proc/$1/stat" ]; then
    read -r _ _ state _ < "/proc/$1/stat" 2>/dev/null || return 1
    [ "$state" != Z ] && [ "$state" != X ]
  else
    kill -0 "$1" 2>/dev/null
  fi
}
read -r _
kill -s QUIT "$1" 2>/dev/null
i=0
while running "$1" && [ "$i" -lt 250 ]; do sleep 0.02; i=$((i+1)); done
running "$1" && kill -s KILL "$1"
rm -rf -- "$2"
`

// guard is a shell that stops the server and removes its files once the
// test binary is gone. Best effort: without /bin/sh there is no guard, and
// only the parent-death signal stops the server.
type guard struct {
	w   *os.File // the only write end of the guard's stdin
	cmd *exec.Cmd
}

func startGuard(pid int, dir string) *guard {
	r, w, err := os.Pipe()
	if err != nil {
		return nil
	}
	defer r.Close()
	cmd := exec.Command("/bin/sh", "-c", guardScript, "pgtest-guard", strconv.Itoa(pid), dir)
	cmd.Stdin = r
	// Its own process group: a Ctrl-C meant for `go test` must not end the
	// guard before the test binary has gone.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil
	}
	return &guard{w: w, cmd: cmd}
}

// trigger does what the kernel does when the test binary dies.
func (g *guard) trigger() {
	if g != nil {
		g.w.Close()
	}
}

// stop ends the guard without letting it act: the server is stopped already.
func (g *guard) stop() {
	if g == nil {
		return
	}
	g.cmd.Process.Kill()
	g.cmd.Wait()
	g.w.Close()
}
