package manifest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/pipeline"
)

// Shard file names: what a distributed scan (cmd/consign-beam) writes into
// its output directory, and pack --from reads. docs/scale.md describes them.
const (
	ShardFiles    = "files-*.jsonl"    // "file" lines, as scan --format jsonl writes them
	ShardFindings = "findings-*.jsonl" // "finding" lines
	ShardSHA512   = "sha512-*.txt"     // "HEX  data/PATH" lines, as manifest-sha512.txt's
	ShardSummary  = "summary.json"     // the scan summary, plus "root", "consign_version" and "lines"
)

// ErrBadShards is returned (wrapped, with the file and line) when a shard
// directory does not hold a consistent scan.
var ErrBadShards = errors.New("invalid scan shards")

// Shards is a distributed scan's output, put back in the order consign
// scan writes: records sorted by path, each record's findings in the order
// its finding_ids give, every record with its SHA512.
type Shards struct {
	Root     string // the scanned root: an absolute local path or a URL prefix
	Consign  string // the version of consign that scanned
	Summary  pipeline.Summary
	Records  []*pipeline.Record
	Findings []detectors.Finding
}

// shardSummary is summary.json.
type shardSummary struct {
	pipeline.Summary
	Root    string `json:"root"`
	Consign string `json:"consign_version"`
	Lines   int    `json:"lines"` // lines across all shards, when the runner counts them
}

