package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckBundleMetadata(t *testing.T) {
	const a, b = "aaaa", "bbbb"
	manifest := a + "  data/x.txt\n" + b + "  data/100%25.txt\n"
	tests := []struct {
		name, files, findings string
		want                  string // "" for no problem
	}{
		{"consistent", `{"path":"100%.txt","size":1,"sha256":"bbbb"}` + "\n" + `{"path":"x.txt","size":1,"sha256":"aaaa"}` + "\n",
			`{"id":"f1","path":"x.txt","detector":"pii/email","status":"open"}` + "\n", ""},
		{"missing record", `{"path":"x.txt","sha256":"aaaa"}` + "\n", "", "no record for payload file 100%.txt"},
		{"wrong sum", `{"path":"100%.txt","sha256":"bbbb"}` + "\n" + `{"path":"x.txt","sha256":"cccc"}` + "\n", "", "x.txt has sha256 cccc, the payload file aaaa"},
		{"not in payload", `{"path":"100%.txt","sha256":"bbbb"}` + "\n" + `{"path":"x.txt","sha256":"aaaa"}` + "\n" + `{"path":"y.txt","sha256":"aaaa"}` + "\n", "", "y.txt is not in the payload"},
		{"out of order", `{"path":"x.txt","sha256":"aaaa"}` + "\n" + `{"path":"100%.txt","sha256":"bbbb"}` + "\n", "", "100%.txt is out of order"},
		{"not in payload, named with a newline", `{"path":"100%.txt","sha256":"bbbb"}` + "\n" + `{"path":"x.txt","sha256":"aaaa"}` + "\n" + `{"path":"y\nz.txt","sha256":"aaaa"}` + "\n", "", `"y\nz.txt" is not in the payload`},
		{"not json", "{\n", "", "line 1"},
		{"bad finding", `{"path":"100%.txt","sha256":"bbbb"}` + "\n" + `{"path":"x.txt","sha256":"aaaa"}` + "\n", `{"id":"f1","path":"x.txt"}` + "\n", "needs an id, a path, a detector and a status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "metadata"), 0o755)
			os.WriteFile(filepath.Join(dir, "manifest-sha256.txt"), []byte(manifest), 0o644)
			os.WriteFile(filepath.Join(dir, FilesJSONL), []byte(tt.files), 0o644)
			os.WriteFile(filepath.Join(dir, FindingsJSONL), []byte(tt.findings), 0o644)
			got := strings.Join(append(CheckFilesJSONL(dir, nil).Problems, CheckFindingsJSONL(dir, nil).Problems...), "\n")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant %q", got, tt.want)
			}
		})
	}
}
