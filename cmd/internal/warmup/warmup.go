// Package warmup starts, as a consign command that reads a folder's files
// begins, the set-up those reads would otherwise do on their first file,
// in a goroutine of its own. Until the first file is read the process
// runs on one core (the runtime, the packages' initialisation, the flags,
// consign.yaml and the catalog: 10–15 ms), so on a machine with more
// than one the set-up costs no wall time; done by the first file's
// reader instead, it held up every other reader that needed it too.
//
// The one set-up large enough to matter is the phone detector's
// numbering plans (about 2 ms of CPU; a scan of a few hundred files takes
// 80–100 ms). The commands import this package for its side effect,
// after the packages whose initialisation sets up the heap.
package warmup

import (
	"os"
	"runtime"

	"github.com/consignhq/consign/cmd/internal/cmdline"
	// The heap's set-up must come first: see hugeheap and lategc.
	_ "github.com/consignhq/consign/cmd/internal/lategc"
	"github.com/consignhq/consign/detectors/pii"
)

func init() {
	if readsFiles(cmdline.Command(os.Args[1:])) && runtime.GOMAXPROCS(0) > 1 {
		go pii.LoadPhonePlans()
	}
}

// readsFiles says whether the command reads the contents of a folder's
// files through the detectors: scan, and pack and status, which scan
// what changed.
func readsFiles(command string) bool {
	switch command {
	case "scan", "pack", "status":
		return true
	}
	return false
}
