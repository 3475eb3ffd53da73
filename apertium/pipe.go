package apertium

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"
)

// pipe is one running Apertium pipeline in null-flush mode: text ending in
// NUL goes in, its translation ending in NUL comes out.
type pipe struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   chan string // one translation per NUL; closed when the pipeline ends
	done  chan struct{}
	err   error // why it ended; read after done is closed
}

// startPipe starts the pipeline of a mode: the shell command that
// apertium-wblank-mode -z makes of the mode file, with lt-proc's
// generation option (-n: unknown words without a mark, -g: with) as the
// script's $1.
func startPipe(script, marks string) (*pipe, error) {
	cmd := exec.Command("bash", "-c", script, "los-apertium", marks, "")
	// Its own process group, so that a kill reaches every program of the
	// pipeline and none is left behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &pipe{cmd: cmd, stdin: stdin, out: make(chan string, 1), done: make(chan struct{})}
	go func() {
		r := bufio.NewReader(stdout)
		for {
			s, err := r.ReadString(0)
			if err != nil {
				break
			}
			p.out <- s[:len(s)-1]
		}
		close(p.out)
		werr := cmd.Wait()
		if msg := stderr.String(); msg != "" {
			werr = fmt.Errorf("%v: %s", werr, msg)
		}
		p.err = werr
		close(p.done)
	}()
	return p, nil
}

// translate sends one chunk and waits for its translation until ctx ends.
// After an error the pipeline is out of step and must be killed.
func (p *pipe) translate(ctx context.Context, stream string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	write := make(chan error, 1)
	go func() {
		_, err := io.WriteString(p.stdin, stream+"\x00")
		write <- err
	}()
	select {
	case s, ok := <-p.out:
		if !ok {
			<-p.done
			return "", fmt.Errorf("apertium pipeline ended: %v", p.err)
		}
		if err := <-write; err != nil {
			return "", err
		}
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// kill ends the pipeline at once and waits for it.
func (p *pipe) kill() {
	if p.cmd.Process != nil {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	}
	<-p.done
}

// close ends the pipeline gently (end of input), and kills it when it has
// not ended within grace.
func (p *pipe) close(grace time.Duration) error {
	_ = p.stdin.Close()
	go func() {
		// Drain what the pipeline still flushes at its end.
		for range p.out { //nolint:revive // draining
		}
	}()
	select {
	case <-p.done:
	case <-time.After(grace):
		p.kill()
	}
	var ee *exec.ExitError
	if p.err != nil && !errors.As(p.err, &ee) {
		return p.err
	}
	return nil
}

// pid is the process group of the pipeline.
func (p *pipe) pid() int { return p.cmd.Process.Pid }

// limitedBuffer keeps the first 4 KiB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 4096 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }
