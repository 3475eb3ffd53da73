package kb

import "github.com/blevesearch/bleve/v2"

// assignQuestions gives each of the article's example questions to the
// section that shares most of its content words (light forms, in the
// heading or the text; the earlier section on a tie), so that a
// customer's question worded like an example finds the section that
// answers it. It returns the questions of each section, by position.
func assignQuestions(a Article, secs []Section) [][]string {
	out := make([][]string, len(secs))
	if len(a.Questions) == 0 || len(secs) == 0 {
		return out
	}
	words := make([]map[string]bool, len(secs))
	for i, s := range secs {
		words[i] = lightSet(s.Heading + "\n" + plainText(s.Text))
	}
	for _, q := range a.Questions {
		best, bestN := 0, -1
		for i := range secs {
			n := 0
			for w := range lightSet(q) {
				if words[i][w] {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		out[best] = append(out[best], q)
	}
	return out
}

// lightSet returns the light forms of the content words of text.
func lightSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range tokenize(text) {
		if !isStopWord(w) {
			set[lightForm(w)] = true
		}
	}
	return set
}

// holdsQuestions reports whether the index has a section with example
// questions.
func holdsQuestions(idx bleve.Index) bool {
	adv, err := idx.Advanced()
	if err != nil {
		return false
	}
	r, err := adv.Reader()
	if err != nil {
		return false
	}
	defer r.Close()
	d, err := r.FieldDict(fieldAskL)
	if err != nil {
		return false
	}
	defer d.Close()
	e, err := d.Next()
	return err == nil && e != nil
}
