package main

import (
	"os"
	"path/filepath"
	"strings"
)

// insideFolder reports whether the output path out lies inside the folder
// dir, or is dir itself, and gives out's path relative to dir. Real paths
// are compared, so that neither a relative path nor a symbolic link, in
// dir or in the folders above out, hides an out inside dir. out's own
// last element is not followed: writing out replaces a link there, it
// does not write where the link points.
func insideFolder(dir, out string) (rel string, inside bool, err error) {
	realDir, err := filepath.EvalSymlinks(dir)
	if err == nil {
		realDir, err = filepath.Abs(realDir)
	}
	if err != nil {
		return "", false, err
	}
	realOut, err := realOutPath(out)
	if err != nil {
		return "", false, err
	}
	rel, err = filepath.Rel(realDir, realOut)
	if err != nil {
		return "", false, nil
	}
	return rel, within(rel), nil
}

// within reports whether rel, a path made by filepath.Rel, stays inside
// the folder it is relative to. A name such as "..draft" is inside; only
// ".." as a whole element leads out.
func within(rel string) bool {
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// leadsUp reports whether rel, a path made by filepath.Rel, is made of
// ".." elements only: the folder it is relative to lies inside the path.
func leadsUp(rel string) bool {
	for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
		if elem != ".." {
			return false
		}
	}
	return rel != ""
}

// realOutPath returns the full path at which the system creates p: the
// folders above it resolved as the system resolves them, symbolic links
// followed and ".." taken after them (not lexically, as filepath.Abs
// would), as far as they exist. The last element is kept as given unless
// it is "." or "..", which name a folder to resolve too.
func realOutPath(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p
	}
	p = strings.TrimRight(p, string(filepath.Separator))
	parent, base := filepath.Split(p)
	if base == "." || base == ".." {
		parent, base = p, ""
	}
	// Resolve the deepest folder that exists; what does not exist yet
	// cannot be a link.
	var missing []string
	for dir := parent; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			parts := append([]string{real}, missing...)
			return filepath.Join(append(parts, base)...), nil
		}
		up, last := filepath.Split(strings.TrimRight(dir, string(filepath.Separator)))
		if up == "" || up == dir || last == "" {
			return filepath.Clean(p), nil
		}
		missing = append([]string{last}, missing...)
		dir = up
	}
}
