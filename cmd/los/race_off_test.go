//go:build !race

package main

// raceEnabled: the race detector's shadow memory inflates RSS, so memory
// bounds are asserted only without it.
const raceEnabled = false
