//go:build unix

package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/unix"
)

// dropRoot makes a process run by root run as nobody, so that files made
// unreadable with chmod are unreadable to it too.
func dropRoot() {
	if os.Geteuid() != 0 {
		return
	}
	if err := syscall.Setgid(65534); err != nil {
		fmt.Fprintln(os.Stderr, "setgid:", err)
		os.Exit(99)
	}
	if err := syscall.Setuid(65534); err != nil {
		fmt.Fprintln(os.Stderr, "setuid:", err)
		os.Exit(99)
	}
}

// mkfifo PATH: make a named pipe.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: mkfifo PATH")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// deeptree DIR LEVELS: nest LEVELS folders named d under DIR, with
// leaf.txt at the bottom. The path is far past PATH_MAX, so each folder is
// made relative to its parent's descriptor.
func cmdDeepTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: deeptree DIR LEVELS")
	}
	levels, err := strconv.Atoi(args[1])
	ts.Check(err)
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o755))
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	ts.Check(err)
	for range levels {
		ts.Check(unix.Mkdirat(fd, "d", 0o755))
		next, err := unix.Openat(fd, "d", unix.O_RDONLY|unix.O_DIRECTORY, 0)
		ts.Check(err)
		unix.Close(fd)
		fd = next
	}
	leaf, err := unix.Openat(fd, "leaf.txt", unix.O_WRONLY|unix.O_CREAT, 0o644)
	ts.Check(err)
	_, err = unix.Write(leaf, []byte("at the bottom\n"))
	ts.Check(err)
	unix.Close(leaf)
	unix.Close(fd)
}
