package container

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
)

// The user los runs as: distroless's nonroot, which the run stage creates.
const (
	nonrootID   = "65532"
	nonrootName = "nonroot"
	dataDir     = "/data"
)

// The run stage's base: Debian slim, since Apertium's pipeline (bash and
// some twenty programs with their libraries) cannot live in distroless.
const runBase = "debian:bookworm-slim"

func isNonroot(s string) bool { return s == nonrootID || s == nonrootName }

// checkDockerfile returns what the Dockerfile fails to promise.
func checkDockerfile(stages []stage) []string {
	var bad []string
	if len(stages) < 2 {
		return []string{fmt.Sprintf("%d stages, want a build stage and a run stage", len(stages))}
	}
	final := stages[len(stages)-1]
	if final.from != runBase {
		bad = append(bad, fmt.Sprintf("the run stage is FROM %s, want %s (Apertium needs a shell and apt; distroless has neither)", final.from, runBase))
	}
	bad = append(bad, checkPackages(final)...)
	builds := map[string]stage{}
	for _, st := range stages[:len(stages)-1] {
		builds[st.name] = st
	}

	// The binary: built static, copied to /los.
	var binary bool
	for _, in := range final.ins {
		if in.cmd == "COPY" && len(in.args) == 2 && in.args[1] == "/los" {
			binary = true
			if !buildsStatic(builds[in.flags["from"]], in.args[0]) {
				bad = append(bad, fmt.Sprintf("line %d: %s is not built with CGO_ENABLED=0 go build -o %s in stage %q", in.line, in.args[0], in.args[0], in.flags["from"]))
			}
		}
	}
	if !binary {
		bad = append(bad, "no COPY of the binary to /los in the run stage")
	}

	// /data: created owned by los's user before VOLUME, named by LOS_DATA.
	dataLine, volumeLine := 0, 0
	for _, in := range final.ins {
		switch in.cmd {
		case "COPY", "ADD":
			if len(in.args) != 2 || path.Clean(in.args[1]) != dataDir {
				continue
			}
			dataLine = in.line
			owner, group, _ := strings.Cut(in.flags["chown"], ":")
			if !isNonroot(owner) || group != "" && !isNonroot(group) {
				bad = append(bad, fmt.Sprintf("line %d: %s is owned by %q, want %s:%s", in.line, dataDir, in.flags["chown"], nonrootID, nonrootID))
			}
			if !makesDir(builds[in.flags["from"]], in.args[0]) {
				bad = append(bad, fmt.Sprintf("line %d: %s is not a directory made with mkdir in stage %q", in.line, in.args[0], in.flags["from"]))
			}
		case "VOLUME":
			if slices.Contains(in.args, dataDir) && volumeLine == 0 {
				volumeLine = in.line
			}
		case "ENV":
			if v, ok := in.env()["LOS_DATA"]; ok && v != dataDir {
				bad = append(bad, fmt.Sprintf("line %d: LOS_DATA=%s, want %s, the volume", in.line, v, dataDir))
			}
		}
	}
	switch {
	case volumeLine == 0:
		bad = append(bad, "no VOLUME "+dataDir)
	case dataLine == 0:
		bad = append(bad, dataDir+" is not created in the image: Docker would make the volume's mount point owned by root")
	case dataLine > volumeLine:
		bad = append(bad, fmt.Sprintf("%s is created on line %d, after VOLUME on line %d: Docker discards changes to a volume path after VOLUME", dataDir, dataLine, volumeLine))
	}

	// Who runs, and how health and start are checked.
	user := ""
	for _, in := range final.ins {
		if in.cmd == "USER" {
			user = in.args[0]
		}
	}
	if u, g, _ := strings.Cut(user, ":"); !isNonroot(u) || g != "" && !isNonroot(g) {
		bad = append(bad, fmt.Sprintf("the run stage's USER is %q, want %s:%s", user, nonrootID, nonrootID))
	}
	if hc := last(final, "HEALTHCHECK"); hc == nil || !slices.Equal(healthCmd(*hc), []string{"/los", "health"}) {
		bad = append(bad, `no HEALTHCHECK CMD ["/los", "health"]`)
	}
	if ep := last(final, "ENTRYPOINT"); ep == nil || !ep.json || !slices.Equal(ep.args, []string{"/los"}) {
		bad = append(bad, `no ENTRYPOINT ["/los"]`)
	}
	return bad
}

