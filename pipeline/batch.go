package pipeline

import "context"

// A rerun finds nearly every file in the catalog, and its work per file is
// a few microseconds: handing each entry to a worker and its record to the
// emitter on its own, two goroutine switches a file, cost as much as the
// work. Entries found in the catalog travel in batches instead; an entry
// to be read travels alone, so that files to read still spread over the
// workers one at a time.

// maxBatch bounds a batch of entries found in the catalog.
const maxBatch = 64

// batch is entries in walk order, numbered in the order the walk sent
// them.
type batch struct {
	seq     int
	entries []entry
}

// batchResult is a batch's records, in the order of its entries.
type batchResult struct {
	seq     int
	results []result
}

// batcher gathers the walk's entries into batches for send, which waits
// for the window and hands them to the workers.
type batcher struct {
	cur  batch
	send func(ctx context.Context, b batch) error
}

// add queues e: an entry the catalog holds a record for joins the batch,
// one to be read goes alone, after the batch.
func (b *batcher) add(ctx context.Context, e entry) error {
	if e.hint != nil && e.hint.hit {
		b.cur.entries = append(b.cur.entries, e)
		if len(b.cur.entries) < maxBatch {
			return nil
		}
		return b.flush(ctx)
	}
	if err := b.flush(ctx); err != nil {
		return err
	}
	b.cur.entries = append(b.cur.entries, e)
	return b.flush(ctx)
}

// flush sends the batch gathered, if any.
func (b *batcher) flush(ctx context.Context) error {
	if len(b.cur.entries) == 0 {
		return nil
	}
	if err := b.send(ctx, b.cur); err != nil {
		return err
	}
	b.cur = batch{seq: b.cur.seq + 1}
	return nil
}
