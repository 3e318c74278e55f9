package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// stateDir is the folder's own state directory, which the walk skips.
const stateDir = ".consign"

// ignoreFile is the list of reviewed findings inside stateDir.
const ignoreFile = "ignore"

// detectOptions are the flags that choose and tune the detectors.
type detectOptions struct {
	detectors  []string
	showValues bool
}

// newDetection builds the detect stage for a scan of dir (see
// scanconfig.Detection) with the folder's fingerprint key and ignore list;
// nil when the choices run no detectors.
func newDetection(dir string, p *manifest.Profile, c scanconfig.Choices, g *globalOptions) (*pipeline.Detection, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	det, err := scanconfig.Detection(abs, p, c)
	if err != nil || det == nil {
		if err != nil {
			err = usagef("%v", err)
		}
		return nil, err
	}
	state, err := folderState(abs, g)
	if err != nil {
		return nil, err
	}
	if det.Key, err = folderKey(state, g); err != nil {
		return nil, err
	}
	if det.Ignore, err = loadIgnore(state, g); err != nil {
		return nil, err
	}
	return det, nil
}

// folderState says where consign keeps its state for the folder abs:
// --state when given, else abs/.consign — unless that does not exist yet
// and the folder may not be written to (see lockedFolder), in which case
// the state goes to the user's cache directory. Without a cache directory
// ($HOME unset, say) such a folder is an error that asks for --state,
// rather than a reason to write into it after all.
func folderState(abs string, g *globalOptions) (string, error) {
	if g.state != "" {
		if stateInside(abs, g.state) {
			return "", usagef("--state %s is inside the folder %s, whose walk would read consign's state (its fingerprint key among it) as content: keep it outside the folder", g.state, abs)
		}
		// A file there would leave the run without its key and ignore
		// list, with warnings that --quiet hides: ids would change and
		// reviewed findings come back open.
		if fi, err := os.Stat(g.state); err == nil && !fi.IsDir() {
			return "", usagef("--state %s is a file, not a folder", g.state)
		}
		if file := fileAbove(g.state); file != "" {
			return "", usagef("--state %s cannot be made: %s is a file, not a folder", g.state, file)
		}
		return g.state, nil
	}
	if s, ok := g.states[abs]; ok {
		return s, nil // decided (and said) once per run
	}
	s, err := chooseState(abs, g)
	if err != nil {
		return "", err
	}
	if g.states == nil {
		g.states = map[string]string{}
	}
	g.states[abs] = s
	return s, nil
}

// fileAbove returns the nearest folder above path that exists and is a
// file, where no folder can be made; "" when there is none.
func fileAbove(path string) string {
	for dir := filepath.Dir(filepath.Clean(path)); ; dir = filepath.Dir(dir) {
		if fi, err := os.Stat(dir); err == nil {
			if fi.IsDir() {
				return ""
			}
			return dir
		}
		if up := filepath.Dir(dir); up == dir {
			return ""
		}
	}
}

func chooseState(abs string, g *globalOptions) (string, error) {
	own := filepath.Join(abs, stateDir)
	if fi, err := os.Stat(own); err == nil {
		if !fi.IsDir() {
			return "", usagef("%s is a file, not consign's state folder: move it away, or give a folder for the state with --state", own)
		}
		return own, nil
	}
	why := lockedFolder(abs)
	if why == "" {
		return own, nil
	}
	alt, err := scanconfig.CachedState(abs)
	if err != nil {
		return "", usagef("%s %s, and there is no cache directory to keep consign's state for it in (%v): give a folder for it with --state", abs, why, err)
	}
	if !g.quiet {
		fmt.Fprintf(g.stderr, "consign: %s %s: keeping consign's state for it in %s\n", abs, why, alt)
	}
	return alt, nil
}

