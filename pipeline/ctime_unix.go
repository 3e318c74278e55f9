//go:build unix && !darwin && !freebsd && !netbsd && !dragonfly

package pipeline

import "syscall"

// ctimeNS is a stat's change time in nanoseconds since 1970.
func ctimeNS(st *syscall.Stat_t) int64 { return int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec) }
