package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
)

// TrainOptions choose how a model is trained.
type TrainOptions struct {
	// Epochs of logistic regression (AdaGrad, in a fixed shuffled order).
	Epochs int
	// Rate is the AdaGrad learning rate.
	Rate float64
	// L2 is the weight decay per update.
	L2 float64
	// MinCount drops features seen fewer times in the training data.
	MinCount int
}

// DefaultTrainOptions are the options the shipped model was trained with.
var DefaultTrainOptions = TrainOptions{Epochs: 8, Rate: 0.1, L2: 1e-6, MinCount: 2}

// Digest names the training examples and options, so a test can tell a
// model trained on other data.
func Digest(ex []Example, opt TrainOptions) string {
	h := sha256.New()
	fmt.Fprintf(h, "%+v|%d\n", opt, maxN)
	for _, e := range ex {
		fmt.Fprintf(h, "%s\t%s\n", e.Lang, e.Text)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Train fits a multinomial logistic regression over the hashed features of
// the examples. Training is deterministic: the same examples and options
// give the same model, byte for byte.
func Train(ex []Example, opt TrainOptions) *Model {
	type doc struct {
		y     int
		feats []uint32
	}
	count := map[uint32]int{}
	docs := make([]doc, 0, len(ex))
	perClass := [numStd]int{}
	for _, e := range ex {
		d := doc{y: index(e.Lang)}
		features(e.Text, func(h uint32) { d.feats = append(d.feats, h) })
		for _, h := range d.feats {
			count[h]++
		}
		perClass[d.y]++
		docs = append(docs, d)
	}
	// Balanced classes: each example counts inversely to its class's size.
	var cw [numStd]float64
	for i, n := range perClass {
		if n > 0 {
			cw[i] = float64(len(docs)) / float64(numStd*n)
		}
	}
	w := map[uint32]*[2 * numStd]float64{} // weights, then AdaGrad sums
	for h, c := range count {
		if c >= opt.MinCount {
			w[h] = &[2 * numStd]float64{}
		}
	}
	var bias, biasG [numStd]float64
	rng := rand.New(rand.NewPCG(13, 13))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			d := docs[di]
			z := bias
			for _, h := range d.feats {
				if v := w[h]; v != nil {
					for c := range numStd {
						z[c] += v[c]
					}
				}
			}
			p := softmax(z)
			var g [numStd]float64
			for c := range numStd {
				g[c] = p[c]
				if c == d.y {
					g[c]--
				}
				g[c] *= cw[d.y]
			}
			for c := range numStd {
				biasG[c] += g[c] * g[c]
				bias[c] -= opt.Rate * g[c] / math.Sqrt(biasG[c]+1e-8)
			}
			for _, h := range d.feats {
				v := w[h]
				if v == nil {
					continue
				}
				for c := range numStd {
					gc := g[c] + opt.L2*v[c]
					v[numStd+c] += gc * gc
					v[c] -= opt.Rate * gc / math.Sqrt(v[numStd+c]+1e-8)
				}
			}
		}
	}
	m := &Model{weights: make(map[uint32][numStd]float32, len(w)), Digest: Digest(ex, opt)}
	for c := range numStd {
		m.Bias[c] = roundQ(bias[c])
	}
	for h, v := range w {
		var q [numStd]float32
		zero := true
		for c := range numStd {
			q[c] = roundQ(v[c])
			zero = zero && q[c] == 0
		}
		if !zero {
			m.weights[h] = q
		}
	}
	return m
}

// roundQ rounds a weight as WriteTo stores it, so a trained model scores
// exactly as the same model read back.
func roundQ(x float64) float32 { return float32(quantise(float32(x))) / scale }

func softmax(z [numStd]float64) (p [numStd]float64) {
	mx := z[0]
	for _, v := range z[1:] {
		mx = max(mx, v)
	}
	var sum float64
	for i, v := range z {
		p[i] = math.Exp(v - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}
