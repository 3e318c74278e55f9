package main

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// sameOnceNormalized lists the file names that a bundle, which stores
// every name in Unicode NFC, would give to two files: "café.txt" written
// with one code point for "é" and with "e" plus a combining accent are
// two files on most file systems and one name in the bag. Each entry
// names the colliding paths with their code points escaped, since they
// print alike. Only names not in NFC can collide, and folders seldom hold
// any, so the check costs a pass over the paths.
func sameOnceNormalized(records []*pipeline.Record) []string {
	var odd map[string][]string // NFC form -> the paths that have it
	for _, rec := range records {
		if !norm.NFC.IsNormalString(rec.Path) {
			if odd == nil {
				odd = map[string][]string{}
			}
			k := norm.NFC.String(rec.Path)
			odd[k] = append(odd[k], rec.Path)
		}
	}
	if odd == nil {
		return nil
	}
	for _, rec := range records {
		if paths, ok := odd[rec.Path]; ok {
			odd[rec.Path] = append(paths, rec.Path)
		}
	}
	var clashes []string
	for _, paths := range odd {
		if len(paths) > 1 {
			slices.Sort(paths)
			quoted := make([]string, len(paths))
			for i, p := range paths {
				quoted[i] = fmt.Sprintf("%+q", p)
			}
			clashes = append(clashes, strings.Join(quoted, " and "))
		}
	}
	slices.Sort(clashes)
	return clashes
}

// rawPath is the name of rec's file as its bytes are, which rec.Path shows
// with U+FFFD where they are not UTF-8.
func rawPath(rec *pipeline.Record) string {
	if raw, err := base64.StdEncoding.DecodeString(rec.RawPath); err == nil && rec.RawPath != "" {
		return string(raw)
	}
	return rec.Path
}

// displayPaths lists paths for a message, each as DisplayPath shows it.
func displayPaths(paths []string) string {
	shown := make([]string, len(paths))
	for i, p := range paths {
		shown[i] = manifest.DisplayPath(p)
	}
	return strings.Join(shown, ", ")
}
