package manifest

import (
	"regexp"
	"testing"
)

var classPatternCases = []struct {
	pattern string
	quick   bool // has a class form
	texts   []string
}{
	{`^[0-9a-f]{64}$`, true, []string{"", "ab", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF"}},
	{`^[0-9a-f]{16,128}$`, true, []string{"0123456789abcdef", "0123456789abcde", "0123456789abcdef0"}},
	{`^[a-z][a-z0-9_]*$`, true, []string{"email", "e_1", "1e", "", "a-b", "é"}},
	{`^[a-z]{2,3}$`, true, []string{"en", "eng", "e", "engl", "EN"}},
	{`^[a-z]{0,2}[0-9]+$`, true, []string{"1", "a1", "ab12", "abc1", "ab", "é1", "a\xff1"}},
	{`^[0-9]{4}`, true, []string{"2021", "2021-01", "202", "x2021"}},
	{`^[a-z0-9.+-]+/[A-Za-z0-9.+-]+`, true, []string{"image/jpeg", "image/", "/jpeg", "a/b c", "A/b"}},
	{`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}$`, true, []string{"urn:uuid:01234567-89ab", "urn:uuid:01234567-89a", "urn:uuid:0123456-789ab"}},
	{`^[a]*[b]*[a]$`, false, []string{"aa", "aba", "b"}},
	{`^[a-z]+[a-z]$`, false, []string{"ab", "a"}},
	{`^[a-z0-9_]+(/[a-z0-9_.-]+)+$`, false, []string{"pii/email"}},
	{`(^/|^\.\./)`, false, []string{"/a", "a"}},
	{`^(?i)[a-z]+$`, false, []string{"A"}},
	{`^.+$`, false, []string{"x"}},
	{`^[^a]$`, false, []string{"b"}},
}

func TestClassPatternMatchesAsRegexp(t *testing.T) {
	for _, tt := range classPatternCases {
		t.Run(tt.pattern, func(t *testing.T) {
			re := regexp.MustCompile(tt.pattern)
			cp := compileClassPattern(re)
			if (cp != nil) != tt.quick {
				t.Fatalf("class form: %v, want %v", cp != nil, tt.quick)
			}
			if cp == nil {
				return
			}
			for _, s := range tt.texts {
				if got, want := cp.match([]byte(s)), re.MatchString(s); got != want {
					t.Errorf("match(%q) = %v, regexp says %v", s, got, want)
				}
			}
		})
	}
}

// FuzzClassPattern: on any text, a class form matches as regexp does.
func FuzzClassPattern(f *testing.F) {
	for _, tt := range classPatternCases {
		for _, s := range tt.texts {
			f.Add(s)
		}
	}
	var forms []*classPattern
	var res []*regexp.Regexp
	for _, tt := range classPatternCases {
		re := regexp.MustCompile(tt.pattern)
		if cp := compileClassPattern(re); cp != nil {
			forms, res = append(forms, cp), append(res, re)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, cp := range forms {
			if got, want := cp.match([]byte(s)), res[i].MatchString(s); got != want {
				t.Fatalf("%s: match(%q) = %v, regexp says %v", res[i], s, got, want)
			}
		}
	})
}
