package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring the schema from version i to i+1. Append only: a
// catalog written by an older consign is upgraded in place.
var migrations = []string{
	// 1: files and their cached records; packs and what they held.
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
	 INSERT INTO meta (key, value) VALUES ('generation', 0);
	 CREATE TABLE files (
		path      TEXT PRIMARY KEY,
		size      INTEGER NOT NULL,
		mtime_ns  INTEGER NOT NULL,
		inode     INTEGER NOT NULL,
		ctime_ns  INTEGER NOT NULL,
		sha256    TEXT NOT NULL,
		versions  TEXT NOT NULL,
		record    BLOB NOT NULL,
		seen      INTEGER NOT NULL
	 );
	 CREATE TABLE packs (
		id          INTEGER PRIMARY KEY,
		bundle_id   TEXT NOT NULL,
		created     TEXT NOT NULL,
		output      TEXT NOT NULL
	 );
	 CREATE TABLE pack_files (
		pack_id  INTEGER NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
		path     TEXT NOT NULL,
		sha256   TEXT NOT NULL,
		findings BLOB NOT NULL,
		PRIMARY KEY (pack_id, path)
	 );`,
	// 2: a file's raw metadata apart from its record, read only when a
	// detector must run on it again.
	`ALTER TABLE files ADD COLUMN fields BLOB NOT NULL DEFAULT x'';`,
	// 3: the files the last pack wrote itself (redacted copies), for the
	// next pack to link instead of making again.
	`CREATE TABLE copies (
		path     TEXT PRIMARY KEY,
		recipe   TEXT NOT NULL,
		size     INTEGER NOT NULL,
		mtime_ns INTEGER NOT NULL,
		inode    INTEGER NOT NULL,
		ctime_ns INTEGER NOT NULL,
		sha256   TEXT NOT NULL,
		sha512   TEXT NOT NULL,
		report   BLOB NOT NULL
	 );`,
	// 4: the files of the last pack only, updated where they changed
	// instead of written whole for every pack.
	`CREATE TABLE last_pack_files (
		path     TEXT PRIMARY KEY,
		sha256   TEXT NOT NULL,
		findings BLOB NOT NULL
	 );
	 INSERT INTO last_pack_files (path, sha256, findings)
		SELECT path, sha256, findings FROM pack_files WHERE pack_id = (SELECT max(id) FROM packs);
	 DROP TABLE pack_files;`,
	// 5: a file's SHA-512 beside its record, which no longer carries it:
	// the record is kept as the very lines a scan report prints.
	`ALTER TABLE files ADD COLUMN sha512 TEXT NOT NULL DEFAULT '';`,
	// 6: the change times packs moved, apart from the files' entries (see
	// RefreshCtimes), a row to a range of paths.
	`CREATE TABLE ctime_moves (
		first TEXT PRIMARY KEY,
		last  TEXT NOT NULL,
		moves BLOB NOT NULL
	 );`,
	// 7: each last pack file's digest and the SHA-256 of its findings, in
	// a table of their own that the next pack reads to compare instead of
	// every file's findings. Files from before hold no findings digest
	// and are written again once.
	`CREATE TABLE last_pack_sums (
		path         TEXT PRIMARY KEY,
		sha256       TEXT NOT NULL,
		findings_sum BLOB NOT NULL
	 );
	 INSERT INTO last_pack_sums (path, sha256, findings_sum) SELECT path, sha256, x'' FROM last_pack_files;`,
	// 8: each distinct value of the versions that made the records kept
	// once; an entry holds its id (see versions.go).
	`CREATE TABLE version_sets (
		id    INTEGER PRIMARY KEY,
		value TEXT NOT NULL UNIQUE
	 );
	 INSERT INTO version_sets (value) SELECT DISTINCT versions FROM files;
	 UPDATE files SET versions = (SELECT id FROM version_sets WHERE value = files.versions);`,
}

// SchemaVersion is the schema this consign writes.
var SchemaVersion = len(migrations)

// migrate applies the migrations a catalog lacks, each in its own
// transaction with the version bump, so an interruption leaves a whole
// version behind.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create version table: %w", err)
	}
	var version int
	err := db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version)
	switch {
	case err == sql.ErrNoRows:
		if _, err := db.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return fmt.Errorf("initialise version table: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > SchemaVersion {
		return fmt.Errorf("schema version %d is newer than this consign's %d", version, SchemaVersion)
	}
	for v := version; v < SchemaVersion; v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, v+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
	}
	return nil
}
