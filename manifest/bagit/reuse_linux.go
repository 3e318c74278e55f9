//go:build linux

package bagit

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// listsStatInodes reports whether the file system dir is on lists a file
// under the inode number stat gives it (getdents64's d_ino): the local
// file systems consign knows. Stacked or network file systems (overlayfs,
// FUSE, NFS) may number a listing otherwise. A bag's folders are taken
// to be on one file system, asked about once.
func listsStatInodes(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	switch int64(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC, unix.F2FS_SUPER_MAGIC:
		return true
	}
	return false
}

// listWithInodes lists dir with the inode number of each entry, read
// from the listing itself rather than a stat of each file, on a file
// system listsStatInodes accepts.
func listWithInodes(dir string) ([]listed, error) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	var out []listed
	buf := make([]byte, 32<<10)
	for {
		n, err := unix.ReadDirent(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			return out, nil
		}
		if out, err = parseDirents(dir, buf[:n], out); err != nil {
			return nil, err
		}
	}
}

// The layout of a linux_dirent64 record: d_ino (8 bytes), d_off (8),
// d_reclen (2), d_type (1), then the name and its NUL.
const (
	direntReclen = 16
	direntType   = 18
	direntName   = 19
)

// parseDirents appends the entries of getdents64's records in b to out,
// leaving out "." and "..". A record whose length does not fit b is an
// error: the kernel never writes one, so nothing past it is trusted. An
// entry whose type the file system does not give (DT_UNKNOWN) is looked
// up with lstat, inode number included.
func parseDirents(dir string, b []byte, out []listed) ([]listed, error) {
	for len(b) > 0 {
		if len(b) < direntName+1 {
			return out, fmt.Errorf("listing of %s: a record of %d bytes", dir, len(b))
		}
		reclen := int(binary.NativeEndian.Uint16(b[direntReclen:]))
		if reclen < direntName+1 || reclen > len(b) {
			return out, fmt.Errorf("listing of %s: a record of %d bytes where %d are left", dir, reclen, len(b))
		}
		rec := b[:reclen]
		b = b[reclen:]
		name := rec[direntName:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if string(name) == "." || string(name) == ".." || len(name) == 0 {
			continue
		}
		e := listed{name: string(name), ino: binary.NativeEndian.Uint64(rec)}
		switch rec[direntType] {
		case unix.DT_REG:
		case unix.DT_DIR:
			e.mode = fs.ModeDir
		case unix.DT_UNKNOWN:
			info, err := os.Lstat(filepath.Join(dir, e.name))
			if err != nil {
				return out, err
			}
			e.mode = info.Mode().Type()
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				e.ino = st.Ino
			}
		default:
			e.mode = fs.ModeIrregular
		}
		out = append(out, e)
	}
	return out, nil
}
