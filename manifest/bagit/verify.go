package bagit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding"

	"github.com/consignhq/consign/manifest/internal/display"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Jobs is how many files are hashed at once; 0 means four per CPU
	// (see hashJobs).
	Jobs int
	// StrictTags makes a tag file that no tag manifest lists a problem,
	// except under the top-level directories named in Unlisted (files
	// written after the tag manifest, such as a signature over it). Bags
	// made by other tools need not list every tag file; consign's must.
	StrictTags bool
	Unlisted   []string
	// Alongside, when set, runs while the payload is checked and hashed,
	// once bagit.txt, the tag manifests and the tag files have passed
	// (with StrictTags; without it, once every check but the checksums and
	// Payload-Oxum has): every tag file is then a regular file inside the
	// bag that a tag manifest lists, so Alongside may read the tag files
	// (a symbolic link or a named pipe would already be a problem, and
	// Alongside is not called). With StrictTags that includes every
	// payload manifest, which a tag manifest must list, but their lines
	// are not checked yet. Verify returns only after Alongside has.
	// Work that only means something for a valid bag (checking metadata
	// files against their schemas) overlaps the rest of the checks this
	// way, on the cores they leave idle; its caller discards it if the bag
	// turns out invalid.
	//
	// Alongside is given the bag's files to read (TagFiles): a tag file
	// read that way has its checksums compared with the bytes read, and
	// the hashing workers need not read it again.
	Alongside func(files TagFiles)
}

// Problem is one reason a bag is invalid, or one warning about it.
type Problem struct {
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// String is p as a line of text: its path as display.Path shows names,
// since a bag's manifests can spell one with any character.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return display.Path(p.Path) + ": " + p.Message
}

// Report is what Verify found. The bag is valid when Problems is empty.
type Report struct {
	Version           string   `json:"version,omitempty"`
	Encoding          string   `json:"encoding,omitempty"`
	Info              []Field  `json:"info,omitempty"`
	PayloadAlgorithms []string `json:"payload_algorithms,omitempty"`
	TagAlgorithms     []string `json:"tag_algorithms,omitempty"`
	Files             int      `json:"files"`
	Bytes             int64    `json:"bytes"`
	Checked           int      `json:"checked"` // checksums compared
	// Unfetched lists the payload files fetch.txt names that are not in
	// the bag: a holey bag is not complete, and their checksums were not
	// checked, until they are fetched.
	Unfetched []FetchEntry `json:"unfetched,omitempty"`
	Problems  []Problem    `json:"problems"`
	Warnings  []Problem    `json:"warnings,omitempty"`
}

// Valid reports whether no problem was found and the bag is complete:
// a holey bag is valid only once every file fetch.txt lists is fetched.
func (r *Report) Valid() bool { return len(r.Problems) == 0 && len(r.Unfetched) == 0 }

// errMissing says a file the bag should hold is not there.
var errMissing = errors.New("missing")

// ErrNotDir is returned by Verify when the path given is not a directory.
var ErrNotDir = errors.New("not a directory")

// Verify checks the bag at dir: bagit.txt, that every payload file is in
// every payload manifest and every manifest entry is on disk, every checksum
// of every manifest and tag manifest (each file read once, files hashed in
// parallel), Payload-Oxum, and that no path reaches outside the bag. Every
// problem found is in the report; the error is only for a dir that cannot be
// read at all or a cancelled ctx.
func Verify(ctx context.Context, dir string, opts VerifyOptions) (*Report, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open bag: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("open bag %s: %w", display.Path(dir), ErrNotDir)
	}
	v := &verifier{dir: dir, opts: opts, report: &Report{Problems: []Problem{}}, checks: map[string][]check{}}
	if err := v.run(ctx); err != nil {
		return nil, err
	}
	r := v.report
	sortProblems(r.Problems)
	sortProblems(r.Warnings)
	return r, nil
}

type verifier struct {
	dir    string
	opts   VerifyOptions
	decl   declaration
	enc    encoding.Encoding
	report *Report

	mu     sync.Mutex
	checks map[string][]check // tag file's path -> checksums to compare
	// walked lists the payload's paths on disk in the order the walk found
	// them, and payload maps the NFC form of each to its index there.
	walked  []string
	payload map[string]int
	// sums holds what each payload manifest read lists, in the order of
	// their names; checkPayload says they are checked against the walk
	// as they are read, rather than parsed into entries.
	sums         []*payloadSums
	checkPayload bool
	// oxum is bag-info.txt's Payload-Oxum, checked once the payload's
	// bytes are counted.
	oxum    string
	hasOxum bool
	// fetch holds fetch.txt's entries by the NFC form of their path.
	fetch map[string]FetchEntry
	// kept says which tag files Alongside read for the workers.
	kept keptTags
	// shared holds the payload manifests, which both the verifier and
	// Alongside (the metadata checks compare files.jsonl with the sha256
	// one) read: whichever comes first reads each once. Made before
	// Alongside starts, and not changed after.
	shared map[string]*sharedRead
}

