package ollamatest

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Stop ends the server and its runner: SIGTERM to the process group, SIGKILL
// if anything is left after a bounded wait. Stopping twice is harmless.
func (s *Server) Stop() { s.stop(syscall.SIGTERM) }

// Kill SIGKILLs the whole process group at once, as a crash would.
func (s *Server) Kill() { s.stop(syscall.SIGKILL) }

// Restart stops the server if it runs and starts it again on the same port
// with the same models, so that to a client the server is back.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	if err := s.run(); err != nil {
		t.Fatalf("ollamatest: restart: %v", err)
	}
}

// Pause freezes the server and its runner with SIGSTOP: connections are
// accepted but nothing answers, as with a server stuck on a slow model. The
// test's cleanup resumes it; Resume does so earlier.
func (s *Server) Pause(t testing.TB) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		t.Fatal("ollamatest: Pause: the server is not running")
	}
	if err := syscall.Kill(-s.proc.pgid, syscall.SIGSTOP); err != nil {
		t.Fatalf("ollamatest: Pause: %v", err)
	}
	s.proc.paused = true
	t.Cleanup(s.Resume)
	waitStopped(t, groupPIDs(s.proc.pgid))
}

// Resume continues a paused server.
func (s *Server) Resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil && s.proc.paused {
		syscall.Kill(-s.proc.pgid, syscall.SIGCONT)
		s.proc.paused = false
	}
}

func (s *Server) stop(sig syscall.Signal) {
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p == nil {
		return
	}
	syscall.Kill(-p.pgid, sig)
	syscall.Kill(-p.pgid, syscall.SIGCONT) // a paused process acts on SIGTERM only once continued
	if !waitGone(p.pgid, stopTimeout) {
		syscall.Kill(-p.pgid, syscall.SIGKILL)
		waitGone(p.pgid, stopTimeout)
	}
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
	}
	if p.guard != nil {
		p.guard.Close()
	}
	s.transport.CloseIdleConnections()
}

// waitGone polls until no live process is left in the group.
func waitGone(pgid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for groupAlive(pgid) {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}

// startGuard starts a shell in the server's process group that blocks reading
// a pipe only this test binary writes to. When the test binary ends for any
// reason (even a panic or SIGKILL, when no cleanup runs) the pipe closes and
// the guard kills the whole group, the runner child included. Best effort:
// without /bin/sh the guard is missing and only Pdeathsig protects.
func startGuard(pgid int) (*os.File, int) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, 0
	}
	defer r.Close()
	cmd := exec.Command("/bin/sh", "-c", `read -r line; kill -s KILL -- "-$1"`, "ollamatest-guard", strconv.Itoa(pgid))
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: pgid}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, 0
	}
	go cmd.Wait()
	return w, cmd.Process.Pid
}

// waitStopped polls until the processes have stopped after SIGSTOP.
func waitStopped(t testing.TB, pids []int) {
	t.Helper()
	deadline := time.Now().Add(stopTimeout)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !stopped(pids) {
		if time.Now().After(deadline) {
			t.Fatalf("ollamatest: processes %v did not stop within %v", pids, stopTimeout)
		}
		<-tick.C
	}
}
