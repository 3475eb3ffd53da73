package apertium

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/los-bot/los/lang"

	"github.com/los-bot/los"
)

// real returns a started Translator over the installed Apertium. Outside
// CI a machine without apertium-nno-nob skips; under CI=true it fails, so
// `make test` always tests the real pipelines.
func real(t testing.TB) *Translator {
	t.Helper()
	tr := New(Options{})
	if err := tr.Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs apertium-nno-nob (scripts/test-deps.sh installs it): %v", err)
		}
		t.Skipf("apertium-nno-nob not installed: %v", err)
	}
	t.Cleanup(func() {
		if err := tr.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return tr
}

func TestTranslateBothWays(t *testing.T) {
	tr := real(t)
	ctx := context.Background()
	nn, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, "Jeg har ikke fått regningen fra dere. Hvordan kan jeg betale den?")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Eg", "ikkje", "rekninga", "frå", "Korleis"} {
		if !strings.Contains(nn, w) {
			t.Errorf("nb->nn %q lacks %q", nn, w)
		}
	}
	if got := lang.Detect(nn); got != los.Nynorsk {
		t.Errorf("the translation %q is detected as %s", nn, got)
	}
	nb, err := tr.Translate(ctx, los.Nynorsk, los.Bokmal, "Eg har ikkje fått rekninga frå dykk.")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Jeg", "ikke", "fra"} {
		if !strings.Contains(nb, w) {
			t.Errorf("nn->nb %q lacks %q", nb, w)
		}
	}
}

// TestKeepsLayout: lines, list items, Markdown emphasis and the stream's
// special characters come back where they were.
func TestKeepsLayout(t *testing.T) {
	tr := real(t)
	in := "Slik endrer du adressen:\n\n- Logg inn på **Min side**.\n- Velg [Faktura] og trykk ^lagre$ (a/b <c> @d {e} \\f).\n\nRing 22 40 00 40 hvis det ikke virker."
	out, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", out)
	if strings.Count(out, "\n") != strings.Count(in, "\n") || !strings.Contains(out, "\n\n- ") {
		t.Errorf("lines changed:\n%s", out)
	}
	for _, w := range []string{"**", "[Faktura]", "^", "$ (a/b <c> @d {e} \\f).", "22 40 00 40", "ikkje"} {
		if !strings.Contains(out, w) {
			t.Errorf("lost %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, ".[]") || strings.Contains(out, "\x00") {
		t.Errorf("stream syntax leaked:\n%q", out)
	}
}

func TestSameStandardAndEnglishUntouched(t *testing.T) {
	tr := New(Options{Modes: t.TempDir()}) // nothing installed there
	if !errors.Is(tr.Available(), ErrUnavailable) {
		t.Fatalf("Available = %v", tr.Available())
	}
	if got, err := tr.Translate(context.Background(), los.Nynorsk, los.Nynorsk, "Eg"); err != nil || got != "Eg" {
		t.Errorf("same standard: %q, %v", got, err)
	}
	if _, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("missing Apertium: %v", err)
	}
}

// TestConcurrent: calls from many goroutines each get their own
// translation, never a neighbour's.
func TestConcurrent(t *testing.T) {
	tr := real(t)
	// Forty calls queue for one pipeline: on a loaded machine the last
	// waits longer than a customer's deadline. This test is about who gets
	// which answer.
	tr.timeout = time.Minute
	texts := []string{"Jeg bor i Bergen.", "Hvor er regningen?", "Vi kan ikke komme i dag.", "Hun har ikke strøm."}
	want := make([]string, len(texts))
	for i, s := range texts {
		var err error
		if want[i], err = tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, s); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 5 {
				i := (g + k) % len(texts)
				got, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, texts[i])
				if err != nil || got != want[i] {
					t.Errorf("%q: got %q, %v; want %q", texts[i], got, err, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

// TestRestartAfterCrash: a pipeline killed from outside is replaced at the
// next call.
func TestRestartAfterCrash(t *testing.T) {
	tr := real(t)
	if err := tr.Start(); err != nil {
		t.Fatal(err)
	}
	for _, pid := range tr.PIDs() {
		if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
	}
	d := tr.dirs[[2]los.Standard{los.Bokmal, los.Nynorsk}]
	<-d.p.done // the crash is seen
	got, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg vet ikke.")
	if err != nil || !strings.Contains(got, "ikkje") {
		t.Fatalf("after a crash: %q, %v", got, err)
	}
}

// TestDeadline: a call whose deadline passes fails with the context's
// error, and the next call gets a fresh pipeline that works.
func TestDeadline(t *testing.T) {
	tr := real(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, "Jeg vet ikke."); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: %v", err)
	}
	// A pipeline that never answers: cat waits for more input, the NUL
	// never comes back in the form asked for.
	stuck := New(Options{Timeout: 50 * time.Millisecond})
	if stuck.Available() != nil {
		t.Skip("apertium-nno-nob not installed")
	}
	defer stuck.Close()
	d := stuck.dirs[[2]los.Standard{los.Bokmal, los.Nynorsk}]
	d.script = "tr -d '\\000'; cat"
	start := time.Now()
	if _, err := stuck.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg vet ikke."); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("stuck pipeline: %v", err)
	}
	if d.p != nil {
		t.Error("the stuck pipeline was kept")
	}
	t.Logf("gave up after %v", time.Since(start))
	d.script = tr.dirs[[2]los.Standard{los.Bokmal, los.Nynorsk}].script
	stuck.timeout = DefaultTimeout // room for Apertium to start
	if got, err := stuck.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg vet ikke."); err != nil || !strings.Contains(got, "ikkje") {
		t.Fatalf("after the deadline: %q, %v", got, err)
	}
}

func TestClosed(t *testing.T) {
	tr := real(t)
	if _, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg."); err != nil {
		t.Fatal(err)
	}
	pids := tr.PIDs()
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		if err := syscall.Kill(-pid, 0); err == nil {
			t.Errorf("process group %d still runs after Close", pid)
		}
	}
	if _, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, "Jeg."); err == nil {
		t.Error("a call after Close worked")
	}
}

