package manifest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

// checkGlobs reports the patterns of exclude and of the consent records'
// files that are not valid globs, at their lines: the schema cannot tell,
// and a broken pattern would otherwise surface only when it is used.
func checkGlobs(file string, root *yaml.Node, p *Profile) error {
	var problems []Problem
	check := func(path []string, pattern string) {
		g := strings.TrimPrefix(strings.TrimPrefix(strings.TrimRight(strings.TrimSpace(pattern), "/"), "./"), "/")
		if doublestar.ValidatePattern(g) {
			return
		}
		n := lookup(root, path)
		problems = append(problems, Problem{File: file, Line: n.Line, Column: n.Column, Key: dotted(path),
			Message: fmt.Sprintf("%q is not a valid glob", pattern)})
	}
	for i, pat := range p.Exclude {
		check([]string{"exclude", strconv.Itoa(i)}, pat)
	}
	for i, c := range p.Consent {
		for j, pat := range c.Files {
			check([]string{"consent", strconv.Itoa(i), "files", strconv.Itoa(j)}, pat)
		}
	}
	if len(problems) > 0 {
		return &ProfileError{Problems: problems}
	}
	return nil
}
