// Package pii holds the detectors for personal data and secrets: each file
// is one detector with its name, constructor and rules, and All lists them
// for the registry. Text detectors run a cheap byte-level prefilter before
// any validation, because they read every byte of every file; metadata
// detectors (GPS, serial numbers, owners, authors, people, file names)
// read a file's metadata fields and path, and leave ids and hashes to
// detectors.Sealer.
package pii
