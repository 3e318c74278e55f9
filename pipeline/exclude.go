package pipeline

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Excluder decides which paths a walk leaves out. Patterns follow the
// habits of .gitignore: a pattern without a slash matches a name at any
// depth ("*.tmp", "drafts"), a pattern with one matches from the folder
// root ("blog/_drafts/**"), "**" crosses directories, and a trailing slash
// matches directories only.
type Excluder struct {
	patterns []excludePattern
}

type excludePattern struct {
	glob    string
	dirOnly bool
	anyDeep bool
	source  string
}

// NewExcluder compiles patterns; source names where they came from
// ("--exclude", "consign.yaml") for the reason an excluded path carries.
func NewExcluder() *Excluder { return &Excluder{} }

// Add compiles more patterns, reporting the first invalid one.
func (e *Excluder) Add(source string, patterns ...string) error {
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		ep := excludePattern{source: source}
		if strings.HasSuffix(p, "/") {
			ep.dirOnly = true
			p = strings.TrimRight(p, "/")
		}
		p = strings.TrimPrefix(p, "./")
		if strings.HasPrefix(p, "/") {
			p = strings.TrimPrefix(p, "/")
		} else if !strings.Contains(p, "/") {
			ep.anyDeep = true
		}
		if !doublestar.ValidatePattern(p) {
			return fmt.Errorf("exclude pattern %q from %s is not a valid glob", p, source)
		}
		ep.glob = p
		e.patterns = append(e.patterns, ep)
	}
	return nil
}

// Match reports whether rel (relative, "/"-separated) is excluded, and why.
func (e *Excluder) Match(rel string, isDir bool) (string, bool) {
	if e == nil {
		return "", false
	}
	base := path.Base(rel)
	for _, p := range e.patterns {
		if p.dirOnly && !isDir {
			continue
		}
		target := rel
		if p.anyDeep {
			target = base
		}
		if ok, _ := doublestar.Match(p.glob, target); ok {
			return fmt.Sprintf("excluded by %q (%s)", p.glob, p.source), true
		}
	}
	return "", false
}
