package triage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/los-bot/los"
)

//go:generate go run ./internal/train -dir testdata -o lexicons/model.json

// HeldOutSets are the labelled files of testdata/ that are never trained
// or tuned on, so that they measure how Los does on unseen wording.
var HeldOutSets = []string{"blind_b.tsv", "blind_i.tsv",
	"blind_j_sensitive.heldout.tsv", "blind_j_sensitive.heldout.full.tsv",
	"blind_j_ordinary.heldout.tsv", "blind_j_ordinary.heldout.full.tsv",
	"blind_k_sensitive.heldout.tsv", "blind_k_sensitive.heldout.full.tsv",
	"blind_k_ordinary.heldout.tsv", "blind_k_ordinary.heldout.full.tsv",
	"blind_l_sensitive.heldout.tsv", "blind_l_sensitive.heldout.full.tsv",
	"blind_l_ordinary.heldout.tsv", "blind_l_ordinary.heldout.full.tsv"}

// TrainingSets are the labelled files of testdata/ the built-in model is
// trained on, in this order; none of HeldOutSets.
var TrainingSets = []string{"dev.tsv", "holdout.tsv", "blind_a.tsv", "blind_c.tsv", "blind_d.tsv", "blind_e.tsv", "blind_f.tsv", "blind_g.tsv", "blind_h.tsv",
	"blind_j_sensitive.tune.tsv", "blind_j_ordinary.tune.tsv", "train_l.tsv", "train_m.tsv", "train_n1.tsv", "train_n2.tsv", "train_n3.tsv", "train_n4.tsv", "train_n5.tsv"}

// RealSets are files of real Norwegian sentences in testdata/ (written by
// internal/realtext: NorQuAD passages, the UD Norwegian treebanks, the
// demo knowledge base and its example questions), trained on as none
// after TrainingSets, with the weight RealWeight, and only the sentences
// in which the rules find no sensitive cue (see RealExamples).
var RealSets = []string{"real_norquad.tsv", "real_ud.tsv", "real_kb.tsv"}

// RealWeight is the weight of one real sentence in training: news and
// encyclopedia prose outnumber the customer messages three to one, and
// at full weight they would drown the sensitive classes.
const RealWeight = 0.3

// realCue is the least score of a category that keeps a real sentence out
// of training: a hint (0.25) or any heavier evidence, even when it names
// nobody ("mannen døde" halved to 0.33); cues of the field alone
// ("livet", "kniv") do not.
const realCue = 0.2

// RealExamples keeps the examples in which the rules of lex find no
// evidence of any category of realCue or more (figurative or negated uses
// count as none), with weight w. Real text that mentions a death, an illness or a threat may be about
// the writer or someone close ("min far døde i går"): such sentences never
// teach the model that these words are none; the rest teach it what
// ordinary Norwegian looks like.
func RealExamples(lex *Lexicon, examples []Example, w float64) []Example {
	var out []Example
	for _, ex := range examples {
		a := lex.assess(analyse(ex.Text))
		if slices.ContainsFunc(a.score, func(s float64) bool { return s >= realCue }) {
			continue
		}
		ex.Weight = w
		out = append(out, ex)
	}
	return out
}

// TrainOptions steer Train; zero fields take the defaults.
type TrainOptions struct {
	MinCount   int     // messages a feature must occur in (default 3)
	L2         float64 // weight decay (default 3e-5)
	Iterations int     // full-batch Adam steps (default 300)
	Rate       float64 // Adam step size (default 0.1)
	Thresholds Thresholds
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.MinCount == 0 {
		o.MinCount = 3
	}
	if o.L2 == 0 {
		o.L2 = 3e-5
	}
	if o.Iterations == 0 {
		o.Iterations = 300
	}
	if o.Rate == 0 {
		o.Rate = 0.1
	}
	return o
}

// trainVersion names Train's arithmetic (vocabulary, weighting, the
// optimiser): bump it with any change to Train that changes the weights it
// writes, so that TrainingDigest, and with it TestModelFresh, notices.
const trainVersion = 1

