package apertium

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// answer is a typical extractive answer: a quoted article passage.
const answer = `Du kan endre fakturaadressen på Min side under Profil > Adresser. Endringen gjelder fra neste faktura. Har du avtalegiro, trenger du ikke å gjøre noe i nettbanken.

- Logg inn med BankID.
- Velg Profil og deretter Adresser.
- Skriv inn den nye adressen og trykk Lagre.

Får du ikke logget inn, kan du ringe oss på 22 40 00 40 hverdager mellom 08 og 16.`

// BenchmarkTranslateAnswer measures the latency a translated answer adds
// to a turn (p50 and p99 over the run) and the memory (RSS) of the running
// pipelines:
//
//	go test -run '^$' -bench TranslateAnswer -benchtime 200x ./apertium
func BenchmarkTranslateAnswer(b *testing.B) {
	tr := real(b)
	tr.timeout = 30 * time.Second // a loaded machine must not fail the warm-up
	ctx := context.Background()
	if err := tr.Start(); err != nil {
		b.Fatal(err)
	}
	for _, dir := range [][2]los.Standard{{los.Bokmal, los.Nynorsk}, {los.Nynorsk, los.Bokmal}} {
		if _, err := tr.Translate(ctx, dir[0], dir[1], answer); err != nil { // warm
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if _, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, answer); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	var rss, pss int64
	for _, pid := range tr.PIDs() {
		r, p := groupMemory(pid)
		rss, pss = rss+r, pss+p
	}
	// RSS counts shared libraries once per process; PSS shares them out.
	b.ReportMetric(float64(rss)/(1<<20), "pipelines-RSS-MiB")
	b.ReportMetric(float64(pss)/(1<<20), "pipelines-PSS-MiB")
}

// BenchmarkColdTranslate measures a translation that must first start its
// pipeline (the first after start-up or after an idle stop, see
// Options.IdleStop), p50 and p99 over the run:
//
//	go test -run '^$' -bench ColdTranslate -benchtime 20x ./apertium
func BenchmarkColdTranslate(b *testing.B) {
	real(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	for range b.N {
		tr := New(Options{Timeout: 30 * time.Second})
		start := time.Now()
		if _, err := tr.Translate(ctx, los.Bokmal, los.Nynorsk, answer); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		b.StopTimer()
		if err := tr.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkPipelineStages logs what each program of the two running, warm
// pipelines holds (RSS and PSS), heaviest first:
//
//	go test -run '^$' -bench PipelineStages -benchtime 1x -v ./apertium
func BenchmarkPipelineStages(b *testing.B) {
	tr := real(b)
	tr.timeout = 30 * time.Second
	ctx := context.Background()
	for range b.N {
		for _, dir := range [][2]los.Standard{{los.Bokmal, los.Nynorsk}, {los.Nynorsk, los.Bokmal}} {
			if _, err := tr.Translate(ctx, dir[0], dir[1], answer); err != nil {
				b.Fatal(err)
			}
		}
	}
	var all []stage
	for _, pid := range tr.PIDs() {
		all = append(all, groupStages(pid)...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].pss > all[j].pss })
	var rss, pss int64
	for _, s := range all {
		b.Logf("%8.1f MiB PSS %8.1f MiB RSS  %s", float64(s.pss)/(1<<20), float64(s.rss)/(1<<20), s.name)
		rss, pss = rss+s.rss, pss+s.pss
	}
	b.ReportMetric(float64(len(all)), "processes")
	b.ReportMetric(float64(rss)/(1<<20), "pipelines-RSS-MiB")
	b.ReportMetric(float64(pss)/(1<<20), "pipelines-PSS-MiB")
}

// stage is one process of a pipeline: its program and data file, and its
// memory.
type stage struct {
	name     string
	rss, pss int64
}

// groupMemory adds up the resident (RSS) and proportional (PSS) memory of
// every process in a process group, from /proc.
func groupMemory(pgid int) (rss, pss int64) {
	for _, s := range groupStages(pgid) {
		rss, pss = rss+s.rss, pss+s.pss
	}
	return rss, pss
}

// groupStages reads the memory of every process in a process group.
func groupStages(pgid int) []stage {
	var out []stage
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		stat, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: state ppid pgrp ...
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 3 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		rollup, err := os.ReadFile(filepath.Join(d, "smaps_rollup"))
		if err != nil {
			continue
		}
		s := stage{name: commandOf(d)}
		for _, line := range strings.Split(string(rollup), "\n") {
			for prefix, sum := range map[string]*int64{"Rss:": &s.rss, "Pss:": &s.pss} {
				if v, ok := strings.CutPrefix(line, prefix); ok {
					kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
					*sum += kb << 10
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// commandOf names a process by its program and its last argument's file
// name ("cg-proc nob-nno.syn.rlx.bin").
func commandOf(procDir string) string {
	b, _ := os.ReadFile(filepath.Join(procDir, "cmdline"))
	args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	name := filepath.Base(args[0])
	if len(args) > 1 && name != "bash" {
		name += " " + filepath.Base(args[len(args)-1])
	}
	return name
}
