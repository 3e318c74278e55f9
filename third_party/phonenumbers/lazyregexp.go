package phonenumbers

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled the first time it is used.
// Upstream compiles the package-level patterns of phonenumberutil.go with
// regexp.MustCompile in package init, which every program linking the
// package pays for before main, whether or not it ever parses a phone
// number. (Change from upstream nyaruka/phonenumbers.)
//
// It offers the methods of *regexp.Regexp the library calls; Regexp returns
// the compiled expression for anything else.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// newLazyRegexp returns a lazyRegexp for expr, which must compile:
// like regexp.MustCompile, the first use panics if it does not.
func newLazyRegexp(expr string) *lazyRegexp {
	return &lazyRegexp{expr: expr}
}

func (r *lazyRegexp) compile() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

// Regexp returns the compiled expression, compiling it on the first call.
func (r *lazyRegexp) Regexp() *regexp.Regexp { return r.compile() }

// String returns the source text of the expression, without compiling it.
func (r *lazyRegexp) String() string { return r.expr }

func (r *lazyRegexp) MatchString(s string) bool { return r.compile().MatchString(s) }

func (r *lazyRegexp) FindIndex(b []byte) []int { return r.compile().FindIndex(b) }

func (r *lazyRegexp) FindStringIndex(s string) []int { return r.compile().FindStringIndex(s) }

func (r *lazyRegexp) FindAllString(s string, n int) []string {
	return r.compile().FindAllString(s, n)
}

func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	return r.compile().FindStringSubmatch(s)
}

func (r *lazyRegexp) Split(s string, n int) []string { return r.compile().Split(s, n) }

func (r *lazyRegexp) ReplaceAllString(src, repl string) string {
	return r.compile().ReplaceAllString(src, repl)
}

func (r *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.compile().ReplaceAllStringFunc(src, repl)
}
