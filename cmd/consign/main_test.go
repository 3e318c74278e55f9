package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output of testscript cmp commands")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"consign": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		// consign-unprivileged drops root before running, so that files
		// made unreadable with chmod are unreadable to it too.
		"consign-unprivileged": func() {
			dropRoot()
			os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

func TestScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the scripts use what Windows lacks: FIFOs, setuid, signals, /proc")
	}
	// The scripts' folders must be reachable by the unprivileged user, by
	// their full paths too: t.TempDir makes the folder above root 0700.
	root := t.TempDir()
	for _, dir := range []string{root, filepath.Dir(root)} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		WorkdirRoot:   root,
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkfifo":     cmdMkfifo,
			"rawname":    cmdRawName,
			"sparsefile": cmdSparseFile,
			"deeptree":   cmdDeepTree,
			"chmodtree":  cmdChmodTree,
			"exits":      cmdExits,
			"interrupt":  cmdInterrupt,
			"flipbyte":   cmdFlipByte,
			"cmptree":    cmdCmpTree,
			"noglob":     cmdNoGlob,
			"shards":     cmdShards,
		},
	})
}

// rawname DIR HEXNAME: make a file whose name is the given bytes, which
// need not be valid UTF-8.
func cmdRawName(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: rawname DIR HEXNAME")
	}
	name, err := hex.DecodeString(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(ts.MkAbs(args[0]), string(name)), []byte("raw name\n"), 0o644))
}

// sparsefile PATH SIZE: make a sparse file of SIZE bytes.
func cmdSparseFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sparsefile PATH SIZE")
	}
	size, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(f.Truncate(size))
	ts.Check(f.Close())
}

// chmodtree MODE DIR: chmod DIR and everything under it (directories keep
// their search bit), so the unprivileged user can reach the files.
func cmdChmodTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: chmodtree MODE DIR")
	}
	mode, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	ts.Check(filepath.Walk(ts.MkAbs(args[1]), func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		m := os.FileMode(mode)
		if info.IsDir() {
			m |= 0o111
		}
		return os.Chmod(p, m)
	}))
}

// exits CODE PROG ARGS...: run PROG (a command on $PATH, such as consign)
// and check its exact exit code; its output is kept for stdout and stderr.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(lookPath(ts, args[1]), args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = scriptEnv(ts)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	fmt.Fprint(ts.Stdout(), stdout.String())
	fmt.Fprint(ts.Stderr(), stderr.String())
	got := cmd.ProcessState.ExitCode()
	if err != nil && got == -1 {
		ts.Fatalf("run %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d\nstderr:\n%s", args[1], got, want, stderr.String())
	}
}

// interrupt MILLIS PROG ARGS...: start PROG, wait until it has a file of
// the script's work directory open (it is past start-up and at work), send
// SIGINT MILLIS later, and check that it stops within a second with exit
// code 130.
func cmdInterrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: interrupt MILLIS PROG [ARGS...]")
	}
	ms, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(lookPath(ts, args[1]), args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = scriptEnv(ts)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	ts.Check(cmd.Start())
	waitForOpenFile(ts, cmd.Process.Pid, ts.MkAbs("."))
	time.Sleep(time.Duration(ms) * time.Millisecond)
	ts.Check(cmd.Process.Signal(os.Interrupt))
	sent := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		ts.Fatalf("%s did not stop within 5s of SIGINT", args[1])
	}
	fmt.Fprint(ts.Stderr(), stderr.String())
	if got := cmd.ProcessState.ExitCode(); got != 130 {
		ts.Fatalf("%s exited with %d after SIGINT, want 130\nstderr:\n%s", args[1], got, stderr.String())
	}
	ts.Logf("stopped %v after SIGINT", time.Since(sent).Round(time.Millisecond))
}

// waitForOpenFile waits until process pid has a file under dir open, so a
// signal reaches a program that is running, not one still starting (a
// heavily loaded machine can take longer than any fixed delay to start it).
func waitForOpenFile(ts *testscript.TestScript, pid int, dir string) {
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(fds)
		for _, e := range entries {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	ts.Fatalf("process %d opened no file under %s within 30s", pid, dir)
}

func lookPath(ts *testscript.TestScript, prog string) string {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(dir, prog)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	ts.Fatalf("%s not found on the script's PATH", prog)
	return ""
}

func scriptEnv(ts *testscript.TestScript) []string {
	var env []string
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "WORK", "SOURCE_DATE_EPOCH", "NO_COLOR"} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	// The test binary decides by this variable which command to run.
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GO") || strings.HasPrefix(kv, "TESTSCRIPT") {
			env = append(env, kv)
		}
	}
	return env
}
