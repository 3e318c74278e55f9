package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxJSONLine caps one line of a bundle's JSON Lines files.
const maxJSONLine = 16 << 20

// The members of a record and of a finding the checks below compare.
var (
	recordKeys  = []string{"path", "sha256"}
	findingKeys = []string{"id", "path", "detector", "status"}
)

// JSONLCheck is what one read of a bundle's JSON Lines file finds: its
// lines are checked against their schema and against the payload in the
// same pass, as reading a large bundle's metadata twice cost verify a
// tenth of its time.
type JSONLCheck struct {
	// Problems are the content check's, one message each.
	Problems []string
	// Schema is what ValidateDocument says of the file (nil when every
	// line matches its schema), or why the file could not be read.
	Schema error
}

// recordHeads and findingHeads are what the content checks read of each
// line; the rest of a line is the schema check's, and decoding it all
// again cost verify as much as hashing the payload.
var (
	recordHeads  = &lineHeads{keys: recordKeys, decode: decodeRecordHead}
	findingHeads = &lineHeads{keys: findingKeys, decode: decodeFindingHead, refuse: refuseFinding}
)

// refuseFinding reports whether a finding lacks an id, a path, a
// detector or a status of open or ignored.
func refuseFinding(vals [][]byte) bool {
	id, path, detector, status := vals[0], vals[1], vals[2], vals[3]
	return len(id) == 0 || len(path) == 0 || len(detector) == 0 || (string(status) != "open" && string(status) != "ignored")
}

func decodeRecordHead(line []byte) ([]string, error) {
	var rec struct {
		Path   string `json:"path"`
		SHA256 string `json:"sha256"`
	}
	err := decodeTop(line, &rec, recordKeys, &rec.Path, &rec.SHA256)
	return []string{rec.Path, rec.SHA256}, err
}

func decodeFindingHead(line []byte) ([]string, error) {
	var f struct {
		ID       string `json:"id"`
		Path     string `json:"path"`
		Detector string `json:"detector"`
		Status   string `json:"status"`
	}
	err := decodeTop(line, &f, findingKeys, &f.ID, &f.Path, &f.Detector, &f.Status)
	return []string{f.ID, f.Path, f.Detector, f.Status}, err
}

// BundleFiles reads a bundle's files by their paths in the bundle
// ("metadata/files.jsonl"), with the errors of os.ReadFile and os.Open.
// Verify reads them through the BagIt verifier (bagit.TagFiles), which
// then compares their checksums with the same bytes rather than reading
// them again.
type BundleFiles interface {
	ReadFile(name string) ([]byte, error)
	Open(name string) (io.ReadCloser, error)
}

// dirFiles reads the files of the bundle at a directory.
type dirFiles string

func (d dirFiles) path(name string) string { return filepath.Join(string(d), filepath.FromSlash(name)) }

func (d dirFiles) ReadFile(name string) ([]byte, error) { return os.ReadFile(d.path(name)) }

func (d dirFiles) Open(name string) (io.ReadCloser, error) { return os.Open(d.path(name)) }

// orFromDir is files, or when it is nil the files of the bundle at dir.
func orFromDir(files BundleFiles, dir string) BundleFiles {
	if files != nil {
		return files
	}
	return dirFiles(dir)
}

// readJSONL reads one of a bundle's JSON Lines files as a stream and
// checks it against its schema, calling each with the heads of every
// line in order. tail is the error that ends the content check early:
// the file cannot be read, or a line is too long.
func readJSONL(dir, name string, files BundleFiles, heads *lineHeads, each func(*lineHead)) (tail, schema error) {
	path := filepath.Join(dir, filepath.FromSlash(name))
	r, err := orFromDir(files, dir).Open(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err), fmt.Errorf("%s: %v", name, err)
	}
	tooLong, readErr, schema := scanLines(name, documentSchemas[name], r, heads, each)
	if err := r.Close(); err != nil && readErr == nil {
		readErr = err
	}
	switch {
	case tooLong:
		tail = fmt.Errorf("read %s: %w", path, bufio.ErrTooLong)
	case readErr != nil:
		tail = fmt.Errorf("read %s: %w", name, readErr)
		if schema == nil {
			schema = fmt.Errorf("%s: %v", name, readErr)
		}
	}
	return tail, schema
}

