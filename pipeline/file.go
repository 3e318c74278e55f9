package pipeline

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// FileProcessor makes the record of one file exactly as Scan does, for a
// runner that lists files itself rather than walking a folder (the
// distributed runner reads a glob or a list of objects). It is safe for
// concurrent use.
type FileProcessor struct {
	proc    *processor
	exclude *Excluder
}

// NewFileProcessor prepares the per-file work of a scan with opts;
// opts.Root, Jobs, Catalog and Progress play no part.
func NewFileProcessor(opts Options) *FileProcessor {
	return &FileProcessor{proc: newProcessor(opts.Root, opts), exclude: opts.Exclude}
}

// Process reads the file at abs, a local path, and returns its record,
// named rel (relative to the scanned root, "/"-separated). Like Scan it
// never follows a symbolic link: a link is recorded with its target. A
// file that cannot be read is a record with an error, never an error of
// the run.
func (fp *FileProcessor) Process(ctx context.Context, rel, abs string) *Record {
	e := entry{rel: rel, abs: abs}
	info, err := os.Lstat(abs)
	switch {
	case err != nil:
		e.err = fmt.Errorf("stat: %w", unwrapPath(err))
	case info.IsDir():
		e.err = fmt.Errorf("is a folder, not a file")
	case specialKind(info.Mode()) != "":
		e.err = fmt.Errorf("is a %s: not read", specialKind(info.Mode()))
	default:
		e.info = info
	}
	return fp.proc.processTimed(ctx, e)
}

// Failed is the record of a file that could not be brought to where
// Process can read it (an object that could not be fetched): it names the
// file and says why, so that the file is still accounted for.
func (fp *FileProcessor) Failed(rel string, err error) *Record {
	rec := newRecord(entry{rel: rel})
	rec.Kind = extract.KindOther
	rec.Error = err.Error()
	return rec
}

// Excluded says whether a scan leaves out the file rel, and if so which
// entry a folder walk would have counted as excluded: the shallowest
// excluded folder above rel, or rel itself. Files a walk never lists
// (consign's own state folder at any depth, and consign.yaml at the root)
// are left out with entry "" and are not counted.
func (fp *FileProcessor) Excluded(rel string) (entry string, excluded bool) {
	if first, _, _ := strings.Cut(rel, "/"); first == StateDir || first == ConfigFile {
		return "", true // the walk skips these names at the root, whatever they are
	}
	for i := 0; i < len(rel); i++ {
		if rel[i] != '/' {
			continue
		}
		if strings.HasSuffix(rel[:i], "/"+StateDir) {
			return "", true // a subfolder's own state folder
		}
		if _, ok := fp.exclude.Match(rel[:i], true); ok {
			return rel[:i], true
		}
	}
	if _, ok := fp.exclude.Match(rel, false); ok {
		return rel, true
	}
	return "", false
}

// Merge adds the counts of o into s, for runs whose records are summed up
// in parts.
func (s *Summary) Merge(o Summary) {
	s.Files += o.Files
	s.Bytes += o.Bytes
	s.Read += o.Read
	s.Ignored += o.Ignored
	s.Errors += o.Errors
	s.Excluded += o.Excluded
	for cat, kinds := range o.Findings {
		if s.Findings == nil {
			s.Findings = map[string]map[string]int{}
		}
		if s.Findings[cat] == nil {
			s.Findings[cat] = map[string]int{}
		}
		for kind, n := range kinds {
			s.Findings[cat][kind] += n
		}
	}
	s.Skipped = mergeCounts(s.Skipped, o.Skipped)
	s.ByKind = mergeCounts(s.ByKind, o.ByKind)
}

func mergeCounts(into, from map[string]int) map[string]int {
	for k, n := range from {
		if into == nil {
			into = map[string]int{}
		}
		into[k] += n
	}
	return into
}
