//go:build linux

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

// TestCacheClearSaysItWaits: cache clear waits for another consign
// working on the folder, as every command does, and says so as they do
// rather than hang without a word.
func TestCacheClearSaysItWaits(t *testing.T) {
	setHome(t, t.TempDir())
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"scan", "-q", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatalf("scan: exit %d", code)
	}
	lock := flock.New(filepath.Join(dir, stateDir, "catalog.lock"))
	if ok, err := lock.TryLock(); err != nil || !ok {
		t.Fatalf("hold the catalog lock: %v %v", ok, err)
	}
	defer lock.Unlock()
	var stdout, stderr lockedBuffer
	done := make(chan int)
	go func() { done <- run([]string{"cache", "clear", dir}, &stdout, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "another consign is working on") {
		select {
		case code := <-done:
			t.Fatalf("cache clear ran while the lock was held: exit %d, stderr %q", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			lock.Unlock()
			<-done
			t.Fatalf("cache clear waited without a word: stderr %q", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	lock.Unlock()
	if code := <-done; code != exitOK || !strings.Contains(stdout.String(), "removed the catalog") {
		t.Fatalf("cache clear: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
