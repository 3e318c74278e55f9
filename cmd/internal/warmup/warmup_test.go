package warmup

import "testing"

func TestReadsFiles(t *testing.T) {
	for cmd, want := range map[string]bool{
		"scan": true, "pack": true, "status": true,
		"verify": false, "version": false, "keygen": false, "init": false,
		"diff": false, "completion": false, "__complete": false, "": false,
	} {
		if got := readsFiles(cmd); got != want {
			t.Errorf("readsFiles(%q) = %v, want %v", cmd, got, want)
		}
	}
}
