package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// initBudget is the most a library package may allocate in its package
// initialisation, which every consign command pays before main, --version
// and shell completion included. Tables, patterns and templates that only
// some commands need are built on first use instead (sync.OnceValue).
const initBudget = 48 << 10

// patchedLibraries are the libraries built from the copies in third_party/,
// patched to do their set-up on first use.
var patchedLibraries = []string{
	"github.com/ledongthuc/pdf",
	"github.com/nyaruka/phonenumbers",
	"github.com/santhosh-tekuri/jsonschema/v6",
}

// TestPackageInitIsSmall runs this test binary, which links every package
// consign does, with GODEBUG=inittrace=1 and holds consign's packages and
// the patched library copies in third_party/ to initBudget.
func TestPackageInitIsSmall(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^init (\S+) @.* ([0-9]+) bytes, [0-9]+ allocs$`)
	seen := 0
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		pkg := m[1]
		ours := strings.HasPrefix(pkg, "github.com/consignhq/consign/") && !strings.HasPrefix(pkg, "github.com/consignhq/consign/cmd/")
		if !ours && !slices.Contains(patchedLibraries, pkg) {
			continue
		}
		seen++
		if n, _ := strconv.Atoi(m[2]); n > initBudget {
			t.Errorf("initialising %s allocates %d bytes, more than %d: build its tables on first use", pkg, n, initBudget)
		}
	}
	if seen < 5 {
		t.Fatalf("inittrace named %d of consign's packages, want them all:\n%s", seen, out)
	}
}