// TrainingDigest identifies what Train makes a model of: the examples
// (label, standard, weight, text), the features extracted from each text
// (so that a change to the analysis, the feature extraction or the
// language detector it reads shows without retraining), the options, and
// the versions of the features and of Train. The model file records it,
// and TestModelFresh compares it with the digest of the files in
// testdata/ to catch a model that was not retrained.
func TrainingDigest(examples []Example, opt TrainOptions) string {
	opt = opt.withDefaults()
	h := sha256.New()
	fmt.Fprintf(h, "features %d\ntrain %d\noptions %+v\n", featureVersion, trainVersion, opt)
	var buf []string
	for _, ex := range examples {
		if ex.Weight != 0 && ex.Weight != 1 {
			fmt.Fprintf(h, "%g\t", ex.Weight)
		}
		fmt.Fprintf(h, "%s\t%s\t%s\n", ex.Label, ex.Variant, ex.Text)
		buf = analyse(ex.Text).features(buf)
		fmt.Fprintf(h, "%s\n", strings.Join(buf, "\x1f"))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Train fits a model to examples. Training is deterministic: full-batch
// gradient steps in a fixed order, with no randomness, so the same
// examples and options give the same weights, bit for bit.
func Train(examples []Example, opt TrainOptions) *Model {
	opt = opt.withDefaults()
	classes := los.Categories
	k := len(classes)
	class := map[los.Category]int{}
	for j, c := range classes {
		class[c] = j
	}

	// Vocabulary: features in at least MinCount messages of full weight,
	// sorted. Down-weighted examples (real text) are read over it: they
	// teach what ordinary words weigh, without thousands of features only
	// news and encyclopedia prose have.
	docs := make([][]string, len(examples))
	count := map[string]int{}
	for i, ex := range examples {
		docs[i] = analyse(ex.Text).features(nil)
		if weight(ex) < 1 {
			continue // real text adds examples, not features
		}
		for _, f := range docs[i] {
			count[f]++
		}
	}
	var vocab []string
	for f, n := range count {
		if n >= opt.MinCount {
			vocab = append(vocab, f)
		}
	}
	sort.Strings(vocab)
	index := make(map[string]int32, len(vocab))
	for i, f := range vocab {
		index[f] = int32(i)
	}
	rows := make([][]int32, len(examples))
	scale := make([]float64, len(examples))
	ys := make([]int, len(examples))
	n := 0.0
	for i, d := range docs {
		for _, f := range d {
			if r, ok := index[f]; ok {
				rows[i] = append(rows[i], r)
			}
		}
		scale[i] = featureScale(len(d))
		ys[i] = class[examples[i].Label]
		n += weight(examples[i])
	}

	// Parameters: weights then bias, in one vector for Adam.
	nw := len(vocab) * k
	theta := make([]float64, nw+k)
	grad := make([]float64, len(theta))
	m1 := make([]float64, len(theta))
	m2 := make([]float64, len(theta))
	z := make([]float64, k)
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	for it := 1; it <= opt.Iterations; it++ {
		clear(grad)
		for i, row := range rows {
			copy(z, theta[nw:])
			s := scale[i]
			for _, r := range row {
				w := theta[int(r)*k : int(r)*k+k]
				for j := range z {
					z[j] += float64(w[j] * s)
				}
			}
			softmax(z)
			z[ys[i]]--
			if wi := weight(examples[i]); wi != 1 {
				for j := range z {
					z[j] *= wi
				}
			}
			for _, r := range row {
				g := grad[int(r)*k : int(r)*k+k]
				for j := range z {
					g[j] += float64(z[j] * s)
				}
			}
			for j := range z {
				grad[nw+j] += z[j]
			}
		}
		c1 := 1 - math.Pow(beta1, float64(it))
		c2 := 1 - math.Pow(beta2, float64(it))
		for p := range theta {
			g := grad[p] / n
			if p < nw {
				g += float64(opt.L2 * theta[p])
			}
			m1[p] = float64(beta1*m1[p]) + float64((1-beta1)*g)
			m2[p] = float64(beta2*m2[p]) + float64((1-beta2)*float64(g*g))
			theta[p] -= float64(opt.Rate*(m1[p]/c1)) / (math.Sqrt(m2[p]/c2) + eps)
		}
	}

	// Features whose weights all round to zero are left out of the model.
	m := &Model{classes: classes, bias: theta[nw:], thresholds: opt.Thresholds,
		data: TrainingDigest(examples, opt), index: map[string]int32{}}
	for i, f := range vocab {
		w := theta[i*k : i*k+k]
		if maxAbs(w) < 0.0005 {
			continue
		}
		m.index[f] = int32(len(m.index))
		m.weights = append(m.weights, w...)
	}
	return m
}

func weight(ex Example) float64 {
	if ex.Weight == 0 {
		return 1
	}
	return ex.Weight
}

func maxAbs(v []float64) float64 {
	top := 0.0
	for _, x := range v {
		top = math.Max(top, math.Abs(x))
	}
	return top
}

// ReadSet reads one labelled file.
func ReadSet(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}

// TrainingPool reads the examples the built-in model is trained on from
// dir: TrainingSets in order, then the sentences of RealSets that lex
// finds no cue in, with RealWeight.
func TrainingPool(dir string, lex *Lexicon) ([]Example, error) {
	var pool []Example
	for _, name := range TrainingSets {
		ex, err := ReadSet(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		pool = append(pool, ex...)
	}
	for _, name := range RealSets {
		ex, err := ReadSet(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		pool = append(pool, RealExamples(lex, ex, RealWeight)...)
	}
	return pool, nil
}
