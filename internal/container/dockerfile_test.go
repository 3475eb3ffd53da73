package container

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line  int    // where it starts
	cmd   string // upper case: FROM, COPY, RUN...
	flags map[string]string
	args  []string // the JSON array, or the words of the rest
	rest  string   // the text after the flags
	json  bool     // args came from a JSON array (exec form)
}

// stage is the instructions of one FROM.
type stage struct {
	from, name string
	ins        []instruction
}

// parseDockerfile reads the subset of the syntax that our Dockerfile uses:
// comments, parser directives, backslash continuations, --flags and the JSON
// (exec) form. It is not a full parser (no heredocs, no escape directive).
func parseDockerfile(r io.Reader) ([]stage, error) {
	var stages []stage
	var text strings.Builder
	start, n := 0, 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") { // comments end nothing inside a continuation
			continue
		}
		if text.Len() == 0 {
			start = n
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			text.WriteString(cont + " ")
			continue
		}
		text.WriteString(line)
		in, err := parseInstruction(start, text.String())
		if err != nil {
			return nil, err
		}
		text.Reset()
		if in.cmd == "FROM" {
			st := stage{from: in.args[0]}
			if len(in.args) == 3 && strings.EqualFold(in.args[1], "AS") {
				st.name = in.args[2]
			}
			stages = append(stages, st)
			continue
		}
		if len(stages) == 0 {
			if in.cmd == "ARG" {
				continue
			}
			return nil, fmt.Errorf("line %d: %s before the first FROM", start, in.cmd)
		}
		last := &stages[len(stages)-1]
		last.ins = append(last.ins, in)
	}
	if text.Len() > 0 {
		return nil, fmt.Errorf("line %d: the file ends inside a continuation", start)
	}
	return stages, sc.Err()
}

func parseInstruction(line int, text string) (instruction, error) {
	cmd, rest, _ := strings.Cut(text, " ")
	in := instruction{line: line, cmd: strings.ToUpper(cmd), flags: map[string]string{}}
	rest = strings.TrimSpace(rest)
	for strings.HasPrefix(rest, "--") {
		flag, after, _ := strings.Cut(rest, " ")
		name, value, _ := strings.Cut(strings.TrimPrefix(flag, "--"), "=")
		in.flags[name] = value
		rest = strings.TrimSpace(after)
	}
	in.rest = rest
	if strings.HasPrefix(rest, "[") && json.Unmarshal([]byte(rest), &in.args) == nil {
		in.json = true
	} else {
		in.args = strings.Fields(rest)
	}
	if len(in.args) == 0 {
		return in, fmt.Errorf("line %d: %s without arguments", line, in.cmd)
	}
	return in, nil
}

// env returns the variables an ENV instruction sets (KEY=value form).
func (in instruction) env() map[string]string {
	out := map[string]string{}
	for _, kv := range in.args {
		k, v, ok := strings.Cut(kv, "=")
		if ok {
			out[k] = strings.Trim(v, `"'`)
		}
	}
	return out
}
