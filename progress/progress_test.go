package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestPlainOutputIsSparse(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "indexing")
	for i := int64(0); i <= 100; i++ {
		b.Update(i, 100)
	}
	b.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5 (0, 25, 50, 75, 100 %%):\n%s", len(lines), buf.String())
	}
	if want := "indexing: 100/100 (100%)"; lines[4] != want {
		t.Errorf("last line = %q, want %q", lines[4], want)
	}
}

func TestTerminalBar(t *testing.T) {
	var buf bytes.Buffer
	b := &Bar{w: &buf, label: "pull", tty: true, width: 10, lastPct: -1, now: New(&buf, "").now}
	b.Update(5, 10)
	if got := buf.String(); got != "\rpull [#####.....] 5/10 (50%)" {
		t.Errorf("bar = %q", got)
	}
}
