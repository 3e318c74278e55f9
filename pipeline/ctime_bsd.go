//go:build darwin || freebsd || netbsd || dragonfly

package pipeline

import "syscall"

// ctimeNS is a stat's change time in nanoseconds since 1970.
func ctimeNS(st *syscall.Stat_t) int64 { return st.Ctimespec.Sec*1e9 + st.Ctimespec.Nsec }
