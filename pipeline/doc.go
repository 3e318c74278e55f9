// Package pipeline walks a creator's folder and turns every file into a
// Record: one bounded, concurrent pass of walk, extract and collect whose
// output is sorted by path, so it never depends on goroutine scheduling.
package pipeline
