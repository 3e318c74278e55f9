package manifest

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// dfaPatterns are the schemas' patterns that classPattern does not take,
// and a few shapes the automaton must get right as regexp does.
var dfaPatterns = []string{
	`(^/|^\.\./|/\.\./|/\.\.$|^\.\.$)`,
	`^[a-z0-9_]+(/[a-z0-9_.-]+)+$`,
	`^(LicenseRef-)?[A-Za-z0-9.+-]+$`,
	`^(worldwide|[A-Z]{2})$`,
	`a|b$`,
	`(?i)x[a-c]*y`,
	`^$`,
	`$`,
	`^`,
	`a*`,
	`.\z`,
	`(ab|a)(bc|c)?$`,
	`[^/]\.\.`,
	`^\.+$|^/`,
}

func TestASCIIDFAMatchesRegexp(t *testing.T) {
	const alphabet = "ab./c-_AZxyLR\n%é"
	for _, pat := range dfaPatterns {
		t.Run(pat, func(t *testing.T) {
			re := regexp.MustCompile(pat)
			d := compileASCIIDFA(re)
			if d == nil {
				t.Fatalf("no automaton for %s", pat)
			}
			r := rand.New(rand.NewPCG(1, 2))
			texts := []string{"", "..", "/..", "a/../b", "pii/email", "pii/", "worldwide", "FR", "LicenseRef-x", "ab", "abc", "é..", "x\x80y"}
			for range 3000 {
				b := make([]byte, r.IntN(9))
				for i := range b {
					b[i] = alphabet[r.IntN(len(alphabet))]
				}
				texts = append(texts, string(b))
			}
			for _, s := range texts {
				if got, want := d.match(re, []byte(s)), re.MatchString(s); got != want {
					t.Errorf("match(%q) = %v, regexp says %v", s, got, want)
				}
			}
		})
	}
}

func TestASCIIDFARefuses(t *testing.T) {
	for _, pat := range []string{`\bword\b`, `(?m)^a$`} {
		if compileASCIIDFA(regexp.MustCompile(pat)) != nil {
			t.Errorf("%s compiled, but the automaton has no such assertion", pat)
		}
	}
}

func FuzzASCIIDFA(f *testing.F) {
	for _, p := range dfaPatterns {
		f.Add(p, "a/../b")
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		if len(pat) > 64 || len(s) > 256 {
			return
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return
		}
		d := compileASCIIDFA(re)
		if d == nil {
			return
		}
		if got, want := d.match(re, []byte(s)), re.MatchString(s); got != want {
			t.Fatalf("%s: match(%q) = %v, regexp says %v", pat, s, got, want)
		}
	})
}
