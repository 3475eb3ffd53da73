package triage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/los-bot/los"
)

// ModelFile is the name of the learned model among the lexicon files. It is
// embedded like them, and a file of this name in an operator's directory
// (LoadDir) replaces the built-in one.
const ModelFile = "model.json"

// Model is the learned second layer of the triage: a multinomial logistic
// regression (softmax) over the words, word pairs, negated words and
// character n-grams of a message (see features). It complements the rules
// within the bounds of Thresholds; see fuse.
type Model struct {
	classes    []los.Category
	bias       []float64
	index      map[string]int32 // feature -> row of weights
	weights    []float64        // rows of len(classes)
	thresholds Thresholds
	data       string
}

// Thresholds bound what the model may do with a rules decision.
type Thresholds struct {
	// Critical, High and Medium are the probabilities from which the model
	// raises a decision to a category of that severity.
	Critical float64 `json:"critical"`
	High     float64 `json:"high"`
	Medium   float64 `json:"medium"`
	// Lower is the probability of none from which the model lowers a
	// non-critical rules decision resting on weak evidence, with a
	// confidence under Below, to none; 0 means never.
	Lower float64 `json:"lower"`
	Below float64 `json:"below"`
	// NoneRatio bounds raises to a critical category where the rules found
	// nothing: p[c] must also reach NoneRatio times p[none], so that a
	// model that leans to none does not send a customer to a crisis line
	// on a low critical probability. 0 means no such bound.
	NoneRatio float64 `json:"none_ratio"`
	// Offer is the probability of self_harm or violence from which the
	// model raises none to that category without a cue of the rules, on
	// weak evidence (a check-in: the question answered, a warm line, a
	// human offered; never the crisis numbers); 0 means never.
	Offer float64 `json:"offer,omitempty"`
	// Cue says which self_harm or violence evidence of the rules lets the
	// model raise to a critical category: "" (the default), evidence tied
	// to a person (a phrase, or a word in a message naming the writer or
	// someone close); CueAny, any unsuppressed evidence, in a message
	// naming the writer, someone close or the company.
	Cue string `json:"cue,omitempty"`
}

// CueAny is the value of Thresholds.Cue that lets any unsuppressed
// self_harm or violence evidence count as a cue.
const CueAny = "any"

// modelFile is the JSON form of a Model.
type modelFile struct {
	Version    int                  `json:"version"`
	Data       string               `json:"data"`
	Note       string               `json:"note,omitempty"`
	Classes    []los.Category       `json:"classes"`
	Thresholds Thresholds           `json:"thresholds"`
	Bias       []float64            `json:"bias"`
	Weights    map[string][]float64 `json:"weights"`
}

// Data identifies the training data and options the model was made from
// (see TrainingDigest).
func (m *Model) Data() string { return m.data }

// Thresholds returns the model's bounds.
func (m *Model) Thresholds() Thresholds { return m.thresholds }

// Features is the number of features with weights.
func (m *Model) Features() int { return len(m.index) }

// WithThresholds returns a copy of m bounded by th.
func (m *Model) WithThresholds(th Thresholds) *Model {
	c := *m
	c.thresholds = th
	return &c
}

// LoadModel reads a model file. Errors say where the file is wrong.
func LoadModel(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return decodeModel(b)
}

