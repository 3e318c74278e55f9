package manifest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Lines are validated in parallel batches; the error must still be the
// first bad line's, whichever worker finds a bad line first.
func TestValidateLinesReportsTheFirstBadLine(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	good := func(i int) string {
		return fmt.Sprintf(`{"path":"f/%05d.txt","size":%d,"sha256":"%s","kind":"text"}`, i, i, sha)
	}
	tests := []struct {
		name string
		bad  []int // 1-based line numbers made invalid
		want string
	}{
		{"all valid", nil, ""},
		{"one bad line in a late batch", []int{2900}, "metadata/files.jsonl:2900: "},
		{"two bad lines in different batches", []int{2900, 1700}, "metadata/files.jsonl:1700: "},
		{"two bad lines in one batch", []int{1030, 1029}, "metadata/files.jsonl:1029: "},
		{"first line", []int{1, 3000}, "metadata/files.jsonl:1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := make([]string, 3000)
			for i := range lines {
				lines[i] = good(i + 1)
			}
			for _, n := range tt.bad {
				lines[n-1] = `{"path":"x","size":1,"kind":"picture"}`
			}
			err := ValidateDocument(FilesJSONL, []byte(strings.Join(lines, "\n")+"\n"))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid lines rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to start with %q", err, tt.want)
			}
			if !errors.Is(err, ErrInvalidDocument) {
				t.Errorf("err = %v does not wrap ErrInvalidDocument", err)
			}
		})
	}
}

func TestValidateLinesRefusesOverlongLine(t *testing.T) {
	long := `{"path":"` + strings.Repeat("a", maxJSONLine) + `","size":1}`
	err := ValidateDocument(FilesJSONL, []byte(`{"path":"a","size":1}`+"\n"+long+"\n"))
	if err == nil || !strings.Contains(err.Error(), "token too long") || !errors.Is(err, ErrInvalidDocument) {
		t.Fatalf("err = %v, want a line too long", err)
	}
}
