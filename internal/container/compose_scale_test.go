package container

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type scaleService struct {
	composeService `yaml:",inline"`
	Image          string   `yaml:"image"`
	Ports          []string `yaml:"ports"`
}

type scaleFile struct {
	Services map[string]scaleService `yaml:"services"`
	Volumes  map[string]any          `yaml:"volumes"`
}

// checkScale returns what compose.scale.yaml (with the proxy's
// Caddyfile) fails to promise: at least two Los replicas, each passing
// the checks of compose.yaml's los with a data volume of its own, on a
// PostgreSQL service of the file, with two or more Ollama services of the
// file; a proxy from Caddy's or nginx's official image that publishes a
// port and names every replica; PostgreSQL with a health check and its
// data on a volume.
func checkScale(src []byte, proxyConf string) []string {
	var f scaleFile
	if err := yaml.Unmarshal(src, &f); err != nil {
		return []string{err.Error()}
	}
	plain := composeFile{Services: map[string]composeService{}, Volumes: f.Volumes}
	var replicas []string
	for name, s := range f.Services {
		plain.Services[name] = s.composeService
		if s.Build != nil {
			replicas = append(replicas, name)
		}
	}
	sort.Strings(replicas)
	var bad []string
	if len(replicas) < 2 {
		bad = append(bad, fmt.Sprintf("%d Los replicas (services with build:), want two or more", len(replicas)))
	}
	volumes := map[string]string{}
	for _, name := range replicas {
		s := f.Services[name]
		problems, data := checkLosService(plain, name, s.composeService)
		bad = append(bad, problems...)
		if data != nil && data.source != "" {
			if other, ok := volumes[data.source]; ok {
				bad = append(bad, fmt.Sprintf("services %s and %s share the volume %s: each replica's search index needs its own", other, name, data.source))
			}
			volumes[data.source] = name
		}
		env := environment(s.Environment)
		bad = append(bad, checkDatabaseURL(f, name, env["LOS_DATABASE_URL"])...)
		bad = append(bad, checkOllamaHosts(f, name, env["OLLAMA_HOST"])...)
		if env["LOS_TRUSTED_PROXIES"] == "" {
			bad = append(bad, fmt.Sprintf("service %s sets no LOS_TRUSTED_PROXIES: behind the proxy every customer would share one address's rate limit", name))
		}
	}
	bad = append(bad, checkProxy(f, replicas, proxyConf)...)
	return bad
}

// interpolation is a compose variable, such as ${LOS_DB_PASSWORD:?…}.
var interpolation = regexp.MustCompile(`\$\{[^}]*\}`)

func serviceHost(f scaleFile, raw, image string) (string, bool) {
	u, err := url.Parse(interpolation.ReplaceAllString(raw, "x"))
	if err != nil {
		return "", false
	}
	s, ok := f.Services[u.Hostname()]
	return u.Hostname(), ok && strings.HasPrefix(s.Image, image)
}

func checkDatabaseURL(f scaleFile, name, dsn string) []string {
	if !strings.HasPrefix(dsn, "postgres://") {
		return []string{fmt.Sprintf("service %s has no LOS_DATABASE_URL=postgres://…", name)}
	}
	host, ok := serviceHost(f, dsn, "postgres:")
	if !ok {
		return []string{fmt.Sprintf("service %s's LOS_DATABASE_URL names %q, not a postgres service of the file", name, host)}
	}
	db := f.Services[host]
	var bad []string
	if db.Healthcheck == nil || db.Healthcheck.Disable {
		bad = append(bad, fmt.Sprintf("service %s has no health check: the replicas would start before it accepts connections", host))
	}
	stored := false
	for _, n := range db.Volumes {
		if m, err := parseMount(n); err == nil && path.Clean(m.target) == "/var/lib/postgresql/data" && m.source != "" {
			stored = true
		}
	}
	if !stored {
		bad = append(bad, fmt.Sprintf("service %s keeps its data in the container (no volume at /var/lib/postgresql/data)", host))
	}
	return bad
}

