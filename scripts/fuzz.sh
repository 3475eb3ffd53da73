#!/usr/bin/env bash
# Runs every fuzz target for a bounded number of inputs (one target per go
# test call, as go test -fuzz requires). The budget is a count ("300000x")
# rather than a duration: with a duration, go1.26 can report a spurious
# "context deadline exceeded" failure at the boundary (go.dev/issue/75804).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-300000x}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    echo "fuzz $pkg $target for $fuzztime"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=2000x "$pkg"
  done
done
