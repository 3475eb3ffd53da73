package kb

// DefaultMinRelevance is the Confidence from which a hit is taken to
// answer the question (see Hit.Relevant). TestRelevanceCalibration
// (package eval) chooses it on the blind tuning sets of single questions
// (eval.AnswersTuneSets: 508 answerable and 101 out-of-scope customer
// questions from three writers), the demo articles' example questions
// (each searched without its own article's) and the 472 NorQuAD
// questions (out of scope), never on a held-out set: the threshold
// answering the fewest out-of-scope questions while refusing at most 5%
// of the answerable ones. With the second and third writers' questions
// added (2026-12-08) it fell from 0.34 to 0.31: at 0.34 the tuning sets
// refused 8.1% of their answerable questions (honest answers 0.574); at
// 0.31 5.9% (0.545), NorQuAD 0.867 honest. The words of a question alone
// do not tell customers' out-of-scope questions apart well: they sit
// next to the knowledge base's subjects ("selger dere varmepumper?"),
// and refusing a customer the knowledge base can help is taken as the
// bound. Frame words ("selger", "bruke", "tilby", see frameWords) count
// as weak words. One threshold per written standard cannot be chosen:
// the tuning sets have 18 English out-of-scope questions, NorQuAD none.
// A question whether the company offers something no section names is
// judged apart (offer.go).
const DefaultMinRelevance = 0.31

// Relevant reports whether the hit's Confidence reaches
// DefaultMinRelevance, that is whether the bot may answer from it rather
// than say that the knowledge base has no answer.
func (h Hit) Relevant() bool { return h.Confidence >= DefaultMinRelevance }

// confidence is how sure a hit is to answer the question, on its own:
// the share of the question's words the section holds, plain and
// weighted by rarity (Coverage and Weight), averaged. On the blind tuning
// set the average separated answerable from out-of-scope questions a
// little better than either alone, and than adding how well a single
// example question matched, the share found in the section's head, or
// the words no section holds (all tried, by cross-validated logistic
// regression on the tuning set).
func confidence(h Hit) float64 { return (h.Coverage + h.Weight) / 2 }

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
