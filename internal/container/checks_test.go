package container

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDockerfileChecksCatchBreakage breaks the real Dockerfile one promise at
// a time: each break must be reported, so that TestDockerfile's silence means
// something.
func TestDockerfileChecksCatchBreakage(t *testing.T) {
	good := readFile(t, "../../Dockerfile")
	copyData := "COPY --from=build --chown=65532:65532 /out/data /data\n"
	tests := []struct {
		name, old, new, want string
	}{
		{"no /data in the image (issue 18 item 16)", copyData, "", "/data is not created in the image"},
		{"/data owned by root", "--chown=65532:65532 /out/data", "--chown=root:root /out/data", `owned by "root:root"`},
		{"/data not chowned", "--chown=65532:65532 /out/data", "/out/data", `owned by ""`},
		{"/data created after VOLUME", copyData, "", "after VOLUME"}, // the line comes back after VOLUME below
		{"no mkdir", "RUN mkdir -p /out/data\n", "", "not a directory made with mkdir"},
		{"root user", "USER 65532:65532", "USER root", `USER is "root"`},
		{"root group", "USER 65532:65532", "USER 65532:0", `USER is "65532:0"`},
		{"no user", "USER 65532:65532\n", "", `USER is ""`},
		{"cgo on", "CGO_ENABLED=0 go build", "CGO_ENABLED=1 go build", "not built with CGO_ENABLED=0"},
		{"shell-form health check", `CMD ["/los", "health"]`, "CMD /los health", "no HEALTHCHECK"},
		{"other health check", `CMD ["/los", "health"]`, `CMD ["/los", "version"]`, "no HEALTHCHECK"},
		{"distroless again", "FROM debian:bookworm-slim", "FROM gcr.io/distroless/static-debian12:nonroot", "want debian:bookworm-slim"},
		{"another release", "FROM debian:bookworm-slim", "FROM debian:trixie-slim", "want debian:bookworm-slim"},
		{"no apertium", "install -y --no-install-recommends apertium-nno-nob ca-certificates", "install -y --no-install-recommends ca-certificates", "lacks apertium-nno-nob"},
		{"no certificates", "apertium-nno-nob ca-certificates", "apertium-nno-nob", "lacks ca-certificates"},
		{"recommends", "install -y --no-install-recommends", "install -y", "without --no-install-recommends"},
		{"apt lists kept", " && rm -rf /var/lib/apt/lists/* \\\n", " \\\n", "leaves /var/lib/apt/lists behind"},
		{"no install", "apt-get install", "apt-get download", "installs no apertium-nno-nob"},
		{"other uid", "--uid 65532", "--uid 1000", "add the group and user nonroot"},
		{"no group", "groupadd --system --gid 65532 nonroot", "true", "add the group and user nonroot"},
		{"data elsewhere", "LOS_DATA=/data", "LOS_DATA=/var/lib/los", "LOS_DATA=/var/lib/los"},
		{"no volume", `VOLUME ["/data"]`, `VOLUME ["/srv"]`, "no VOLUME /data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("the Dockerfile no longer contains %q: update this test", tt.old)
			}
			bad := strings.Replace(good, tt.old, tt.new, 1)
			if tt.name == "/data created after VOLUME" {
				bad = strings.Replace(bad, "EXPOSE 8080\n", "EXPOSE 8080\n"+copyData, 1)
			}
			stages, err := parseDockerfile(strings.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			problems := checkDockerfile(stages)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q: want one that says %q", problems, tt.want)
			}
		})
	}
}

func TestParseDockerfile(t *testing.T) {
	src := `# syntax=docker/dockerfile:1
ARG BASE=debian
FROM golang AS build
RUN a \
    # a comment inside a continuation
    b
FROM scratch
COPY --from=build --chown=1:2 /x /y
HEALTHCHECK --interval=5s CMD ["/y", "health"]
ENV A=1 \
    B="two"
ENTRYPOINT ["/y"]
CMD serve now
`
	stages, err := parseDockerfile(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 2 || stages[0].name != "build" || stages[1].from != "scratch" {
		t.Fatalf("stages %+v", stages)
	}
	run := stages[0].ins[0]
	if run.cmd != "RUN" || run.line != 4 || !slices.Equal(run.args, []string{"a", "b"}) {
		t.Errorf("RUN: %+v, want line 4, args a b", run)
	}
	ins := stages[1].ins
	if cp := ins[0]; cp.flags["from"] != "build" || cp.flags["chown"] != "1:2" || !slices.Equal(cp.args, []string{"/x", "/y"}) {
		t.Errorf("COPY: %+v", cp)
	}
	if hc := ins[1]; hc.flags["interval"] != "5s" || !slices.Equal(healthCmd(hc), []string{"/y", "health"}) {
		t.Errorf("HEALTHCHECK: %+v", hc)
	}
	if env := ins[2].env(); env["A"] != "1" || env["B"] != "two" {
		t.Errorf("ENV: %v", env)
	}
	if ep, cmd := ins[3], ins[4]; !ep.json || cmd.json || !slices.Equal(cmd.args, []string{"serve", "now"}) {
		t.Errorf("ENTRYPOINT %+v, CMD %+v", ep, cmd)
	}
	for _, bad := range []string{"RUN x\n", "FROM a\nRUN x \\\n", "FROM a\nUSER\n"} {
		if _, err := parseDockerfile(strings.NewReader(bad)); err == nil {
			t.Errorf("parseDockerfile(%q): no error", bad)
		}
	}
}
