// Package progress draws a progress bar for long operations (imports,
// reindexing, model pulls) on a terminal, and plain occasional lines when
// the output is not a terminal.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// Bar reports progress of one operation to w.
type Bar struct {
	w       io.Writer
	label   string
	tty     bool
	width   int
	last    time.Time
	lastPct int
	now     func() time.Time
}

// New returns a bar writing to w, animated when w is a terminal.
func New(w io.Writer, label string) *Bar {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &Bar{w: w, label: label, tty: tty, width: 30, lastPct: -1, now: time.Now}
}

// Update shows done out of total. A total of 0 or less means unknown.
func (b *Bar) Update(done, total int64) {
	pct := -1
	if total > 0 {
		pct = int(done * 100 / total)
	}
	now := b.now()
	if b.tty {
		if pct == b.lastPct && now.Sub(b.last) < 100*time.Millisecond {
			return
		}
		fill := 0
		if pct >= 0 {
			fill = b.width * pct / 100
		}
		fmt.Fprintf(b.w, "\r%s [%s%s] %s", b.label, strings.Repeat("#", fill), strings.Repeat(".", b.width-fill), count(done, total, pct))
	} else {
		// One line per 25 percent, so logs stay readable.
		if pct >= 0 && (pct/25 == b.lastPct/25 && b.lastPct >= 0) && done != total {
			return
		}
		if pct < 0 && now.Sub(b.last) < 2*time.Second {
			return
		}
		fmt.Fprintf(b.w, "%s: %s\n", b.label, count(done, total, pct))
	}
	b.last, b.lastPct = now, pct
}

// Done ends the bar's line.
func (b *Bar) Done() {
	if b.tty {
		fmt.Fprintln(b.w)
	}
}

func count(done, total int64, pct int) string {
	if total <= 0 {
		return fmt.Sprintf("%d", done)
	}
	return fmt.Sprintf("%d/%d (%d%%)", done, total, pct)
}
