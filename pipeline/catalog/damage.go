package catalog

import (
	"errors"

	"modernc.org/sqlite"
)

// SQLite's primary result codes for a database file that is not what its
// own structure says: a damaged page, or a file that is no database.
const (
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

// IsDamaged reports whether err says the catalog's file is damaged, as
// opposed to a busy database, a full disk or a cancelled run.
func IsDamaged(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff // extended codes keep the primary in the low byte
	return code == sqliteCorrupt || code == sqliteNotADB
}

// survive turns damage met by a write into a warning: Open checks only a
// catalog that was not closed cleanly, so damage done from outside to a
// cleanly closed one is met here instead. The run goes on without the
// writes (the files are read again next time), the caller is told once
// through Options.Damaged, and the failed statement has already left the
// catalog marked for the next Open to check and rebuild (trouble). Any
// other error is returned as it is.
func (c *Catalog) survive(err error) error {
	if !IsDamaged(err) {
		return err
	}
	c.damagedOnce.Do(func() {
		if c.opts.Damaged != nil {
			c.opts.Damaged(err.Error())
		}
	})
	return nil
}
