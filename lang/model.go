package lang

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/los-bot/los"
)

// Model is a linear model over hashed character n-grams: the score of a
// standard is its bias plus the weight of every feature of the text
// (features the model never saw count Unseen). Weights are stored
// quantised to 1/Scale.
type Model struct {
	Bias    [numStd]float32
	Unseen  [numStd]float32
	weights map[uint32][numStd]float32
	// Digest names the training data and options the model was made from.
	Digest string
}

// numStd is the number of standards the model tells apart, in the order
// of All.
const numStd = 3

func index(s los.Standard) int {
	for i, x := range All {
		if x == s {
			return i
		}
	}
	return -1
}

// Scores returns the score of each standard (in the order of All) and the
// number of features read.
func (m *Model) Scores(text string) (sc [numStd]float64, n int) {
	for i := range sc {
		sc[i] = float64(m.Bias[i])
	}
	features(text, func(h uint32) {
		n++
		w, ok := m.weights[h]
		if !ok {
			w = m.Unseen
		}
		for i := range sc {
			sc[i] += float64(w[i])
		}
	})
	return sc, n
}

const magic = "LOSLANG1"

// scale is the quantisation of stored weights: a weight is kept as an
// int16 count of 1/scale.
const scale = 1024

// WriteTo writes the model in its binary form: magic, digest, bias,
// unseen, then the features in ascending hash order, each with one int16
// weight per standard. Equal models give equal bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	put := func(v any) {
		if err := binary.Write(bw, binary.LittleEndian, v); err == nil {
			n += int64(binary.Size(v))
		}
	}
	bw.WriteString(magic)
	n += int64(len(magic))
	put(uint16(len(m.Digest)))
	bw.WriteString(m.Digest)
	n += int64(len(m.Digest))
	for _, v := range [][numStd]float32{m.Bias, m.Unseen} {
		for _, x := range v {
			put(quantise(x))
		}
	}
	keys := make([]uint32, 0, len(m.weights))
	for k := range m.weights {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	put(uint32(len(keys)))
	for _, k := range keys {
		put(k)
		for _, x := range m.weights[k] {
			put(quantise(x))
		}
	}
	return n, bw.Flush()
}

func quantise(x float32) int16 {
	q := math.Round(float64(x) * scale)
	return int16(max(math.MinInt16, min(math.MaxInt16, q)))
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("lang model: not a model file")
	}
	var dl uint16
	if err := binary.Read(br, binary.LittleEndian, &dl); err != nil {
		return nil, fmt.Errorf("lang model: %w", err)
	}
	digest := make([]byte, dl)
	if _, err := io.ReadFull(br, digest); err != nil {
		return nil, fmt.Errorf("lang model: %w", err)
	}
	m := &Model{Digest: string(digest)}
	var q [numStd]int16
	for _, v := range []*[numStd]float32{&m.Bias, &m.Unseen} {
		if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
			return nil, fmt.Errorf("lang model: %w", err)
		}
		*v = dequantise(q)
	}
	var count uint32
	if err := binary.Read(br, binary.LittleEndian, &count); err != nil {
		return nil, fmt.Errorf("lang model: %w", err)
	}
	m.weights = make(map[uint32][numStd]float32, count)
	for range count {
		var k uint32
		if err := binary.Read(br, binary.LittleEndian, &k); err != nil {
			return nil, fmt.Errorf("lang model: %w", err)
		}
		if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
			return nil, fmt.Errorf("lang model: %w", err)
		}
		m.weights[k] = dequantise(q)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("lang model: trailing bytes")
	}
	return m, nil
}

func dequantise(q [numStd]int16) (v [numStd]float32) {
	for i, x := range q {
		v[i] = float32(x) / scale
	}
	return v
}
