// Package manifest writes what consign produces for others to read: scan
// reports in text, JSON and JSON Lines, and later the bundle's metadata.
package manifest
