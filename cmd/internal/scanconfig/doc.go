// Package scanconfig turns a creator's consign.yaml and the command-line
// choices into the options of a scan. Both consign and consign-beam build
// their scans here, so that a distributed run makes the very records a
// local scan of the same files makes.
package scanconfig