func TestFormatRoundTrip(t *testing.T) {
	keep := keepRE([]string{"Los"})
	for _, s := range []string{"a", "a\nb", "a\n\n\nb\n", "[x] ^y$ \\ / <> @ {} * # + | ~", "Slutt.",
		"Se **Min side > [Faktura]** og `a\\b` [1]", "Los på https://x.example/a]b e@x.no"} {
		if got := reformat(deformat(s, keep)); got != s {
			t.Errorf("round trip %q -> %q", s, got)
		}
	}
}

// TestProtectedSpans: screen labels, code, addresses, citation marks and
// kept names come through as they were; the words around them are
// translated.
func TestProtectedSpans(t *testing.T) {
	tr := New(Options{Keep: []string{"Los"}})
	if tr.Available() != nil {
		real(t)
	}
	defer tr.Close()
	in := "Los sier: Logg inn på **Min side** og velg `hvis ikke`, se https://nordlys.example/min-side eller skriv til kundeservice@nordlys.example [1]."
	out, err := tr.Translate(context.Background(), los.Bokmal, los.Nynorsk, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Los ", "**Min side**", "`hvis ikke`", "https://nordlys.example/min-side", "kundeservice@nordlys.example", "[1]", "seier"} {
		if !strings.Contains(out, w) {
			t.Errorf("lost %q: %s", w, out)
		}
	}
}

// TestIdleStop: a pipeline idle for the idle period is stopped, one in
// use or used recently is not, and the next call starts it again.
func TestIdleStop(t *testing.T) {
	tr := real(t)
	tr.idle = time.Hour // the test drives stopIdle itself
	ctx := context.Background()
	if _, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, "Jeg vet ikke."); err != nil {
		t.Fatal(err)
	}
	if n := len(tr.PIDs()); n != 1 {
		t.Fatalf("%d pipelines run after one call in one direction", n)
	}
	if n, err := tr.stopIdle(time.Now()); n != 0 || err != nil {
		t.Fatalf("stopped %d just used (%v)", n, err)
	}
	d := tr.dirs[[2]los.Standard{los.Bokmal, los.Nynorsk}]
	d.slot <- struct{}{} // a call under way
	if n, _ := tr.stopIdle(time.Now().Add(2 * time.Hour)); n != 0 {
		t.Fatal("stopped a pipeline in use")
	}
	<-d.slot
	if n, err := tr.stopIdle(time.Now().Add(2 * time.Hour)); n != 1 || err != nil || len(tr.PIDs()) != 0 {
		t.Fatalf("idle pipeline: stopped %d (%v), %d still run", n, err, len(tr.PIDs()))
	}
	out, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, "Jeg vet ikke.")
	if err != nil || !strings.Contains(out, "veit ikkje") {
		t.Fatalf("after an idle stop: %q, %v", out, err)
	}
}

// TestIdleWatch: with IdleStop set, the watch stops an idle pipeline by
// itself.
func TestIdleWatch(t *testing.T) {
	if err := New(Options{}).Available(); err != nil {
		real(t) // skips or fails as the other tests do
	}
	tr := New(Options{IdleStop: 20 * time.Millisecond})
	defer tr.Close()
	if _, err := tr.Translate(context.Background(), los.Nynorsk, los.Bokmal, "Eg veit ikkje."); err != nil {
		t.Fatal(err)
	}
	d := tr.dirs[[2]los.Standard{los.Nynorsk, los.Bokmal}]
	deadline := time.After(10 * time.Second)
	for {
		d.mu.Lock()
		p := d.p
		d.mu.Unlock()
		if p == nil {
			return
		}
		select {
		case <-p.done: // the watch closed it
		case <-deadline:
			t.Fatal("the idle pipeline still runs after 10 s")
		}
	}
}
