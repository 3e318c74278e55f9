package main

import (
	"os"
	"path/filepath"
	"strings"
)

// excludePatterns returns the --exclude patterns with each full path into
// dir turned into a pattern from dir's root: patterns are relative to the
// folder, and "--exclude ~/my-content/drafts" (a shell gives the full
// path) would otherwise match nothing, silently. "/drafts", a pattern from
// the root, is left alone unless dir itself is "/". So is a path from the
// current folder into dir ("folder/drafts/" for consign scan folder, as a
// shell's completion writes it) when it exists there and not inside dir:
// a pattern that names something in dir stays a pattern.
func excludePatterns(dir string, patterns []string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil || len(patterns) == 0 {
		return patterns
	}
	roots := []string{abs}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil && resolved != abs {
		roots = append(roots, resolved)
	}
	out := make([]string, len(patterns))
	for i, p := range patterns {
		out[i] = p
		full := p
		if !filepath.IsAbs(p) {
			if !fromCurrentFolder(dir, p) {
				continue
			}
			if full, err = filepath.Abs(p); err != nil {
				continue
			}
		}
		for _, root := range roots {
			rel, err := filepath.Rel(root, filepath.Clean(full))
			if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				continue
			}
			out[i] = "/" + filepath.ToSlash(rel)
			if strings.HasSuffix(p, "/") {
				out[i] += "/"
			}
			break
		}
	}
	return out
}

// fromCurrentFolder reports whether the relative pattern p is a path from
// the current folder rather than from dir: it exists as written, and not
// inside dir. Glob characters make it a pattern.
func fromCurrentFolder(dir, p string) bool {
	if strings.ContainsAny(p, "*?[\\") {
		return false
	}
	if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
		return false
	}
	_, err := os.Lstat(p)
	return err == nil
}
