# Los. `make test` is the whole suite, as CI runs it; it installs what it
# needs (Chromium from apt, npm packages from e2e/package-lock.json, the
# Ollama test server built from its Go module) on a fresh Debian machine.
GO        ?= go
BIN       := bin/los
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
# A count, not a duration: go1.26's fuzz coordinator can fail a target with
# "context deadline exceeded" when a duration -fuzztime expires mid-call
# (go.dev/issue/75804, fixed in Go 1.27). A count has no deadline to race.
FUZZTIME  ?= 300000x
# staticcheck at a pinned version, built from the module proxy on first use
# and cached by Go after that (no tools in go.mod, nothing to install).
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run build test test-go test-ollama test-e2e fuzz lint bench bench-replicas deps clean

run:
	$(GO) run ./cmd/los serve

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/los

test: deps lint build test-go fuzz test-e2e

deps:
	./scripts/test-deps.sh

test-go:
	$(GO) test -race -count=1 -timeout 20m ./...

# The tests that run against a real Ollama server built from its Go module.
test-ollama:
	$(GO) test -race -count=1 -timeout 20m ./internal/ollamatest/ ./ollama/ ./integration/...

fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

test-e2e: build
	cd e2e && LOS_BIN=$(CURDIR)/$(BIN) node --test --test-concurrency=1

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=1 ./kb/ ./bot/ ./web/ ./triage/ ./redact/ ./ollama/

# Turns per second and p50/p99: SQLite beside 1, 2 and 3 replicas on one
# throw-away PostgreSQL (README: Several replicas on PostgreSQL).
bench-replicas:
	$(GO) test -run='^$$' -bench=TurnsOnReplicas -benchtime=1x -count=1 ./cmd/los/

clean:
	rm -rf bin e2e/output
