// Package linediff compares two texts line by line, for the editor's
// view of what changed between two versions of an article.
package linediff

import "strings"

// Line is one line of a line diff: Op is "=" (in both), "-" (only in
// the old text) or "+" (only in the new). Old and New are 1-based line
// numbers in each text, 0 when the line is not there.
type Line struct {
	Op   string `json:"op"`
	Text string `json:"text"`
	Old  int    `json:"old,omitempty"`
	New  int    `json:"new,omitempty"`
}

// maxDiffCells bounds the work of the longest-common-subsequence table;
// texts beyond it are shown as wholly removed and added.
const maxDiffCells = 4_000_000

// Lines compares two texts line by line with a longest common
// subsequence, after setting aside the lines they share at both ends.
func Lines(oldText, newText string) []Line {
	a, b := splitLines(oldText), splitLines(newText)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	out := make([]Line, 0, len(a)+len(b))
	for i := 0; i < pre; i++ {
		out = append(out, Line{Op: "=", Text: a[i], Old: i + 1, New: i + 1})
	}
	out = append(out, middleDiff(a[pre:len(a)-suf], b[pre:len(b)-suf], pre)...)
	for k := suf; k > 0; k-- {
		i, j := len(a)-k, len(b)-k
		out = append(out, Line{Op: "=", Text: a[i], Old: i + 1, New: j + 1})
	}
	return out
}

// middleDiff diffs a and b, which start after off equal lines.
func middleDiff(a, b []string, off int) []Line {
	var out []Line
	if len(a)*len(b) > maxDiffCells {
		for i, l := range a {
			out = append(out, Line{Op: "-", Text: l, Old: off + i + 1})
		}
		for j, l := range b {
			out = append(out, Line{Op: "+", Text: l, New: off + j + 1})
		}
		return out
	}
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, Line{Op: "=", Text: a[i], Old: off + i + 1, New: off + j + 1})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			out = append(out, Line{Op: "-", Text: a[i], Old: off + i + 1})
			i++
		default:
			out = append(out, Line{Op: "+", Text: b[j], New: off + j + 1})
			j++
		}
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}
