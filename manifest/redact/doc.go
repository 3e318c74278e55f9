// Package redact writes redacted copies of single files for consign pack:
// metadata redaction that removes GPS positions, serial numbers and owner
// names from JPEG, PNG, WebP, TIFF and MP4/QuickTime files without touching
// their image or media data, and masking of byte ranges in text files.
// Both stream: memory stays bounded whatever the file size.
package redact
