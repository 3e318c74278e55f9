//go:build linux && (amd64 || arm64)

package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// lstatIn is os.Lstat of the entry name of the directory dir, open at
// abs. fstatat on the directory's descriptor resolves the one name, where
// a path makes the kernel resolve every folder above the file again: in a
// walk of 20,000 files that was about a quarter of the stat calls' cost.
func lstatIn(dir *os.File, abs, name string) (fs.FileInfo, error) {
	var st unix.Stat_t
	var err error
	for {
		err = unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: filepath.Join(abs, name), Err: err}
	}
	return newStatInfo(name, &st), nil
}

// statInfo is the fs.FileInfo os.Lstat gives, made from a stat the walk
// asked for itself: Sys returns a *syscall.Stat_t, as os's does.
type statInfo struct {
	name string
	mode fs.FileMode
	sys  syscall.Stat_t
}

func newStatInfo(name string, st *unix.Stat_t) *statInfo {
	fi := &statInfo{name: name, sys: syscall.Stat_t{
		Dev: st.Dev, Ino: st.Ino, Nlink: st.Nlink, Mode: st.Mode, Uid: st.Uid, Gid: st.Gid,
		Rdev: st.Rdev, Size: st.Size, Blksize: st.Blksize, Blocks: st.Blocks,
		Atim: syscall.Timespec(st.Atim), Mtim: syscall.Timespec(st.Mtim), Ctim: syscall.Timespec(st.Ctim),
	}}
	// The mode as os makes it from the same bits (os/stat_linux.go).
	fi.mode = fs.FileMode(st.Mode & 0o777)
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		fi.mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		fi.mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		fi.mode |= fs.ModeDir
	case syscall.S_IFIFO:
		fi.mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		fi.mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		fi.mode |= fs.ModeSocket
	}
	if st.Mode&syscall.S_ISGID != 0 {
		fi.mode |= fs.ModeSetgid
	}
	if st.Mode&syscall.S_ISUID != 0 {
		fi.mode |= fs.ModeSetuid
	}
	if st.Mode&syscall.S_ISVTX != 0 {
		fi.mode |= fs.ModeSticky
	}
	return fi
}

func (fi *statInfo) Name() string       { return fi.name }
func (fi *statInfo) Size() int64        { return fi.sys.Size }
func (fi *statInfo) Mode() fs.FileMode  { return fi.mode }
func (fi *statInfo) ModTime() time.Time { return time.Unix(fi.sys.Mtim.Unix()) }
func (fi *statInfo) IsDir() bool        { return fi.mode.IsDir() }
func (fi *statInfo) Sys() any           { return &fi.sys }
