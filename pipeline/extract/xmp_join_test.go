package extract

import (
	"strings"
	"testing"
)

// joinBySplitting is how the values of a property were joined before
// joinedValues: the join so far split at "; " for every new value.
func joinBySplitting(values []string) string {
	joined, seen := "", false
	for _, v := range values {
		switch {
		case !seen:
			joined, seen = v, true
		case len(joined) < maxValueLen && !splitHas(joined, v):
			joined += "; " + v
		}
	}
	return joined
}

func splitHas(joined, v string) bool {
	for _, s := range strings.Split(joined, "; ") {
		if s == v {
			return true
		}
	}
	return false
}

func joinValues(values []string) string {
	var j *joinedValues
	for _, v := range values {
		switch {
		case j == nil:
			j = &joinedValues{vals: []string{v}, n: len(v)}
		case j.n < maxValueLen && !j.contains(v):
			j.vals = append(j.vals, v)
			j.n += len("; ") + len(v)
		}
	}
	if j == nil {
		return ""
	}
	if got := strings.Join(j.vals, "; "); len(got) != j.n {
		panic("joinedValues.n is not the length of the join")
	}
	return strings.Join(j.vals, "; ")
}

func TestJoinedValues(t *testing.T) {
	long := strings.Repeat("x", maxValueLen)
	for _, values := range [][]string{
		{"a", "b", "a"},
		{"a; b", "b", "c"},
		{"a;", " b", "a;"},
		{"a; ", "", "b"},
		{"", "", "a"},
		{"x; y", "x; y"},
		{long, "more"},
		{"a", long, "after the limit"},
	} {
		if got, want := joinValues(values), joinBySplitting(values); got != want {
			t.Errorf("%q: joined %q, want %q", values, got, want)
		}
	}
}

// FuzzJoinedValues: joinedValues joins any values, one a line, as the
// join split at every new value did.
func FuzzJoinedValues(f *testing.F) {
	f.Add("a\nb\na")
	f.Add("a; b\nb\n; \n;\n ")
	f.Fuzz(func(t *testing.T, in string) {
		values := strings.Split(in, "\n")
		if got, want := joinValues(values), joinBySplitting(values); got != want {
			t.Errorf("%q: joined %q, want %q", values, got, want)
		}
	})
}
