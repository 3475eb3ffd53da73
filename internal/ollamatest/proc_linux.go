//go:build linux

package ollamatest

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// serverAttr puts the server in its own process group, and makes the kernel
// kill it if the test binary dies without running its cleanups.
func serverAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// groupPIDs lists the live processes of process group pgid. Zombies do not
// count: an orphaned runner may wait for a reaper that never comes.
func groupPIDs(pgid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(stat[i+1:])
		if len(f) < 3 || string(f[0]) == "Z" || string(f[0]) == "X" {
			continue
		}
		if g, err := strconv.Atoi(string(f[2])); err == nil && g == pgid {
			pids = append(pids, pid)
		}
	}
	return pids
}

func groupAlive(pgid int) bool { return len(groupPIDs(pgid)) > 0 }

// stopped reports whether every thread of every pid has stopped: SIGSTOP
// returns before the kernel has stopped a process running on another CPU.
func stopped(pids []int) bool {
	for _, pid := range pids {
		dir := "/proc/" + strconv.Itoa(pid) + "/task"
		tasks, err := os.ReadDir(dir)
		if err != nil {
			continue // gone
		}
		for _, task := range tasks {
			stat, err := os.ReadFile(dir + "/" + task.Name() + "/stat")
			if err != nil {
				continue
			}
			i := bytes.LastIndexByte(stat, ')')
			if f := bytes.Fields(stat[i+1:]); len(f) > 0 && string(f[0]) != "T" && string(f[0]) != "t" && string(f[0]) != "Z" {
				return false
			}
		}
	}
	return true
}
