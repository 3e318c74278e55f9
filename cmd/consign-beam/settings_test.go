package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/pipeline"
)

func TestChooseRoot(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	if err := os.Mkdir(filepath.Join(data, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, input, given, want string
	}{
		{name: "gcs glob", input: "gs://bucket/photos/**", want: "gs://bucket/photos/"},
		{name: "s3 glob below a partial name", input: "s3://bucket/photos/2021-*/*.jpg", want: "s3://bucket/photos/"},
		{name: "remote root given without slash", input: "gs://b/x/**", given: "gs://b", want: "gs://b/"},
		{name: "local glob", input: data + "/photos/**/*.jpg", want: filepath.Join(data, "photos")},
		{name: "local folder", input: wd, want: wd},
		{name: "relative glob", input: "*.go", want: wd},
		{name: "local root given", input: "/elsewhere/**", given: data + "/", want: data},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := chooseRoot(tc.input, tc.given)
			if err != nil || got != tc.want {
				t.Errorf("chooseRoot(%q, %q) = %q, %v; want %q", tc.input, tc.given, got, err, tc.want)
			}
		})
	}
}

func TestChooseRootOfAMissingInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := chooseRoot(missing, "")
	if err == nil || !strings.Contains(err.Error(), "--input "+missing+" does not exist") {
		t.Fatalf("chooseRoot(%q) = %v, want it to say the input does not exist", missing, err)
	}
	glob := missing + "/**"
	if _, err := chooseRoot(glob, ""); err == nil || err.Error() != "the root "+missing+"/ does not exist" {
		t.Fatalf("chooseRoot(%q) = %v, want it to say the root does not exist", glob, err)
	}
	if _, err := chooseRoot("", missing); err == nil || err.Error() != "the root "+missing+" does not exist" {
		t.Fatalf("chooseRoot with --root %q = %v, want it to say the root does not exist", missing, err)
	}
}

func TestSettingsRel(t *testing.T) {
	for _, tc := range []struct {
		name, root, path, want string
		bad                    bool
	}{
		{name: "object below the root", root: "gs://b/photos/", path: "gs://b/photos/2021/a.jpg", want: "2021/a.jpg"},
		{name: "local absolute", root: "/data", path: "/data/a/b.txt", want: "a/b.txt"},
		{name: "relative to the root", root: "/data", path: "./a/b.txt", want: "a/b.txt"},
		{name: "relative to a remote root", root: "s3://b/p/", path: "x.md", want: "x.md"},
		{name: "outside the root", root: "/data", path: "/database/a.txt", bad: true},
		{name: "the root itself", root: "gs://b/p/", path: "gs://b/p/", bad: true},
		{name: "climbs out", root: "/data", path: "/data/a/../../etc/passwd", bad: true},
		{name: "empty element", root: "gs://b/p/", path: "gs://b/p/a//b", bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Settings{Root: tc.root}
			got, _, err := s.rel(tc.path)
			if tc.bad {
				if err == nil {
					t.Errorf("rel(%q) = %q, want an error", tc.path, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("rel(%q) = %q, %v; want %q", tc.path, got, err, tc.want)
			}
		})
	}
}

func TestLoadSettingsSaysWhatIsMissing(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, root, config, key, want string
	}{
		{name: "remote root needs a key", root: "gs://b/p/", want: "--key-file is required"},
		{name: "local root without a key", root: dir, want: "run consign scan"},
		{name: "missing key file", root: "gs://b/p/", key: filepath.Join(dir, "nope.key"), want: "--key-file " + filepath.Join(dir, "nope.key") + " does not exist"},
		{name: "missing config", root: dir, config: filepath.Join(dir, "nope.yaml"), want: "--config " + filepath.Join(dir, "nope.yaml") + " does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadSettings(tc.root, scanconfig.Choices{}, tc.config, tc.key, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadSettings: %v; want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestLoadSettingsUnreadableWording: an ignore list or consign.yaml that
// cannot be read is named once with the reason, as consign scan names
// them, not again inside Go's "read PATH:" wording.
func TestLoadSettingsUnreadableWording(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, ".consign")
	ignore := filepath.Join(state, "ignore")
	if err := os.MkdirAll(ignore, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := loadSettings(dir, scanconfig.Choices{}, "", "", "")
	if want := "read ignore list " + ignore + ": is a directory"; err == nil || err.Error() != want {
		t.Errorf("loadSettings = %v, want %s", err, want)
	}
	_, err = loadSettings(dir, scanconfig.Choices{}, "", "", ignore)
	if want := "read ignore list " + ignore + ": is a directory"; err == nil || err.Error() != want {
		t.Errorf("loadSettings --ignore-file = %v, want %s", err, want)
	}
	_, err = loadSettings(dir, scanconfig.Choices{}, state, "", "")
	if want := "read " + state + ": is a directory"; err == nil || err.Error() != want {
		t.Errorf("loadSettings --config = %v, want %s", err, want)
	}
}

// TestLoadSettingsChecksDetectorsAsScanDoes: a --detectors list consign
// scan refuses is refused with scan's words, before any key is asked for.
func TestLoadSettingsChecksDetectorsAsScanDoes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, detectors, want string
	}{
		{name: "none with others", detectors: "none,pii/email", want: "--detectors none,pii/email: none runs no detector, so it cannot be given with others"},
		{name: "unknown name", detectors: "pii/emial", want: `unknown detector "pii/emial"`},
	} {
		for where, root := range map[string]string{"local": dir, "remote": "gs://b/p/"} {
			t.Run(tc.name+" "+where, func(t *testing.T) {
				_, err := loadSettings(root, scanconfig.Choices{Detectors: splitList(tc.detectors)}, "", "", "")
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("loadSettings: %v; want an error saying %q", err, tc.want)
				}
			})
		}
	}
	if _, err := loadSettings("gs://b/p/", scanconfig.Choices{Detectors: []string{"none"}}, "", "", ""); err != nil {
		t.Errorf("loadSettings with --detectors none: %v; want no error, and no key asked for", err)
	}
}

