package pipeline

import (
	"context"
)

// Count walks opts.Root as Scan does, reading no file, and calls found
// with the size of each file Scan would record (0 for a path that cannot be
// stat'ed, which Scan records with an error). It is cheap, a directory
// listing and an lstat per file, so a caller can run it beside a scan to
// learn the totals a progress display needs; the scan's own walk cannot
// tell them, since it runs only a few files ahead of the workers.
func Count(ctx context.Context, opts Options, found func(size int64)) error {
	root, err := checkRoot(opts.Root)
	if err != nil {
		return err
	}
	w := &walker{root: root, exclude: opts.Exclude}
	w.send = func(ctx context.Context, e entry) error {
		var size int64
		if e.info != nil {
			size = e.info.Size()
		}
		found(size)
		return nil
	}
	return w.walk(ctx)
}
