package rights

import (
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// sidecarFolders is how many folders' listings a sidecarCache keeps. A
// scan reads files in path order, so the files of one folder come
// together and a few recent folders are all it needs.
const sidecarFolders = 64

// statsBeforeListing is how many names of a folder are looked up with a
// stat each before the folder is listed. A listing of a folder of a
// thousand files costs as much as several hundred stats: a rescan that
// reads again one or two edited files of such a folder stats their
// names, where it listed the whole folder for each, while a first scan
// lists every folder after its first few files as before.
const statsBeforeListing = 16

// sidecarCache remembers the .c2pa names of the folders a scan visited
// last. Looking for "photo.c2pa" beside every file cost a stat a file,
// most of them for names that do not exist; one listing of the folder
// answers for all its files, and only names it lists are stat'ed.
type sidecarCache struct {
	mu      sync.Mutex
	clock   uint64
	folders map[string]*sidecarFolder
	list    func(dir string) *sidecarFolder // listSidecars; tests count the listings
}

type sidecarFolder struct {
	names  map[string]bool // the folder's names that end in .c2pa, in lower case
	listed bool            // false when the folder was not listed, or could not be
	asked  int             // the names looked up in the folder so far
	tried  bool            // a listing was started: the folder is listed once
	used   uint64
}

// mayExist says whether the folder dir, "/"-separated and relative to
// root ("" for root itself, else ending in "/"), may hold name: false
// only when a listing of the folder does not show it. The caller stats a
// name that may exist.
func (c *sidecarCache) mayExist(root, dir, name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.folders[dir]
	if !ok {
		f = &sidecarFolder{}
		if c.folders == nil {
			c.folders = map[string]*sidecarFolder{}
		}
		if len(c.folders) >= sidecarFolders {
			c.evict()
		}
		c.folders[dir] = f
	}
	c.clock++
	f.used = c.clock
	f.asked++
	if f.asked > statsBeforeListing && !f.tried {
		// List without the lock: the other workers go on meanwhile,
		// and one that asks about the folder before the listing is
		// done stats the name itself.
		f.tried = true
		list := c.list
		if list == nil {
			list = listSidecars
		}
		c.mu.Unlock()
		listed := list(filepath.Join(root, filepath.FromSlash(dir)))
		c.mu.Lock()
		f.names, f.listed = listed.names, listed.listed
	}
	return !f.listed || f.names[strings.ToLower(name)]
}

// evict forgets the folder used longest ago.
func (c *sidecarCache) evict() {
	var oldest string
	var at uint64
	for dir, f := range c.folders {
		if oldest == "" || f.used < at {
			oldest, at = dir, f.used
		}
	}
	delete(c.folders, oldest)
}

func listSidecars(dir string) *sidecarFolder {
	d, err := os.Open(dir)
	if err != nil {
		return &sidecarFolder{}
	}
	defer d.Close()
	f := &sidecarFolder{listed: true}
	for {
		// A batch at a time: a folder of a million files is listed
		// without holding a million names.
		names, err := d.Readdirnames(1024)
		for _, n := range names {
			// Lower case: on a file system that ignores case, the stat
			// this listing stands in for finds "photo.C2PA" too.
			if n = strings.ToLower(n); strings.HasSuffix(n, ".c2pa") {
				if f.names == nil {
					f.names = map[string]bool{}
				}
				f.names[n] = true
			}
		}
		if errors.Is(err, io.EOF) {
			return f
		}
		if err != nil {
			return &sidecarFolder{}
		}
	}
}

// sidecar returns the relative path of the .c2pa file beside p, if there
// is one and p is not itself a sidecar.
func (d *C2PA) sidecar(p string) string {
	if d.root == "" || strings.EqualFold(path.Ext(p), ".c2pa") {
		return ""
	}
	rel := strings.TrimSuffix(p, path.Ext(p)) + ".c2pa"
	// The local path is made only for a name the folder may hold: most
	// files have no sidecar, and joining cost more than the look-up.
	if dir, name := path.Split(rel); !d.sidecars.mayExist(d.root, dir, name) {
		return ""
	}
	if st, err := os.Stat(filepath.Join(d.root, filepath.FromSlash(rel))); err == nil && st.Mode().IsRegular() {
		return rel
	}
	return ""
}
