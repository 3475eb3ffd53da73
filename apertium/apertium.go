// Package apertium translates between Bokmål and Nynorsk with Apertium
// (Debian's apertium-nno-nob): one long-lived pipeline per direction in
// null-flush mode, so a translation costs a round trip through running
// programs instead of starting twenty of them. Calls have a deadline, are
// safe for concurrent use (each direction serves one call at a time), and a
// pipeline that crashed or missed a deadline is replaced at the next call.
//
// Translate takes plain text or Markdown: lines keep their places, and
// screen labels in bold, code, addresses and citation marks stay as they
// are. The bot uses it for quoted articles and stray generated answers; the
// editor's "Lag nynorskutkast" / "Lag bokmålsutkast" is meant to call it
// on an article's title and body to make an unpublished draft twin.
package apertium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/los-bot/los"
)

// Modes of apertium-nno-nob that Los uses: Nynorsk with e-infinitive (the
// infinitive Los's own Nynorsk texts use) and Bokmål.
const (
	ModeToNynorsk = "nob-nno_e"
	ModeToBokmal  = "nno-nob"
)

// DefaultModes is where Debian's Apertium keeps its mode files.
const DefaultModes = "/usr/share/apertium/modes"

// DefaultTimeout bounds one translation when the caller's context has no
// earlier deadline.
const DefaultTimeout = 5 * time.Second

// ErrUnavailable is returned when Apertium or the language pair is not
// installed; callers fall back to the original text.
var ErrUnavailable = errors.New("apertium-nno-nob is not installed")

// Options configure a Translator.
type Options struct {
	// Modes is the directory of Apertium's mode files (DefaultModes).
	Modes string
	// Timeout bounds one call (DefaultTimeout).
	Timeout time.Duration
	// MarkUnknown keeps Apertium's marks on words it could not translate
	// (*word, #word, @word); customers never see them, training data
	// does.
	MarkUnknown bool
	// Keep lists names Apertium must not touch ("Los" would become
	// "Lós"); Markdown bold, code, addresses and citation marks are always
	// kept.
	Keep []string
	// IdleStop, when above 0, stops a pipeline that has translated
	// nothing for that long (each holds ~300 MiB); the next call starts it
	// again, which costs that call Apertium's start-up (see the package
	// benchmarks). 0 keeps pipelines running until Close.
	IdleStop time.Duration
}

// Translator translates between the two Norwegian standards. The zero
// value is not usable; New makes one. A Translator whose Apertium is
// missing still works: every call returns ErrUnavailable.
type Translator struct {
	timeout time.Duration
	marks   string // lt-proc's generation option: -n plain, -g marked
	keep    *regexp.Regexp
	dirs    map[[2]los.Standard]*direction
	missing error
	idle    time.Duration
	stop    chan struct{} // closed by Close: ends the idle watch
	once    sync.Once
}

// direction is one pipeline and what it needs to (re)start.
type direction struct {
	script string
	slot   chan struct{} // one call at a time
	mu     sync.Mutex    // guards p, closed and used
	p      *pipe
	closed bool
	used   time.Time // end of the last call
}

// New prepares a Translator. It checks that Apertium and both modes are
// installed (else every call returns ErrUnavailable, wrapped with the
// reason; see Available) but starts the pipelines only at their first use.
func New(opt Options) *Translator {
	if opt.Modes == "" {
		opt.Modes = DefaultModes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	t := &Translator{timeout: opt.Timeout, marks: "-n", keep: keepRE(opt.Keep), dirs: map[[2]los.Standard]*direction{},
		idle: opt.IdleStop, stop: make(chan struct{})}
	if opt.MarkUnknown {
		t.marks = "-g"
	}
	for key, mode := range map[[2]los.Standard]string{
		{los.Bokmal, los.Nynorsk}: ModeToNynorsk,
		{los.Nynorsk, los.Bokmal}: ModeToBokmal,
	} {
		script, err := modeScript(filepath.Join(opt.Modes, mode+".mode"))
		if err != nil {
			t.missing = fmt.Errorf("%w: %v", ErrUnavailable, err)
			return t
		}
		t.dirs[key] = &direction{script: script, slot: make(chan struct{}, 1)}
	}
	if t.idle > 0 {
		go t.watchIdle()
	}
	return t
}

// modeScript turns a mode file into the shell pipeline that runs it in
// null-flush mode.
func modeScript(path string) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("no mode file %s", path)
	}
	out, err := exec.Command("apertium-wblank-mode", "-z", path).Output()
	if err != nil {
		return "", fmt.Errorf("apertium-wblank-mode: %v", err)
	}
	script := strings.TrimSpace(string(out))
	if script == "" {
		return "", fmt.Errorf("apertium-wblank-mode gave no pipeline for %s", path)
	}
	return script, nil
}

