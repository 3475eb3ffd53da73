// Package integration holds tests that run Los's own code (the bot's turn
// pipeline, the HTTP API with server-sent events) against a real Ollama
// server started by internal/ollamatest, with a real SQLite store and a real
// Bleve index of the demo knowledge base. It has no code of its own.
//
// Run: go test -race -count=1 ./integration/
package integration
