package main

import (
	"path/filepath"
	"strings"
)

// excludePatterns returns the --exclude patterns with each full path into
// dir turned into a pattern from dir's root: patterns are relative to the
// folder, and "--exclude ~/my-content/drafts" (a shell gives the full
// path) would otherwise match nothing, silently. "/drafts", a pattern from
// the root, is left alone unless dir itself is "/".
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
		if !filepath.IsAbs(p) {
			continue
		}
		for _, root := range roots {
			rel, err := filepath.Rel(root, filepath.Clean(p))
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
