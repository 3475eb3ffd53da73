// Package eval measures Los: retrieval quality on question-answering data
// sets with known answer passages, and answers to labelled customer
// questions and conversations (see sets.go for which sets are held out).
package eval

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Dataset is a retrieval benchmark: passages, and questions that each
// know which passage answers them.
type Dataset struct {
	Passages  []string
	Questions []Question
}

// Question is one question and the index of its passage in Passages.
type Question struct {
	Text    string
	Passage int
}

// LoadNorQuAD reads a NorQuAD (SQuAD-style) JSON file:
// {"data": [{"paragraphs": [{"context": "...", "qas": [{"question": "..."}]}]}]}.
// Passages are told apart by their text, since document ids repeat.
func LoadNorQuAD(path string) (Dataset, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Dataset{}, err
	}
	var file struct {
		Data []struct {
			Paragraphs []struct {
				Context string `json:"context"`
				QAs     []struct {
					Question string `json:"question"`
				} `json:"qas"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return Dataset{}, fmt.Errorf("%s: not a NorQuAD file: %w", path, err)
	}
	var ds Dataset
	seen := map[string]int{}
	for _, d := range file.Data {
		for _, p := range d.Paragraphs {
			if strings.TrimSpace(p.Context) == "" {
				continue
			}
			i, ok := seen[p.Context]
			if !ok {
				i = len(ds.Passages)
				seen[p.Context] = i
				ds.Passages = append(ds.Passages, p.Context)
			}
			for _, q := range p.QAs {
				if strings.TrimSpace(q.Question) != "" {
					ds.Questions = append(ds.Questions, Question{Text: q.Question, Passage: i})
				}
			}
		}
	}
	if len(ds.Questions) == 0 {
		return Dataset{}, fmt.Errorf("%s: no questions found", path)
	}
	return ds, nil
}

// passageID names a passage by a hash of its text, as a valid slug.
func passageID(text string) string {
	sum := sha1.Sum([]byte(text))
	return "p" + hex.EncodeToString(sum[:8])
}
