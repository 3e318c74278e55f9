package bagit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// conformanceDir is the BagIt conformance suite: bags other tools made.
const conformanceDir = "../../../shared/testdata/bagit-conformance"

// conformanceExpect lists, for each bag outside the valid/ and invalid/
// folders, whether Verify must accept it, and for each invalid bag a piece
// of the problem that must be reported, so a bag is rejected for the right
// reason.
var conformanceExpect = map[string]string{
	// invalid: what the report must say
	"v0.97/invalid/baginfo-missing-encoding":                                     "Tag-File-Character-Encoding",
	"v0.97/invalid/bom-in-bagit.txt":                                             "byte order mark",
	"v0.97/invalid/corrupt-data-file":                                            "md5 checksum differs",
	"v0.97/invalid/corrupt-tag-file":                                             "md5 checksum differs from tagmanifest-md5.txt",
	"v0.97/invalid/extra-file-in-bag":                                            "data/bar: is not listed in manifest-md5.txt",
	"v0.97/invalid/invalid-version-number":                                       "BagIt-Version: M.N",
	"v0.97/invalid/missing-baginfo":                                              "bag-info.txt: listed in tagmanifest-md5.txt but missing",
	"v0.97/invalid/missing-bagit.txt":                                            "bagit.txt: missing",
	"v0.97/invalid/out-of-scope-file-paths-using-dot-notation":                   `climbs out with a ".." element`,
	"v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch":         "fetch.txt: line 1: unsafe path",
	"v0.97/invalid/same-filename-listed-twice-with-different-hashes":             "with different checksums",
	"v0.97/linux-only/out-of-scope-file-paths-using-absolute-path":               "is absolute",
	"v0.97/linux-only/out-of-scope-file-paths-using-absolute-path-for-fetch":     "is absolute",
	"v0.97/linux-only/out-of-scope-file-paths-using-shortcut":                    "starts with ~",
	"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-for-fetch":          "starts with ~",
	"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username":           "starts with ~",
	"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username-for-fetch": "starts with ~",
	"v1.0/invalid/bagit-with-invalid-whitespace":                                 "BagIt-Version: M.N",
	"v1.0/invalid/notAllManifestsListAllFiles":                                   "data/missingFromManifest.txt: is not listed in manifest-sha512.txt",
	"v1.0/invalid/same-filename-listed-twice-with-different-hashes":              "BagIt-Version: M.N",
	"v1.0/invalid/same-filename-listed-twice-with-the-same-hash":                 "both list data/README",
	// warning/: valid bags that draw a warning...
	"v0.97/warning/made-with-md5sum-tools":                                  "",
	"v0.97/warning/relative-path":                                           "",
	"v0.97/warning/same-filename-listed-twice-with-the-same-hash":           "",
	"v0.97/warning/same-filename-listed-twice-with-different-normalization": "",
	// ...except two this checkout cannot hold: data/HELLO.txt is only the
	// same file as data/hello.txt on a case-insensitive file system, and
	// git does not keep the empty data/.DS_Store the manifest lists.
	"v0.97/warning/duplicate-file-with-different-case": "data/HELLO.txt: listed in manifest-sha512.txt but missing",
	"v0.97/warning/special-system-files":               "data/.DS_Store: listed in manifest-sha512.txt but missing",
}

func TestConformance(t *testing.T) {
	if _, err := os.Stat(conformanceDir); err != nil {
		t.Skipf("BagIt conformance suite not found at %s (../shared is absent): %v", conformanceDir, err)
	}
	var valid, invalid int
	for _, group := range []string{"v0.97/valid", "v0.97/invalid", "v0.97/linux-only", "v0.97/warning", "v1.0/valid", "v1.0/invalid"} {
		dirents, err := os.ReadDir(filepath.Join(conformanceDir, group))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirents {
			if !d.IsDir() {
				continue
			}
			name := group + "/" + d.Name()
			want, listed := conformanceExpect[name]
			wantValid := strings.HasSuffix(group, "/valid") || listed && want == ""
			if !wantValid && !listed {
				t.Errorf("%s: no expected problem listed in conformanceExpect", name)
				continue
			}
			t.Run(name, func(t *testing.T) {
				r, err := Verify(context.Background(), filepath.Join(conformanceDir, name), VerifyOptions{Jobs: 2})
				if err != nil {
					t.Fatal(err)
				}
				if wantValid {
					valid++
					if !r.Valid() {
						t.Errorf("rejected a valid bag: %v", r.Problems)
					}
					if strings.Contains(group, "warning") && len(r.Warnings) == 0 {
						t.Errorf("no warning for a bag that should draw one")
					}
					return
				}
				invalid++
				if r.Valid() {
					t.Fatalf("accepted an invalid bag (warnings: %v)", r.Warnings)
				}
				var msgs []string
				for _, p := range r.Problems {
					msgs = append(msgs, p.String())
				}
				if all := strings.Join(msgs, "\n"); !strings.Contains(all, want) {
					t.Errorf("problems do not mention %q:\n%s", want, all)
				}
			})
		}
	}
	t.Logf("%d valid bags accepted, %d invalid bags rejected", valid, invalid)
}
