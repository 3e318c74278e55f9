//go:build linux

package bagit

import (
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"syscall"
)

// payloadFile is a file opened to be read once to its end, without
// os.File: on Linux, os.Open also asks fcntl whether the descriptor is
// non-blocking and offers it to the network poller, two system calls
// beyond the open, read and close a checksum needs. On a bag of many
// small files they were a fifth of the system calls verify made.
type payloadFile struct {
	fd   int
	path string
}

// payloadOpener opens the files one hashing worker reads. It keeps the
// directory of the last one open and opens the next file of the same
// directory relative to it: the files come in path order, and the kernel
// then looks up one name per file instead of every directory of its path.
// It takes bag-relative paths, so that a file's path is not joined to the
// bag's and split again, each time cleaned, for every file.
type payloadOpener struct {
	bag    string // the bag's directory
	dir    string // the bag-relative directory dirFD is open on, with its "/"
	dirFD  int
	opened bool // whether dirFD is open
}

func newPayloadOpener(bag string) *payloadOpener { return &payloadOpener{bag: bag} }

// open opens rel, a canonical "/"-separated path inside the bag (as the
// walk and checkPath leave them).
func (o *payloadOpener) open(rel string) (*payloadFile, error) {
	dir, name := path.Split(rel)
	if !o.opened || dir != o.dir {
		o.close()
		// A top-level file's directory is the bag's: Join gives "." for
		// a bag named ".", not "".
		dirPath := filepath.Join(o.bag, filepath.FromSlash(dir))
		fd, err := retryEINTR(func() (int, error) {
			return syscall.Open(dirPath, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		})
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: o.path(rel), Err: err}
		}
		o.dir, o.dirFD, o.opened = dir, fd, true
	}
	fd, err := retryEINTR(func() (int, error) {
		return syscall.Openat(o.dirFD, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: o.path(rel), Err: err}
	}
	return &payloadFile{fd: fd, path: rel}, nil
}

// path is rel's path on disk, for an error.
func (o *payloadOpener) path(rel string) string { return filepath.Join(o.bag, filepath.FromSlash(rel)) }

// close closes the directory kept open.
func (o *payloadOpener) close() {
	if o.opened {
		syscall.Close(o.dirFD)
		o.opened = false
	}
}

func retryEINTR(call func() (int, error)) (int, error) {
	for {
		fd, err := call()
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func (f *payloadFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *payloadFile) Close() error { return syscall.Close(f.fd) }