func (v *verifier) problem(path, format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.report.Problems = append(v.report.Problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (v *verifier) warn(path, format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.report.Warnings = append(v.report.Warnings, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (v *verifier) run(ctx context.Context) error {
	raw, err := v.readFile("bagit.txt")
	if err != nil {
		v.problem("bagit.txt", "%v", err)
		return nil
	}
	if v.decl, err = parseDeclaration(raw); err != nil {
		v.problem("bagit.txt", "%v", err)
		return nil
	}
	v.report.Version, v.report.Encoding = v.decl.Version, v.decl.Encoding
	if v.enc, err = tagEncoding(v.decl.Encoding); err != nil {
		v.problem("bagit.txt", "%v", err)
		return nil
	}
	all, err := v.listManifests()
	if err != nil {
		return err
	}
	v.shared = map[string]*sharedRead{}
	for _, mf := range all {
		if !mf.tag {
			v.shared[mf.name] = &sharedRead{}
		}
	}
	// With StrictTags, the tag manifests and tag files are checked first:
	// once every tag file is listed and a regular file, Alongside may read
	// them while the payload manifests are read, the payload is walked and
	// compared with them, which on a bag of many files takes as long as a
	// third of the hashing, on one core.
	tags := v.readManifests(all, true)
	v.checks = make(map[string][]check, tagEntries(tags))
	v.checkTagManifests(tags)
	if v.opts.StrictTags {
		if err := v.checkUnlistedTags(tags); err != nil {
			return err
		}
		defer v.startAlongside()()
	}
	// The payload is walked first, so that each payload manifest is
	// checked against it as it is parsed, keeping only its checksums.
	if err := v.walkPayload(); err != nil {
		return err
	}
	v.readFetch()
	v.checkPayload = true
	payloads := v.readManifests(all, false)
	for _, m := range payloads {
		v.sums = append(v.sums, m.sums)
	}
	if len(payloads) == 0 {
		v.problem("", "no payload manifest (manifest-ALGORITHM.txt) that consign can check")
	}
	v.checkUnfetched(payloads)
	v.checkBagInfo()
	if !v.opts.StrictTags {
		defer v.startAlongside()()
	}
	if err := v.hashAll(ctx); err != nil {
		return err
	}
	v.checkOxum()
	return nil
}

// startAlongside runs opts.Alongside, when set and no problem is found
// yet, and returns the function that waits for it.
func (v *verifier) startAlongside() (wait func()) {
	if v.opts.Alongside == nil || len(v.report.Problems) > 0 {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		v.opts.Alongside(TagFiles{v})
	}()
	return func() { <-done }
}

// readFile reads a tag file of the bag, refusing symbolic links and files
// too large to be tag files.
func (v *verifier) readFile(rel string) ([]byte, error) {
	if err := v.regular(rel); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(v.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	b, err := readCapped(f, maxTagFile, size)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return b, nil
}

// regular checks that rel names a regular file inside the bag, reached
// without following a symbolic link.
func (v *verifier) regular(rel string) error {
	p := v.dir
	els := strings.Split(rel, "/")
	for i, el := range els {
		p = filepath.Join(p, el)
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return errMissing
		}
		if err != nil {
			return unwrapPath(err)
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link: a bag holds regular files only", display.Path(strings.Join(els[:i+1], "/")))
		case i < len(els)-1 && !info.IsDir():
			return errMissing
		case i == len(els)-1 && !info.Mode().IsRegular():
			return fmt.Errorf("is a %s, not a regular file", describeMode(info.Mode()))
		}
	}
	return nil
}

func (v *verifier) checkBagInfo() {
	raw, err := v.readFile("bag-info.txt")
	if err != nil {
		if !errors.Is(err, errMissing) {
			v.problem("bag-info.txt", "%v", err)
		}
		return
	}
	text, err := decodeTag(v.enc, raw)
	if err != nil {
		v.problem("bag-info.txt", "%v", err)
		return
	}
	fields, err := parseBagInfo(text)
	if err != nil {
		v.problem("bag-info.txt", "%v", err)
		return
	}
	v.report.Info = fields
	v.oxum, v.hasOxum = lookup(fields, "Payload-Oxum")
}

// checkOxum compares Payload-Oxum, when bag-info.txt has one, with the
// payload.
func (v *verifier) checkOxum() {
	if !v.hasOxum {
		return
	}
	oxum := v.oxum
	octets, count, ok := strings.Cut(oxum, ".")
	o, err1 := strconv.ParseInt(octets, 10, 64)
	c, err2 := strconv.Atoi(count)
	if !ok || err1 != nil || err2 != nil {
		v.problem("bag-info.txt", "Payload-Oxum %q is not \"octets.count\"", oxum)
		return
	}
	bytes, files, known := v.report.Bytes, v.report.Files, true
	for _, e := range v.report.Unfetched {
		files++
		bytes += e.Length
		known = known && e.Length >= 0
	}
	if c != files || known && o != bytes {
		v.problem("bag-info.txt", "Payload-Oxum says %d bytes in %d files, the payload holds %d bytes in %d files (fetch.txt's included)", o, c, bytes, files)
	}
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Path != ps[j].Path {
			return ps[i].Path < ps[j].Path
		}
		return ps[i].Message < ps[j].Message
	})
}

// unwrapPath drops the absolute path an *fs.PathError carries: problems
// name bag-relative paths.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// withoutOp is unwrapPath for a message that says the operation itself:
// "cannot open: permission denied", not "cannot open: open: ...".
func withoutOp(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// hashJobs is how many files verify hashes at once: n, or four per CPU.
// A bag of small files costs an open, two reads and a close for every few
// kilobytes hashed, and the metadata checks run beside the hashing: with
// one worker per CPU the hashing, the longest part of the run, waited its
// turn behind them. Four per CPU took a verify of 20,000 small files from
// 0.42-0.56 s to 0.34-0.42 s of wall time on 2 cores, with no more CPU;
// one large file is hashed by one worker whatever the number.
func hashJobs(n int) int {
	if n <= 0 {
		return 4 * runtime.NumCPU()
	}
	return n
}
