package container

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type composeService struct {
	Build       any         `yaml:"build"`
	User        *string     `yaml:"user"`
	Volumes     []yaml.Node `yaml:"volumes"`
	Environment yaml.Node   `yaml:"environment"`
	Healthcheck *struct {
		Disable bool `yaml:"disable"`
		Test    any  `yaml:"test"`
	} `yaml:"healthcheck"`
}

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

// mount is one entry of a service's volumes, short or long syntax.
type mount struct {
	typ, source, target string
	readOnly            bool
}

func parseMount(n yaml.Node) (mount, error) {
	if n.Kind == yaml.ScalarNode { // [SOURCE:]TARGET[:MODE]
		parts := strings.Split(n.Value, ":")
		m := mount{typ: "volume", target: parts[0]}
		if len(parts) > 1 {
			m.source, m.target = parts[0], parts[1]
		}
		if len(parts) > 2 {
			m.readOnly = slices.Contains(strings.Split(parts[2], ","), "ro")
		}
		if strings.HasPrefix(m.source, "/") || strings.HasPrefix(m.source, ".") || strings.HasPrefix(m.source, "~") {
			m.typ = "bind"
		}
		return m, nil
	}
	var long struct {
		Type     string `yaml:"type"`
		Source   string `yaml:"source"`
		Target   string `yaml:"target"`
		ReadOnly bool   `yaml:"read_only"`
	}
	if err := n.Decode(&long); err != nil {
		return mount{}, fmt.Errorf("line %d: %w", n.Line, err)
	}
	return mount{typ: long.Type, source: long.Source, target: long.Target, readOnly: long.ReadOnly}, nil
}

// environment returns a service's variables, map or list syntax.
func environment(n yaml.Node) map[string]string {
	out := map[string]string{}
	switch n.Kind {
	case yaml.MappingNode:
		n.Decode(&out)
	case yaml.SequenceNode:
		var list []string
		n.Decode(&list)
		for _, kv := range list {
			k, v, _ := strings.Cut(kv, "=")
			out[k] = v
		}
	}
	return out
}

func isRoot(user string) bool {
	u, g, _ := strings.Cut(user, ":")
	return u == "root" || u == "0" || g == "root" || g == "0"
}

// checkCompose returns what compose.yaml fails to promise for service los.
func checkCompose(src []byte) []string {
	var f composeFile
	if err := yaml.Unmarshal(src, &f); err != nil {
		return []string{err.Error()}
	}
	los, ok := f.Services["los"]
	if !ok {
		return []string{"no service los"}
	}
	bad, _ := checkLosService(f, "los", los)
	return bad
}

// checkLosService returns what a service running Los fails to promise,
// and the volume at its data directory.
func checkLosService(f composeFile, name string, los composeService) ([]string, *mount) {
	var bad []string
	if los.Build == nil {
		bad = append(bad, "service los is not built from the Dockerfile (no build:)")
	}
	if u := los.User; u != nil && (isRoot(*u) || !isNonroot(strings.Split(*u, ":")[0])) {
		bad = append(bad, fmt.Sprintf("service los runs as user %q: /data in the image is owned by %s", *u, nonrootID))
	}
	var data *mount
	for _, n := range los.Volumes {
		m, err := parseMount(n)
		if err != nil {
			bad = append(bad, err.Error())
			continue
		}
		if path.Clean(m.target) == dataDir {
			data = &m
		}
	}
	switch {
	case data == nil:
		bad = append(bad, "service los mounts nothing at "+dataDir+": its data would die with the container")
	case data.typ != "volume":
		bad = append(bad, fmt.Sprintf("%s is a %s mount of %s: only a named volume is filled from the image, owner included", dataDir, data.typ, data.source))
	case data.readOnly:
		bad = append(bad, dataDir+" is mounted read-only")
	case data.source != "":
		if _, declared := f.Volumes[data.source]; !declared {
			bad = append(bad, fmt.Sprintf("volume %s is not declared under the top-level volumes", data.source))
		}
	}
	if v, ok := environment(los.Environment)["LOS_DATA"]; ok && v != dataDir {
		bad = append(bad, fmt.Sprintf("service los sets LOS_DATA=%s, but the volume is at %s", v, dataDir))
	}
	if hc := los.Healthcheck; hc != nil && (hc.Disable || fmt.Sprint(hc.Test) == "[NONE]") {
		bad = append(bad, "service los turns the image's health check off")
	}
	if name != "los" {
		for i, p := range bad {
			bad[i] = strings.ReplaceAll(p, "service los", "service "+name)
		}
	}
	return bad, data
}

func TestCompose(t *testing.T) {
	for _, p := range checkCompose([]byte(readFile(t, "../../compose.yaml"))) {
		t.Error(p)
	}
}

// TestComposeChecksCatchBreakage breaks the real compose.yaml one promise at
// a time; the long volume syntax and an explicit non-root user must pass.
func TestComposeChecksCatchBreakage(t *testing.T) {
	good := readFile(t, "../../compose.yaml")
	const volumes = "    volumes:\n      - los-data:/data\n"
	tests := []struct {
		name, old, new, want string
	}{
		{"root user", volumes, volumes + "    user: root\n", `user "root"`},
		{"uid 0", volumes, volumes + "    user: \"0:0\"\n", `user "0:0"`},
		{"numeric root", volumes, volumes + "    user: 0\n", `user "0"`},
		{"another user", volumes, volumes + "    user: \"1000\"\n", `user "1000"`},
		{"bind mount", "los-data:/data", "./data:/data", "bind mount of ./data"},
		{"no data volume", "los-data:/data", "los-data:/srv", "mounts nothing at /data"},
		{"read-only", "los-data:/data", "los-data:/data:ro", "read-only"},
		{"undeclared volume", "los-data:/data", "other:/data", "volume other is not declared"},
		{"data elsewhere", "LOS_EMBED_MODEL: bge-m3\n", "LOS_EMBED_MODEL: bge-m3\n      LOS_DATA: /srv\n", "LOS_DATA=/srv"},
		{"health check off", volumes, volumes + "    healthcheck:\n      disable: true\n", "health check off"},
		{"long syntax", volumes, "    volumes:\n      - type: volume\n        source: los-data\n        target: /data\n", ""},
		{"nonroot user", volumes, volumes + "    user: \"65532:65532\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("compose.yaml no longer contains %q: update this test", tt.old)
			}
			problems := checkCompose([]byte(strings.Replace(good, tt.old, tt.new, 1)))
			if tt.want == "" {
				if len(problems) > 0 {
					t.Errorf("problems %q: want none", problems)
				}
				return
			}
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q: want one that says %q", problems, tt.want)
			}
		})
	}
}
