package kb

// DefaultMinRelevance is the Coverage above which a hit is taken to answer
// the question (see Hit.Relevant): more than a third of the question's
// content words must occur in the section. Measured on the demo knowledge
// base with kb/testdata/questions.tsv (questions it answers, and questions
// it cannot answer), deciding on the top hit: 0.934 accuracy (10 false
// answers, 1 missed, of 167); 0.4 did as well, 0.5 gave 0.910, 0.25 gave
// 0.838. Measured again when compounds and near spellings began to count
// as matches. See TestRelevanceThreshold, which keeps the accuracy above
// a floor.
const DefaultMinRelevance = 0.34

// Relevant reports whether the hit's Confidence reaches
// DefaultMinRelevance, that is whether the bot may answer from it rather
// than say that the knowledge base has no answer.
func (h Hit) Relevant() bool { return h.Confidence >= DefaultMinRelevance }

// confidence is how sure a hit is to answer the question, on its own.
func confidence(h Hit) float64 { return h.Coverage }

// setConfidence gives every hit the confidence of the best-judged section
// of its article: the article answers or not, whichever of its sections
// is quoted.
func setConfidence(hits []Hit) {
	best := map[string]float64{}
	for _, h := range hits {
		best[h.Slug] = max(best[h.Slug], confidence(h))
	}
	for i := range hits {
		hits[i].Confidence = best[hits[i].Slug]
	}
}