func decodeModel(b []byte) (*Model, error) {
	var f modelFile
	if err := decodeStrict(b, &f); err != nil {
		return nil, err
	}
	if f.Version != featureVersion {
		return nil, fmt.Errorf("version %d: this build reads version %d (retrain with go generate ./triage)", f.Version, featureVersion)
	}
	if f.Data == "" {
		return nil, errors.New("data: missing the digest of the training data")
	}
	if len(f.Classes) < 2 {
		return nil, fmt.Errorf("classes: %d, want at least 2", len(f.Classes))
	}
	seen := map[los.Category]bool{}
	for i, c := range f.Classes {
		if !c.Valid() || seen[c] {
			return nil, fmt.Errorf("classes[%d]: %q is not a triage category or comes twice", i, c)
		}
		seen[c] = true
	}
	if !seen[los.CategoryNone] {
		return nil, errors.New(`classes: "none" is missing`)
	}
	for name, v := range map[string]float64{"critical": f.Thresholds.Critical, "high": f.Thresholds.High, "medium": f.Thresholds.Medium} {
		if !(v > 0 && v <= 1) {
			return nil, fmt.Errorf("thresholds.%s %v: want 0 < t <= 1", name, v)
		}
	}
	if !(f.Thresholds.Lower >= 0 && f.Thresholds.Lower <= 1) {
		return nil, fmt.Errorf("thresholds.lower %v: want 0 (never) to 1", f.Thresholds.Lower)
	}
	if !(f.Thresholds.Below >= 0 && f.Thresholds.Below <= 1) {
		return nil, fmt.Errorf("thresholds.below %v: want 0 to 1", f.Thresholds.Below)
	}
	if f.Thresholds.Cue != "" && f.Thresholds.Cue != CueAny {
		return nil, fmt.Errorf("thresholds.cue %q: want \"\" or %q", f.Thresholds.Cue, CueAny)
	}
	if !(f.Thresholds.NoneRatio >= 0 && f.Thresholds.NoneRatio <= 10) {
		return nil, fmt.Errorf("thresholds.none_ratio %v: want 0 (no bound) to 10", f.Thresholds.NoneRatio)
	}
	k := len(f.Classes)
	if len(f.Bias) != k {
		return nil, fmt.Errorf("bias: %d values, want %d (one per class)", len(f.Bias), k)
	}
	names := make([]string, 0, len(f.Weights))
	for name := range f.Weights {
		names = append(names, name)
	}
	sort.Strings(names)
	m := &Model{classes: f.Classes, bias: f.Bias, thresholds: f.Thresholds, data: f.Data,
		index: make(map[string]int32, len(names)), weights: make([]float64, 0, len(names)*k)}
	for _, name := range names {
		w := f.Weights[name]
		if len(w) != k {
			return nil, fmt.Errorf("weights[%q]: %d values, want %d (one per class)", name, len(w), k)
		}
		if name == "" {
			return nil, errors.New(`weights[""]: empty feature name`)
		}
		m.index[name] = int32(len(m.index))
		m.weights = append(m.weights, w...)
	}
	return m, nil
}

// WriteTo writes m as a model file: sorted keys, weights rounded to three
// decimals, so that the same model gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	f := modelFile{Version: featureVersion, Data: m.data, Classes: m.classes, Thresholds: m.thresholds,
		Note:    "learned second layer of the triage; written by go generate ./triage (triage/internal/train), do not edit",
		Bias:    round3(m.bias),
		Weights: make(map[string][]float64, len(m.index))}
	k := len(m.classes)
	for name, r := range m.index {
		f.Weights[name] = round3(m.weights[int(r)*k : int(r)*k+k])
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "<word>" n-grams as written
	if err := enc.Encode(f); err != nil {
		return 0, err
	}
	// One feature per line keeps diffs of a retrained model readable.
	b := bytes.ReplaceAll(buf.Bytes(), []byte(`],"`), []byte("],\n\""))
	n, err := w.Write(b)
	return int64(n), err
}

func round3(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Round(x*1000) / 1000
		if out[i] == 0 {
			out[i] = 0 // no "-0"
		}
	}
	return out
}

// probs writes the model's probability of each class of m.classes for the
// features feats into p, which must have len(m.classes).
func (m *Model) probs(feats []string, p []float64) {
	k := len(m.classes)
	copy(p, m.bias)
	scale := featureScale(len(feats))
	for _, f := range feats {
		r, ok := m.index[f]
		if !ok {
			continue
		}
		row := m.weights[int(r)*k : int(r)*k+k]
		for j := range p {
			p[j] += float64(row[j] * scale)
		}
	}
	softmax(p)
}

// featureScale is the value of each present feature: vectors have unit
// length, so long messages do not shout down short ones; below minFeatures
// they are shorter, so that "!!!" or "12345" alone cannot reach a
// threshold.
func featureScale(n int) float64 {
	return 1 / math.Sqrt(float64(max(n, minFeatures)))
}

const minFeatures = 32

func softmax(p []float64) {
	top := math.Inf(-1)
	for _, x := range p {
		top = math.Max(top, x)
	}
	sum := 0.0
	for j, x := range p {
		p[j] = math.Exp(x - top)
		sum += p[j]
	}
	for j := range p {
		p[j] /= sum
	}
}
