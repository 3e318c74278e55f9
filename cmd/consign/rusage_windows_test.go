package main

import (
	"os"
	"syscall"
	"time"
)

// maxRSS returns 0: Windows gives a finished process's times, not its
// peak memory.
func maxRSS(*os.ProcessState) int64 { return 0 }

// cpuTime returns the user and system CPU time this process has used.
func cpuTime() time.Duration {
	self, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0
	}
	var created, exited, kernel, user syscall.Filetime
	if syscall.GetProcessTimes(self, &created, &exited, &kernel, &user) != nil {
		return 0
	}
	ticks := func(f syscall.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration(ticks(kernel)+ticks(user)) * 100 // in units of 100 ns
}
