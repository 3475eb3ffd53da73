package metrics

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// counterVec is a counter with labels.
type counterVec struct {
	name, help string
	labels     []string
	mu         sync.Mutex
	values     map[string]float64 // label values joined by \xff
}

func newCounterVec(name, help string, labels ...string) *counterVec {
	return &counterVec{name: name, help: help, labels: labels, values: map[string]float64{}}
}

func (c *counterVec) add(v float64, labelValues ...string) {
	for i, s := range labelValues {
		labelValues[i] = clean(s)
	}
	key := strings.Join(labelValues, "\xff")
	c.mu.Lock()
	c.values[key] += v
	c.mu.Unlock()
}

// value returns the count for label values, for tests.
func (c *counterVec) value(labelValues ...string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.values[strings.Join(labelValues, "\xff")]
}

func (c *counterVec) write(e *expo) {
	c.mu.Lock()
	keys := make([]string, 0, len(c.values))
	for k := range c.values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]float64, len(keys))
	for i, k := range keys {
		vals[i] = c.values[k]
	}
	c.mu.Unlock()
	e.header(c.name, c.help, "counter")
	for i, k := range keys {
		e.sample(c.name, c.labels, strings.Split(k, "\xff"), "", "", vals[i])
	}
}

// histogram is a histogram without labels; buckets are upper bounds.
type histogram struct {
	name, help string
	buckets    []float64
	mu         sync.Mutex
	counts     []uint64 // per bucket, not cumulative; the last is +Inf
	sum        float64
	count      uint64
}

func newHistogram(name, help string, buckets []float64) *histogram {
	return &histogram{name: name, help: help, buckets: buckets, counts: make([]uint64, len(buckets)+1)}
}

func (h *histogram) observe(v float64) {
	i, _ := slices.BinarySearch(h.buckets, v)
	h.mu.Lock()
	h.counts[i]++
	h.sum += v
	h.count++
	h.mu.Unlock()
}

func (h *histogram) write(e *expo) {
	h.mu.Lock()
	counts, sum, count := slices.Clone(h.counts), h.sum, h.count
	h.mu.Unlock()
	e.header(h.name, h.help, "histogram")
	var cum uint64
	for i, c := range counts {
		cum += c
		le := "+Inf"
		if i < len(h.buckets) {
			le = formatFloat(h.buckets[i])
		}
		e.sample(h.name+"_bucket", nil, nil, "le", le, float64(cum))
	}
	e.sample(h.name+"_sum", nil, nil, "", "", sum)
	e.sample(h.name+"_count", nil, nil, "", "", float64(count))
}

// expo writes the text exposition format.
type expo struct{ buf bytes.Buffer }

func (e *expo) header(name, help, typ string) {
	e.buf.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n")
}

func (e *expo) gauge(name, help string, v float64) {
	e.header(name, help, "gauge")
	e.sample(name, nil, nil, "", "", v)
}

// sample writes one line; extraName/extraValue is one more label (le).
func (e *expo) sample(name string, labels, values []string, extraName, extraValue string, v float64) {
	e.buf.WriteString(name)
	if len(labels) > 0 || extraName != "" {
		e.buf.WriteByte('{')
		for i, l := range labels {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.buf.WriteString(l + `="` + escape(values[i]) + `"`)
		}
		if extraName != "" {
			if len(labels) > 0 {
				e.buf.WriteByte(',')
			}
			e.buf.WriteString(extraName + `="` + escape(extraValue) + `"`)
		}
		e.buf.WriteByte('}')
	}
	e.buf.WriteString(" " + formatFloat(v) + "\n")
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var escaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escape(s string) string { return escaper.Replace(s) }

// clean keeps label values short and to a safe alphabet: they come from
// fixed sets, and this makes sure no free text slips in.
func clean(s string) string {
	if s == "" {
		return "none"
	}
	if len(s) > 64 {
		s = s[:64]
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("_-./:*", r):
			return r
		}
		return '_'
	}, s)
}
