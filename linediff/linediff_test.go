package linediff

import (
	"strings"
	"testing"
)

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // op and text per line
	}{
		{"equal", "a\nb", "a\nb", "=a =b"},
		{"added at end", "a", "a\nb", "=a +b"},
		{"removed in middle", "a\nb\nc", "a\nc", "=a -b =c"},
		{"changed line", "a\nb\nc", "a\nB\nc", "=a -b +B =c"},
		{"from empty", "", "a\nb", "+a +b"},
		{"to empty", "a", "", "-a"},
		{"moved", "a\nb\nc\nd", "b\nc\na\nd", "-a =b =c +a =d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range Lines(tt.old, tt.new) {
				got = append(got, l.Op+l.Text)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("diff = %q, want %q", g, tt.want)
			}
		})
	}
	// Line numbers count in each text.
	d := Lines("a\nb\nc", "a\nx\nc")
	if d[1].Old != 2 || d[1].New != 0 || d[2].New != 2 || d[3].Old != 3 || d[3].New != 3 {
		t.Errorf("line numbers = %+v", d)
	}
}
