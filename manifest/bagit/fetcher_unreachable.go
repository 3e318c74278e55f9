package bagit

import (
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
)

// Fetch's requests name the servers they could not reach in words, and
// Fetch asks a server found down for no more files (fetcher.unreachable).

// requestError says why a request failed without Go's chain around it:
// the caller names the URL already, which *url.Error repeats ("Get
// "U": ..."), and a server that cannot be reached is said in words.
func requestError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" && oe.Addr != nil {
		why := oe.Err
		var se *os.SyscallError
		if errors.As(why, &se) {
			why = se.Err
		}
		return &unreachableError{addr: oe.Addr.String(), err: why}
	}
	return err
}

// unreachableError is a server consign could not connect to: the other
// files fetch.txt lists on it are not asked for again.
type unreachableError struct {
	addr string
	err  error
}

func (e *unreachableError) Error() string {
	return "cannot connect to " + e.addr + ": " + e.err.Error()
}
func (e *unreachableError) Unwrap() error { return e.err }

// urlHost is the scheme and host a URL names, "" for one without a host.
func urlHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}
