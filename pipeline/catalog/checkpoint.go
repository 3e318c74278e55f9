package catalog

import "sync"

// SQLite copies the write-ahead log into the database file, with an fsync
// of each, when the last connection closes: the log of a whole run was
// copied at its very end, after the report, where it took most of the
// time of a rescan's close (about 15 ms for 200 edited files in a catalog
// of 20,000). Checkpoint lets a run copy what it wrote so far in the
// background, while it goes on scanning, and leaves the close only what
// came after.

// checkpointer runs one background checkpoint at a time.
type checkpointer struct {
	mu      sync.Mutex
	running bool
	again   bool // written to since the running checkpoint started
	wg      sync.WaitGroup
}

// Checkpoint starts copying what the catalog's log holds into the
// database file in the background, or asks the copy under way to go on
// with what was written since it started. Close waits for it.
func (c *Catalog) Checkpoint() {
	c.ckpt.mu.Lock()
	defer c.ckpt.mu.Unlock()
	if c.ckpt.running {
		c.ckpt.again = true
		return
	}
	c.ckpt.running = true
	c.ckpt.wg.Add(1)
	go c.checkpointLoop()
}

func (c *Catalog) checkpointLoop() {
	defer c.ckpt.wg.Done()
	for {
		// PASSIVE waits for no reader or writer: what it cannot copy
		// yet is left for the next checkpoint, or for the close. An
		// error is the close's to meet again: this copy only saves it
		// work.
		c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		c.ckpt.mu.Lock()
		if !c.ckpt.again {
			c.ckpt.running = false
			c.ckpt.mu.Unlock()
			return
		}
		c.ckpt.again = false
		c.ckpt.mu.Unlock()
	}
}
