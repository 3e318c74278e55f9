package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// setHome points the user's folders at dir for a test: HOME, and on
// Windows the application data folders where consign keeps its key and
// cache there (os.UserConfigDir and os.UserCacheDir read those).
func setHome(t testing.TB, dir string) {
	t.Setenv("HOME", dir)
	if runtime.GOOS == "windows" {
		t.Setenv("APPDATA", filepath.Join(dir, "AppData", "Roaming"))
		t.Setenv("LOCALAPPDATA", filepath.Join(dir, "AppData", "Local"))
	}
}

// canSymlink says whether this system makes symbolic links: Windows
// without the privilege does not, and under Wine the link made is not
// there.
func canSymlink(t *testing.T) bool {
	t.Helper()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink("target", link); err != nil {
		return false
	}
	info, err := os.Lstat(link)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// needGo skips a test that runs the go command where there is none (a
// test binary built for another system).
func needGo(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("go"); errors.Is(err, exec.ErrNotFound) {
		t.Skip("the go command is not on PATH")
	}
}