// ReadShards reads the shard directory dir. Shards may come in any number
// and any order inside; the result does not depend on either.
func ReadShards(dir string) (*Shards, error) {
	var sum shardSummary
	if err := readJSONFile(filepath.Join(dir, ShardSummary), &sum); err != nil {
		return nil, err
	}
	if sum.Root == "" {
		return nil, fmt.Errorf("%w: %s has no \"root\"", ErrBadShards, ShardSummary)
	}
	s := &Shards{Root: sum.Root, Consign: sum.Consign, Summary: sum.Summary}
	byPath := map[string]*pipeline.Record{}
	err := eachShardLine(dir, ShardFiles, func(where string, line []byte) error {
		var l struct {
			Type string `json:"type"`
			*pipeline.Record
		}
		if err := strictJSON(line, &l); err != nil || l.Type != "file" || l.Record == nil || l.Path == "" {
			return fmt.Errorf("%w: %s: not a \"file\" line of consign scan --format jsonl (%v)", ErrBadShards, where, err)
		}
		if !fs.ValidPath(l.Path) || l.Path == "." {
			// Pack opens the root's files by these paths: none may leave it.
			return fmt.Errorf("%w: %s: %q is not a path inside the scan root", ErrBadShards, where, l.Path)
		}
		if _, dup := byPath[l.Path]; dup {
			return fmt.Errorf("%w: %s: a second record for %s", ErrBadShards, where, l.Path)
		}
		byPath[l.Path] = l.Record
		s.Records = append(s.Records, l.Record)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(s.Records, func(a, b *pipeline.Record) int { return strings.Compare(a.Path, b.Path) })
	if err := s.readFindings(dir, byPath); err != nil {
		return nil, err
	}
	if err := readSHA512Shards(dir, byPath); err != nil {
		return nil, err
	}
	if sum.Lines > 0 {
		n := len(s.Records) + len(s.Findings)
		for _, r := range s.Records {
			if r.SHA512 != "" {
				n++
			}
		}
		if n != sum.Lines {
			return nil, fmt.Errorf("%w: the shards hold %d lines and %s says %d were written: a shard is missing or cut short", ErrBadShards, n, ShardSummary, sum.Lines)
		}
	}
	// The file count is always written: a summary from a run that did not
	// finish, or from another run, must not pass for these shards.
	if sum.Files != len(s.Records) {
		return nil, fmt.Errorf("%w: %s says files: %d, and the file shards hold %d: a shard is missing, or the summary is not of this run", ErrBadShards, ShardSummary, sum.Files, len(s.Records))
	}
	return s, nil
}

// readFindings reads the finding shards and orders them as scan does:
// by record, and inside a record as its finding_ids list them.
func (s *Shards) readFindings(dir string, byPath map[string]*pipeline.Record) error {
	found := map[string]map[string][]detectors.Finding{} // path -> id -> findings
	err := eachShardLine(dir, ShardFindings, func(where string, line []byte) error {
		var l struct {
			Type string `json:"type"`
			*detectors.Finding
		}
		if err := strictJSON(line, &l); err != nil || l.Type != "finding" || l.Finding == nil || l.ID == "" {
			return fmt.Errorf("%w: %s: not a \"finding\" line of consign scan --format jsonl (%v)", ErrBadShards, where, err)
		}
		if byPath[l.Path] == nil {
			return fmt.Errorf("%w: %s: finding %s of %s, which no record describes", ErrBadShards, where, l.ID, l.Path)
		}
		if found[l.Path] == nil {
			found[l.Path] = map[string][]detectors.Finding{}
		}
		found[l.Path][l.ID] = append(found[l.Path][l.ID], *l.Finding)
		return nil
	})
	if err != nil {
		return err
	}
	for _, rec := range s.Records {
		byID := found[rec.Path]
		for _, fs := range byID {
			// Two findings share an id only when one detector matched one
			// value twice: order them by place, not by shard order.
			slices.SortStableFunc(fs, func(a, b detectors.Finding) int {
				return cmp.Or(cmp.Compare(a.Location.Start, b.Location.Start), cmp.Compare(a.Location.End, b.Location.End),
					cmp.Compare(a.Location.Field, b.Location.Field), cmp.Compare(a.Detector, b.Detector))
			})
		}
		for _, id := range rec.FindingIDs {
			fs := byID[id]
			if len(fs) == 0 {
				return fmt.Errorf("%w: %s lists finding %s, which no finding shard holds (or holds fewer times)", ErrBadShards, rec.Path, id)
			}
			s.Findings = append(s.Findings, fs[0])
			rec.Findings = append(rec.Findings, fs[0])
			byID[id] = fs[1:]
		}
		for id, left := range byID {
			if len(left) > 0 {
				return fmt.Errorf("%w: finding %s of %s is not in its record's finding_ids", ErrBadShards, id, rec.Path)
			}
		}
	}
	return nil
}

// readSHA512Shards gives every record the sha512 the shards list for it.
func readSHA512Shards(dir string, byPath map[string]*pipeline.Record) error {
	err := eachShardLine(dir, ShardSHA512, func(where string, line []byte) error {
		sum, rel, ok := parsePayloadLine(line, 128)
		if !ok {
			return fmt.Errorf("%w: %s: not a manifest line \"SHA512  data/PATH\"", ErrBadShards, where)
		}
		rec := byPath[rel]
		switch {
		case rec == nil:
			return fmt.Errorf("%w: %s: sha512 of %s, which no record describes", ErrBadShards, where, rel)
		case rec.SHA512 != "" && rec.SHA512 != sum:
			return fmt.Errorf("%w: %s: a second, different sha512 for %s", ErrBadShards, where, rel)
		}
		rec.SHA512 = sum
		return nil
	})
	return err
}

// parsePayloadLine reads "HEX  data/PATH", a payload manifest line with
// its percent-encoded path and a checksum of hexLen lower-case digits, and
// returns the checksum and the path under data/. A hexLen of 0 takes a
// checksum of any length: the bundle checks read manifests the BagIt
// verifier has already checked.
func parsePayloadLine(line []byte, hexLen int) (sum, rel string, ok bool) {
	return parsePayloadText(string(line), hexLen)
}

// parsePayloadText is parsePayloadLine of a line held as a string, whose
// results are parts of it.
func parsePayloadText(line string, hexLen int) (sum, rel string, ok bool) {
	hexSum, rest, found := strings.Cut(line, " ")
	if !found || len(hexSum) == 0 || hexLen > 0 && len(hexSum) != hexLen || !lowerHex(hexSum) {
		return "", "", false
	}
	rel, inData := strings.CutPrefix(bagit.DecodePath(strings.TrimLeft(rest, " ")), "data/")
	if !inData || rel == "" {
		return "", "", false
	}
	return hexSum, rel, true
}

// lowerHex reports whether s is lower-case hexadecimal digits, looking
// each byte up: in a checksum, digits and letters come in no order a
// branch could be predicted in.
func lowerHex(s string) bool {
	all := uint8(1)
	for i := range len(s) {
		all &= isLowerHex[s[i]]
	}
	return all == 1
}

// isLowerHex is 1 for the bytes of lower-case hexadecimal digits, 0 for
// any other.
var isLowerHex = func() (t [256]uint8) {
	for _, c := range "0123456789abcdef" {
		t[c] = 1
	}
	return t
}()

// eachShardLine calls fn with every non-empty line of every file in dir
// matching pattern, naming it "file:line" for messages.
func eachShardLine(dir, pattern string, fn func(where string, line []byte) error) error {
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return fmt.Errorf("list %s in %s: %w", pattern, dir, err)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		err := eachLine(p, func(n int, line []byte) error { return fn(fmt.Sprintf("%s:%d", name, n), line) })
		if err != nil {
			return err
		}
	}
	return nil
}

// strictJSON decodes one JSON value, refusing fields the target does not
// have: a record pack cannot represent must not lose a field silently.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

func readJSONFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		// Most often a content folder given to --from instead of the
		// distributed scan's output.
		return fmt.Errorf("%w: no %s: give the output folder of consign-beam (summary.json, files-*.jsonl, findings-*.jsonl, sha512-*.txt)", ErrBadShards, filepath.Base(path))
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return fmt.Errorf("%w: %s: %v", ErrBadShards, filepath.Base(path), pe.Err)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadShards, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadShards, filepath.Base(path), err)
	}
	return nil
}
