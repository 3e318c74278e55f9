package catalog

import (
	"context"
	"fmt"
	"strconv"
	"sync"
)

// The versions that made a record (the extractors' and detectors'
// versions and the configuration) are the same few hundred bytes for
// nearly every file: 13 MB of the 42 MB of entries of 20,000 files, which
// every rerun read again with the records. Each value is kept once, in
// version_sets (schema 8), and an entry holds its id, in decimal.

// versionSets maps the values of version_sets to their ids and back. It
// holds every row: Open reads them, and versionID adds each new one.
type versionSets struct {
	mu     sync.Mutex
	ids    map[string]string // value -> id
	values map[string]string // id -> value
}

// loadVersionSets reads version_sets.
func (c *Catalog) loadVersionSets(ctx context.Context) error {
	c.vs.ids, c.vs.values = map[string]string{}, map[string]string{}
	rows, err := c.db.QueryContext(ctx, `SELECT id, value FROM version_sets`)
	if err != nil {
		return fmt.Errorf("read the versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var value string
		if err := rows.Scan(&id, &value); err != nil {
			return fmt.Errorf("read the versions: %w", err)
		}
		c.vs.add(strconv.FormatInt(id, 10), value)
	}
	return rows.Err()
}

func (vs *versionSets) add(id, value string) {
	vs.ids[value], vs.values[id] = id, value
}

// versionID is the id entries made by versions hold, stored now when
// versions is new. It writes outside any transaction: a write
// transaction of the catalog's own (apply) would wait for its lock.
func (c *Catalog) versionID(ctx context.Context, versions string) (string, error) {
	c.vs.mu.Lock()
	defer c.vs.mu.Unlock()
	if id, ok := c.vs.ids[versions]; ok {
		return id, nil
	}
	var id int64
	err := c.db.QueryRowContext(ctx, `INSERT INTO version_sets (value) VALUES (?)
		ON CONFLICT (value) DO UPDATE SET value = excluded.value RETURNING id`, versions).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("write catalog: record the versions: %w", err)
	}
	s := strconv.FormatInt(id, 10)
	c.vs.add(s, versions)
	return s, nil
}

// knownVersionID is the id of versions when version_sets holds it, else
// "", which no entry holds.
func (c *Catalog) knownVersionID(versions string) string {
	c.vs.mu.Lock()
	defer c.vs.mu.Unlock()
	return c.vs.ids[versions]
}

// versionsOf is the value of the id an entry holds. An id the table
// lacks comes back as it is: it matches no versions a scan asks for, nor
// parses as any, so the file is read again.
func (c *Catalog) versionsOf(id string) string {
	c.vs.mu.Lock()
	defer c.vs.mu.Unlock()
	if v, ok := c.vs.values[id]; ok {
		return v
	}
	return id
}

// versionIDs gives the ids of the versions of the entries of a batch,
// storing the new ones, before apply's transaction begins.
func (c *Catalog) versionIDs(ctx context.Context, lists ...[]Entry) (map[string]string, error) {
	ids := map[string]string{}
	for _, list := range lists {
		for _, e := range list {
			if _, ok := ids[e.Versions]; ok {
				continue
			}
			id, err := c.versionID(ctx, e.Versions)
			if err != nil {
				return nil, err
			}
			ids[e.Versions] = id
		}
	}
	return ids, nil
}

// versionsText reads a versions column value, which SQLite hands back as
// text, or as an integer when it was stored as one.
func versionsText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case []byte:
		return string(v), true
	}
	return "", false
}