// stateInside reports whether the state directory state lies inside the
// folder abs, other than as abs/.consign, the one place the walk skips.
func stateInside(abs, state string) bool {
	st, err := filepath.Abs(state)
	if err != nil {
		return false
	}
	dirs, states := []string{abs}, []string{st}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		dirs = append(dirs, resolved)
	}
	if resolved, err := filepath.EvalSymlinks(st); err == nil {
		states = append(states, resolved)
	}
	for _, d := range dirs {
		for _, s := range states {
			rel, err := filepath.Rel(d, s)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				continue
			}
			if first, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); first != stateDir {
				return true
			}
		}
	}
	return false
}

// lockedFolder says why consign must not write into the folder abs, or
// "" when it may: the folder is marked read-only (its owner locked it),
// this user may not write it (another user's folder, a read-only mount),
// or it is a bundle or inside one, whose every file is listed in its
// manifests: a .consign or consign.yaml written there makes the bundle
// fail verification.
func lockedFolder(abs string) string {
	info, err := os.Stat(abs)
	if err != nil {
		return ""
	}
	if info.Mode().Perm()&0o200 == 0 {
		return "is read-only"
	}
	if !writableByUser(abs) {
		return "is not writable by this user"
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return ""
	}
	for dir := resolved; ; dir = filepath.Dir(dir) {
		if isBag(dir) {
			if dir == resolved {
				return "is a bundle"
			}
			return "is inside the bundle " + dir
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// isBag reports whether dir holds what makes a BagIt bag (RFC 8493): a
// bagit.txt, a data/ folder and a payload manifest. A bagit.txt alone may
// be a file of a creator's folder like any other.
func isBag(dir string) bool {
	if info, err := os.Lstat(filepath.Join(dir, "bagit.txt")); err != nil || !info.Mode().IsRegular() {
		return false
	}
	if info, err := os.Lstat(filepath.Join(dir, "data")); err != nil || !info.IsDir() {
		return false
	}
	manifests, _ := filepath.Glob(filepath.Join(dir, "manifest-*.txt"))
	return len(manifests) > 0
}

// folderKey loads the folder's fingerprint key from its state directory,
// creating it on first use. Without a key that can be kept (a read-only
// folder), the scan still runs, with a key for this run only; a key file
// that is damaged stops it.
func folderKey(state string, g *globalOptions) ([]byte, error) {
	key, err := detectors.LoadOrCreateKey(state)
	if err == nil {
		return key, nil
	}
	// A damaged key is not a missing one: another key would change every
	// finding id, so the ignore list would match nothing and its entries
	// would all look stale.
	if errors.Is(err, detectors.ErrBadKey) {
		return nil, usagef("%v; finding ids depend on this key, so consign stops rather than use another: "+
			"restore it from a backup, or remove it to make a new one (finding ids then change, and the ignore list no longer matches)", err)
	}
	key = make([]byte, detectors.KeySize)
	if _, rerr := rand.Read(key); rerr != nil {
		return nil, fmt.Errorf("%v; and no random key: %v", err, rerr)
	}
	if !g.quiet {
		fmt.Fprintf(g.stderr, "consign: %v; using a key for this run only: finding ids will differ from other runs (give --state a folder you can write to keep them)\n", err)
	}
	return key, nil
}

// loadIgnore reads the folder's ignore list. One that cannot be read is
// reported and treated as empty: every finding then shows as open, which
// errs on the side of the audit. One that is malformed is an error, since
// the user wrote it and must fix it.
func loadIgnore(state string, g *globalOptions) (*detectors.IgnoreList, error) {
	path := filepath.Join(state, ignoreFile)
	list, err := detectors.LoadIgnore(path)
	if err == nil {
		return list, nil
	}
	var readErr *detectors.IgnoreReadError
	if errors.As(err, &readErr) {
		if !g.quiet {
			fmt.Fprintf(g.stderr, "consign: %v; reporting every finding as open\n", err)
		}
		return &detectors.IgnoreList{}, nil
	}
	return nil, usagef("%v", err)
}
