package eval

// Metrics are the retrieval figures over N questions.
type Metrics struct {
	Recall1  float64 `json:"recall@1"`
	Recall5  float64 `json:"recall@5"`
	Recall10 float64 `json:"recall@10"`
	MRR10    float64 `json:"mrr@10"`
	N        int     `json:"n"`
}

// tally accumulates ranks: rank is the 1-based position of the right
// passage in the ranking, 0 when it is missing.
type tally struct {
	r1, r5, r10, rr float64
	n               int
}

func (t *tally) add(rank int) {
	t.n++
	if rank <= 0 {
		return
	}
	if rank == 1 {
		t.r1++
	}
	if rank <= 5 {
		t.r5++
	}
	if rank <= 10 {
		t.r10++
		t.rr += 1 / float64(rank)
	}
}

func (t tally) metrics() Metrics {
	if t.n == 0 {
		return Metrics{}
	}
	n := float64(t.n)
	return Metrics{Recall1: t.r1 / n, Recall5: t.r5 / n, Recall10: t.r10 / n, MRR10: t.rr / n, N: t.n}
}

// rankOf returns the 1-based position of want in ids, or 0.
func rankOf(ids []string, want string) int {
	for i, id := range ids {
		if id == want {
			return i + 1
		}
	}
	return 0
}
