package pipeline

import "testing"

func TestExcluderMatch(t *testing.T) {
	e := NewExcluder()
	if err := e.Add("test", "*.tmp", "drafts/", "/root-only.txt", "blog/_drafts/**", "photos/**/*.psd"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		isDir bool
		want  bool
	}{
		{"name glob at top", "a.tmp", false, true},
		{"name glob deep", "x/y/z.tmp", false, true},
		{"name glob no match", "a.tmpl", false, false},
		{"dir-only pattern on a dir", "sub/drafts", true, true},
		{"dir-only pattern on a file", "sub/drafts", false, false},
		{"anchored at root", "root-only.txt", false, true},
		{"anchored, not deeper", "x/root-only.txt", false, false},
		{"double star under a folder", "blog/_drafts/2021/post.md", false, true},
		{"double star folder sibling", "blog/_posts/post.md", false, false},
		{"double star in the middle", "photos/2021/june/edit.psd", false, true},
		{"double star, zero folders", "photos/edit.psd", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason, got := e.Match(tt.path, tt.isDir)
			if got != tt.want {
				t.Fatalf("Match(%q, dir=%v) = %v (%s), want %v", tt.path, tt.isDir, got, reason, tt.want)
			}
		})
	}
}

func TestExcluderRejectsBadGlob(t *testing.T) {
	if err := NewExcluder().Add("--exclude", "photos/[a-"); err == nil {
		t.Fatal("an unterminated character class was accepted")
	}
}

func TestNilExcluderMatchesNothing(t *testing.T) {
	var e *Excluder
	if _, ok := e.Match("anything", false); ok {
		t.Fatal("a nil excluder excluded a path")
	}
}