func checkOllamaHosts(f scaleFile, name, hosts string) []string {
	list := strings.Split(hosts, ",")
	var bad []string
	if len(list) < 2 {
		bad = append(bad, fmt.Sprintf("service %s's OLLAMA_HOST lists %d host, want two or more", name, len(list)))
	}
	for _, h := range list {
		if host, ok := serviceHost(f, strings.TrimSpace(h), "ollama/ollama"); !ok {
			bad = append(bad, fmt.Sprintf("service %s's OLLAMA_HOST names %q, not an ollama/ollama service of the file", name, host))
		}
	}
	return bad
}

func checkProxy(f scaleFile, replicas []string, conf string) []string {
	var proxies []string
	for name, s := range f.Services {
		if strings.HasPrefix(s.Image, "caddy:") || strings.HasPrefix(s.Image, "nginx:") {
			proxies = append(proxies, name)
		}
	}
	if len(proxies) != 1 {
		return []string{fmt.Sprintf("%d proxies from caddy or nginx images, want one", len(proxies))}
	}
	var bad []string
	if len(f.Services[proxies[0]].Ports) == 0 {
		bad = append(bad, fmt.Sprintf("service %s publishes no port", proxies[0]))
	}
	for _, r := range replicas {
		if !strings.Contains(conf, r+":8080") {
			bad = append(bad, fmt.Sprintf("the proxy's configuration does not send to %s:8080", r))
		}
		if len(f.Services[r].Ports) > 0 {
			bad = append(bad, fmt.Sprintf("service %s publishes a port: customers must go through the proxy", r))
		}
	}
	if !strings.Contains(conf, "health_uri /healthz") {
		bad = append(bad, "the proxy does not check the replicas' /healthz: it would send to a dead one")
	}
	return bad
}

func TestComposeScale(t *testing.T) {
	for _, p := range checkScale([]byte(readFile(t, "../../compose.scale.yaml")), readFile(t, "../../deploy/Caddyfile")) {
		t.Error(p)
	}
}

// TestComposeScaleChecksCatchBreakage breaks compose.scale.yaml and the
// Caddyfile one promise at a time.
func TestComposeScaleChecksCatchBreakage(t *testing.T) {
	good, conf := readFile(t, "../../compose.scale.yaml"), readFile(t, "../../deploy/Caddyfile")
	tests := []struct {
		name, old, new, want string
		inConf               bool
	}{
		{"shared index volume", "los-b-index:/data", "los-a-index:/data", "share the volume", false},
		{"one ollama", "OLLAMA_HOST: http://ollama-1:11434,http://ollama-2:11434", "OLLAMA_HOST: http://ollama-1:11434", "lists 1 host", false},
		{"unknown ollama", "http://ollama-2:11434", "http://gpu-box:11434", `"gpu-box"`, false},
		{"sqlite", "LOS_DATABASE_URL: postgres://", "LOS_DATABASE_X: postgres://", "no LOS_DATABASE_URL", false},
		{"db elsewhere", "@db:5432", "@pg.example.no:5432", `"pg.example.no"`, false},
		{"db without health check", "    healthcheck:\n      test: [\"CMD\", \"pg_isready\"", "    x-healthcheck:\n      test: [\"CMD\", \"pg_isready\"", "no health check", false},
		{"db data in the container", "pg-data:/var/lib/postgresql/data", "pg-data:/srv", "keeps its data in the container", false},
		{"no trusted proxies", "    LOS_TRUSTED_PROXIES:", "    LOS_NOT_TRUSTED:", "LOS_TRUSTED_PROXIES", false},
		{"replica as root", "  los-b:\n    <<: *los\n", "  los-b:\n    <<: *los\n    user: root\n", `service los-b runs as user "root"`, false},
		{"replica port", "  los-b:\n    <<: *los\n", "  los-b:\n    <<: *los\n    ports:\n      - \"8081:8080\"\n", "publishes a port", false},
		{"proxy forgets a replica", "los-a:8080 los-b:8080", "los-a:8080", "does not send to los-b:8080", true},
		{"no health checks by the proxy", "health_uri /healthz", "", "/healthz", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, c := good, conf
			target := &src
			if tt.inConf {
				target = &c
			}
			if !strings.Contains(*target, tt.old) {
				t.Fatalf("the file no longer contains %q: update this test", tt.old)
			}
			*target = strings.Replace(*target, tt.old, tt.new, 1)
			problems := checkScale([]byte(src), c)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q: want one that says %q", problems, tt.want)
			}
		})
	}
}