func TestFileProcessorExcluded(t *testing.T) {
	s := Settings{Root: "/data", Choices: scanconfig.Choices{}}
	s.Choices.Exclude = []string{"drafts/", "*.tmp"}
	s.Choices.Detectors = []string{"none"}
	opts, err := s.options()
	if err != nil {
		t.Fatal(err)
	}
	fp := pipeline.NewFileProcessor(opts)
	for _, tc := range []struct {
		rel, entry string
		excluded   bool
	}{
		{rel: "blog/post.md"},
		{rel: "blog/drafts/one/two.md", entry: "blog/drafts", excluded: true},
		{rel: "a/b.tmp", entry: "a/b.tmp", excluded: true},
		{rel: "drafts", excluded: false}, // a file, and the pattern is for folders
		{rel: "consign.yaml", excluded: true},
		{rel: ".consign/key", excluded: true},
		{rel: "notes/consign.yaml"},
	} {
		entry, excluded := fp.Excluded(tc.rel)
		if entry != tc.entry || excluded != tc.excluded {
			t.Errorf("Excluded(%q) = %q, %v; want %q, %v", tc.rel, entry, excluded, tc.entry, tc.excluded)
		}
	}
}

// TestConsignDoesNotLinkBeam keeps Beam, its runners and their cloud
// clients out of the consign binary: only consign-beam may depend on them.
func TestConsignDoesNotLinkBeam(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	// From the main module, whose go.mod is what consign is built with.
	cmd := exec.Command("go", "list", "-deps", "./cmd/consign")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "apache/beam") {
			t.Errorf("cmd/consign depends on %s", pkg)
		}
	}
}

func TestOutputOutsideRoot(t *testing.T) {
	for _, tc := range []struct {
		name, root, output string
		bad                bool
	}{
		{name: "beside the root", root: "/data/photos", output: "/data/audit"},
		{name: "name that starts like the root", root: "/data/photos", output: "/data/photos-audit"},
		{name: "inside the root", root: "/data/photos", output: "/data/photos/audit", bad: true},
		{name: "the root itself", root: "/data/photos", output: "/data/photos/", bad: true},
		{name: "remote output", root: "/data/photos", output: "gs://b/audit"},
		{name: "remote root", root: "gs://b/photos/", output: "/data/audit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := outputOutside(tc.root, tc.output)
			if (err != nil) != tc.bad {
				t.Fatalf("outputOutside(%q, %q) = %v, want error %v", tc.root, tc.output, err, tc.bad)
			}
		})
	}
	// newJob refuses it before reading any key or consign.yaml.
	dir := t.TempDir()
	_, err := newJob(&flags{input: dir + "/**", output: filepath.Join(dir, "audit"), shards: 1})
	if err == nil || !strings.Contains(err.Error(), "is inside the root") {
		t.Fatalf("newJob with --output inside the root: %v", err)
	}
}
