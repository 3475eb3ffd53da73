// Package container holds no code: its tests check the container recipe at
// the repository root, Dockerfile and compose.yaml, for what no Docker engine
// runs here to show: that the image has a /data directory los can write, runs
// a static binary as non-root on Debian slim with Apertium installed (not
// distroless, which cannot carry it), checks its health with `los health`, and that
// compose mounts a named volume at /data without running los as root.
package container