// checkPackages checks what the run stage installs and who it adds:
// apertium-nno-nob and ca-certificates, without recommended packages, the
// package lists removed in the same step, and the user 65532.
func checkPackages(st stage) []string {
	var bad []string
	var install, clean, user, group bool
	for _, in := range st.ins {
		if in.cmd != "RUN" {
			continue
		}
		for _, step := range strings.Split(in.rest, "&&") {
			w := strings.Fields(step)
			switch {
			case len(w) > 2 && w[0] == "apt-get" && w[1] == "install":
				install = true
				for _, pkg := range []string{"apertium-nno-nob", "ca-certificates"} {
					if !slices.Contains(w, pkg) {
						bad = append(bad, fmt.Sprintf("line %d: apt-get install lacks %s", in.line, pkg))
					}
				}
				if !slices.Contains(w, "--no-install-recommends") {
					bad = append(bad, fmt.Sprintf("line %d: apt-get install without --no-install-recommends", in.line))
				}
				clean = strings.Contains(in.rest, "rm -rf /var/lib/apt/lists/*")
			case len(w) > 0 && w[0] == "useradd":
				user = flagValue(w, "--uid") == nonrootID && flagValue(w, "--gid") == nonrootID && slices.Contains(w, nonrootName)
			case len(w) > 0 && w[0] == "groupadd":
				group = flagValue(w, "--gid") == nonrootID && slices.Contains(w, nonrootName)
			}
		}
	}
	switch {
	case !install:
		bad = append(bad, "the run stage installs no apertium-nno-nob (apt-get install)")
	case !clean:
		bad = append(bad, "the apt-get install step leaves /var/lib/apt/lists behind (rm -rf /var/lib/apt/lists/* in the same RUN)")
	}
	if !user || !group {
		bad = append(bad, fmt.Sprintf("the run stage does not add the group and user %s with id %s (groupadd/useradd --gid/--uid)", nonrootName, nonrootID))
	}
	return bad
}

// flagValue returns the word after flag in w, or "".
func flagValue(w []string, flag string) string {
	if i := slices.Index(w, flag); i >= 0 && i+1 < len(w) {
		return w[i+1]
	}
	return ""
}

// buildsStatic reports whether stage st builds out with cgo off.
func buildsStatic(st stage, out string) bool {
	for _, in := range st.ins {
		if in.cmd == "RUN" && strings.Contains(in.rest, "CGO_ENABLED=0 go build") && slices.Contains(in.args, out) {
			return true
		}
	}
	return false
}

// makesDir reports whether stage st runs mkdir with dir among its arguments.
func makesDir(st stage, dir string) bool {
	for _, in := range st.ins {
		if in.cmd == "RUN" && slices.Contains(in.args, "mkdir") && slices.Contains(in.args, path.Clean(dir)) {
			return true
		}
	}
	return false
}

func last(st stage, cmd string) *instruction {
	var found *instruction
	for i := range st.ins {
		if st.ins[i].cmd == cmd {
			found = &st.ins[i]
		}
	}
	return found
}

// healthCmd returns the exec form of HEALTHCHECK CMD [...], or nil.
func healthCmd(in instruction) []string {
	sub, rest, _ := strings.Cut(in.rest, " ")
	var args []string
	if !strings.EqualFold(sub, "CMD") || json.Unmarshal([]byte(strings.TrimSpace(rest)), &args) != nil {
		return nil
	}
	return args
}

func TestDockerfile(t *testing.T) {
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stages, err := parseDockerfile(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkDockerfile(stages) {
		t.Error(p)
	}
}