// Available returns nil when Apertium can translate, else why not (an
// error wrapping ErrUnavailable).
func (t *Translator) Available() error { return t.missing }

// Translate translates text from one standard into the other. Text in the
// same standard, or English on either side, is returned as it is. Errors:
// ErrUnavailable, the context's error at its deadline, or a pipeline
// failure; the next call starts a fresh pipeline after a failure.
func (t *Translator) Translate(ctx context.Context, from, to los.Standard, text string) (string, error) {
	if from == to || strings.TrimSpace(text) == "" {
		return text, nil
	}
	if t.missing != nil {
		return "", t.missing
	}
	d := t.dirs[[2]los.Standard{from, to}]
	if d == nil {
		return "", fmt.Errorf("apertium: no translation from %s to %s", from, to)
	}
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	select {
	case d.slot <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() {
		d.mu.Lock()
		d.used = time.Now()
		d.mu.Unlock()
		<-d.slot
	}()
	p, err := d.running(t.marks)
	if err != nil {
		return "", err
	}
	out, err := p.translate(ctx, deformat(strings.ReplaceAll(text, "\x00", ""), t.keep))
	if err != nil {
		d.drop(p)
		return "", fmt.Errorf("apertium %s-%s: %w", from, to, err)
	}
	return reformat(out), nil
}

// running returns the direction's pipeline, starting one if none runs.
func (d *direction) running(marks string) (*pipe, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, errors.New("apertium: translator closed")
	}
	if d.p != nil {
		select {
		case <-d.p.done: // crashed since the last call
			d.p = nil
		default:
			return d.p, nil
		}
	}
	p, err := startPipe(d.script, marks)
	if err != nil {
		return nil, fmt.Errorf("apertium: start: %w", err)
	}
	d.p, d.used = p, time.Now()
	return p, nil
}

// drop kills a pipeline that failed a call.
func (d *direction) drop(p *pipe) {
	p.kill()
	d.mu.Lock()
	if d.p == p {
		d.p = nil
	}
	d.mu.Unlock()
}

// Start starts both pipelines now instead of at their first call, so the
// first customer does not wait for Apertium to load its dictionaries.
func (t *Translator) Start() error {
	if t.missing != nil {
		return t.missing
	}
	for _, d := range t.dirs {
		if _, err := d.running(t.marks); err != nil {
			return err
		}
	}
	return nil
}

// PIDs returns the process groups of the running pipelines (for
// measuring their memory).
func (t *Translator) PIDs() []int {
	var out []int
	for _, d := range t.dirs {
		d.mu.Lock()
		if d.p != nil {
			out = append(out, d.p.pid())
		}
		d.mu.Unlock()
	}
	return out
}

// Close ends the pipelines: their input is closed and each gets a moment
// to exit before it is killed. Calls after Close fail.
func (t *Translator) Close() error {
	t.once.Do(func() { close(t.stop) })
	var errs []error
	for _, d := range t.dirs {
		d.mu.Lock()
		p := d.p
		d.p, d.closed = nil, true
		d.mu.Unlock()
		if p != nil {
			errs = append(errs, p.close(2*time.Second))
		}
	}
	return errors.Join(errs...)
}
