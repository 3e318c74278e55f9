// Package pii holds the detectors for personal data and secrets in text:
// each file is one detector with its name, constructor and rules, and All
// lists them for the registry. Detectors run a cheap byte-level prefilter
// before any validation, because they read every byte of every file.
package pii
