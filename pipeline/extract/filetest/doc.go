// Package filetest builds small files of the formats the extractors read
// (Mobipocket books, Photoshop documents, AIFF and RIFF chunks, ID3v2
// tags, FLAC streams, Matroska and Windows Media files), for the tests of the packages that read and redact
// them. It is imported by tests only.
package filetest
