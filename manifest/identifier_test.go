package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

func TestEnsureIdentifier(t *testing.T) {
	tests := []struct {
		name, yaml string
		keep       string // a piece of the original that must survive
	}{
		{"no file", "", ""},
		{"commented block mapping", "# who I am\ncreator:\n  name: Ada   # my pen name\n\nexclude: [drafts/]\n", "  name: Ada   # my pen name\n"},
		{"no final newline", "creator:\n  name: Ada", "creator:\n  name: Ada\n"},
		{"flow mapping", "{creator: {name: Ada}}  # flow\n", "# flow"},
		// A file saved by a Windows editor keeps its line endings, and
		// one that starts with a byte-order mark keeps it and its layout.
		{"CRLF line endings", "creator:\r\n  name: Ada\r\n\r\n# end\r\n", "\r\n# end\r\n"},
		{"byte-order mark", "\ufeff# mine\ncreator:\n\n  name: Ada\n", "# mine\ncreator:\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ProfileFile)
			if tt.yaml != "" {
				os.WriteFile(path, []byte(tt.yaml), 0o600)
			}
			id, wrote, err := EnsureIdentifier(dir)
			if err != nil || !wrote || !urnUUID().MatchString(id) {
				t.Fatalf("id %q wrote %v err %v", id, wrote, err)
			}
			b, _ := os.ReadFile(path)
			if !strings.Contains(string(b), tt.keep) || !strings.Contains(string(b), id) {
				t.Errorf("consign.yaml lost %q or the id:\n%s", tt.keep, b)
			}
			if tt.yaml != "" && tt.name != "flow mapping" && !strings.HasPrefix(string(b), strings.TrimSuffix(tt.yaml, "\n")) {
				t.Errorf("the original bytes were changed:\n%s", b)
			}
			if strings.Contains(tt.yaml, "\r\n") && strings.Count(string(b), "\n") != strings.Count(string(b), "\r\n") {
				t.Errorf("CRLF file got bare line feeds:\n%q", b)
			}
			if info, _ := os.Stat(path); tt.yaml != "" && info.Mode().Perm() != 0o600 && runtime.GOOS != "windows" { // Windows keeps no mode bits
				t.Errorf("mode changed to %v", info.Mode())
			}
			p, err := LoadProfile(dir)
			if err != nil {
				t.Fatalf("profile no longer loads: %v", err)
			}
			if tt.yaml != "" && p.Creator.Name != "Ada" {
				t.Errorf("creator lost: %+v", p.Creator)
			}
			again, wrote, err := EnsureIdentifier(dir)
			if err != nil || wrote || again != id {
				t.Errorf("second call: %q %v %v, want %q unchanged", again, wrote, err, id)
			}
			// The folder had no .consign: its state may be kept elsewhere
			// (--state), and a .consign made here would take its place.
			if _, err := os.Lstat(filepath.Join(dir, pipeline.StateDir)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("left a .consign in the folder: %v", err)
			}
		})
	}
	for _, bad := range []string{"- a list\n", "external_identifier: 1234\n", "a: [\n"} {
		t.Run("bad "+strings.TrimSpace(bad), func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ProfileFile), []byte(bad), 0o644)
			if _, _, err := EnsureIdentifier(dir); !errors.Is(err, ErrBadProfile) {
				t.Fatalf("got %v, want ErrBadProfile", err)
			}
		})
	}
}

// TestEnsureIdentifierKeepsState: a folder's own .consign stays, with
// nothing left in it.
func TestEnsureIdentifierKeepsState(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, pipeline.StateDir)
	if err := os.Mkdir(state, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, wrote, err := EnsureIdentifier(dir); err != nil || !wrote {
		t.Fatalf("wrote %v err %v", wrote, err)
	}
	entries, err := os.ReadDir(state)
	if err != nil || len(entries) != 0 {
		t.Errorf(".consign: %v, %v; want it empty", entries, err)
	}
}