// CheckFilesJSONL checks a bundle's metadata/files.jsonl against its
// schema and against its payload: one record per line, sorted by path,
// exactly one per payload file, each with the sha256 manifest-sha256.txt
// lists. The checksums of the files themselves are the BagIt verifier's
// job. files reads the bundle's files (nil: from dir).
func CheckFilesJSONL(dir string, files BundleFiles) JSONLCheck {
	var (
		payload payloadSums
		perr    error
		done    = make(chan struct{})
	)
	go func() {
		defer close(done)
		payload, perr = readSHA256Manifest(dir, files)
	}()
	var (
		problems []string
		seen     []bool // by index in payload
		prev     []byte // the path of the line before, copied
		next     int    // where the line after a found one is looked for first
		waited   bool
	)
	tail, schema := readJSONL(dir, FilesJSONL, files, recordHeads, func(l *lineHead) {
		if !waited {
			<-done
			waited, seen = true, make([]bool, len(payload))
		}
		if l.n == 0 || perr != nil {
			return
		}
		if l.err != nil {
			problems = append(problems, fmt.Sprintf("%s line %d: %v", FilesJSONL, l.n, l.err))
			return
		}
		path, sha := l.vals[0], l.vals[1]
		i, ok := payload.find(path, next)
		switch {
		case len(path) == 0:
			problems = append(problems, fmt.Sprintf("%s line %d: record without a path", FilesJSONL, l.n))
		case !ok:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is not in the payload", FilesJSONL, l.n, DisplayPath(string(path))))
		case payload[i].sum != string(sha):
			problems = append(problems, fmt.Sprintf("%s line %d: %s has sha256 %s, the payload file %s", FilesJSONL, l.n, DisplayPath(string(path)), sha, payload[i].sum))
		case seen[i]:
			problems = append(problems, fmt.Sprintf("%s line %d: %s has a second record", FilesJSONL, l.n, DisplayPath(string(path))))
		case bytes.Compare(path, prev) <= 0:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is out of order", FilesJSONL, l.n, DisplayPath(string(path))))
		}
		if ok {
			seen[i], next = true, i+1
		}
		prev = append(prev[:0], path...)
	})
	<-done
	if perr != nil {
		return JSONLCheck{Problems: []string{perr.Error()}, Schema: schema}
	}
	if tail != nil {
		return JSONLCheck{Problems: append(problems, tail.Error()), Schema: schema}
	}
	if !waited {
		seen = make([]bool, len(payload))
	}
	for i, p := range payload { // in path order
		if !seen[i] {
			problems = append(problems, fmt.Sprintf("%s: no record for payload file %s", FilesJSONL, DisplayPath(p.rel)))
		}
	}
	return JSONLCheck{Problems: problems, Schema: schema}
}

// CheckFindingsJSONL checks a bundle's metadata/findings.jsonl against
// its schema, and that each line is a finding with an id, a path, a
// detector and a status. files reads the bundle's files (nil: from dir).
func CheckFindingsJSONL(dir string, files BundleFiles) JSONLCheck {
	var problems []string
	tail, schema := readJSONL(dir, FindingsJSONL, files, findingHeads, func(l *lineHead) {
		switch {
		case l.n == 0:
		case l.err != nil:
			problems = append(problems, fmt.Sprintf("%s line %d: %v", FindingsJSONL, l.n, l.err))
		case l.refused:
			problems = append(problems, fmt.Sprintf("%s line %d: a finding needs an id, a path, a detector and a status of open or ignored", FindingsJSONL, l.n))
		}
	})
	if tail != nil {
		problems = append(problems, tail.Error())
	}
	return JSONLCheck{Problems: problems, Schema: schema}
}

// eachLine calls fn with each non-empty line of a file, stopping at the
// first error fn returns, each as manifestLine trims it.
// manifestLine trims a line the scanner gave (its LF, and a CR before
// it, already dropped): it loses its leading blanks and one more CR, never
// its trailing blanks, which in a manifest end a file name.
// It takes the string a whole manifest was read into, too, so that the
// entries cut from it share its memory.
func manifestLine[T ~string | ~[]byte](line T) T {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	line = line[i:]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

func eachLine(path string, fn func(n int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxJSONLine)
	for n := 1; sc.Scan(); n++ {
		if line := manifestLine(sc.Bytes()); len(bytes.TrimSpace(line)) > 0 {
			if err := fn(n, line); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}
