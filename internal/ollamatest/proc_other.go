//go:build unix && !linux

package ollamatest

import "syscall"

func serverAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// groupPIDs cannot list a group's members without /proc.
func groupPIDs(int) []int { return nil }

func groupAlive(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// stopped cannot tell without /proc; SIGSTOP is usually effective at once.
func stopped([]int) bool { return true }
