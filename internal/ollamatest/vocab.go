package ollamatest

import (
	"fmt"
	"unicode/utf8"
)

// Token types as llama.cpp reads them from tokenizer.ggml.token_type.
const (
	tokenNormal  int32 = 1
	tokenUnknown int32 = 2
	tokenControl int32 = 3
	tokenByte    int32 = 6
)

// printable holds the single characters of the vocabulary; together with the
// byte tokens they let any text be tokenized.
const printable = "abcdefghijklmnopqrstuvwxyzæøåéABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789.,:;!?-'\"()/%&+=<>|*#@"

// wordPieces are Norwegian words (Bokmål and Nynorsk) and endings, so that
// prompts tokenize into a realistic number of tokens and output reads a little
// like Norwegian.
var wordPieces = []string{
	"▁hei", "▁og", "▁i", "▁det", "▁er", "▁på", "▁som", "▁en", "▁et", "▁du",
	"▁jeg", "▁eg", "▁ikke", "▁ikkje", "▁har", "▁kan", "▁med", "▁for", "▁til",
	"▁av", "▁å", "▁vi", "▁takk", "▁hva", "▁kva", "▁hvordan", "▁korleis",
	"▁faktura", "▁rekning", "▁regning", "▁strøm", "▁straum", "▁konto",
	"▁kunde", "▁hjelp", "▁svar", "▁betale", "▁frist", "▁kort", "▁bank",
	"▁avtale", "▁pris", "▁bestilling", "▁levering", "▁retur", "▁nettside",
	"▁bruker", "▁passord", "▁ønsker", "▁trenger", "▁gjerne", "▁dessverre",
	"▁artikkel", "▁spørsmål", "▁kundeservice", "▁menneske", "▁venter",
	"en", "et", "er", "ene", "ar", "ane", "ing", "lig", "leg", "het", "skap",
	"or", "te", "de", "st", "ne", "re", "se", "ke", "ge",
}

// vocab is the tokenizer of the tiny model.
type vocab struct {
	tokens []string
	scores []float32
	types  []int32
}

// special reports whether token id i is a control, unknown or byte token.
func (v vocab) special(i int) bool { return v.types[i] != tokenNormal }

func newVocab() vocab {
	var v vocab
	add := func(tok string, score float32, typ int32) {
		v.tokens = append(v.tokens, tok)
		v.scores = append(v.scores, score)
		v.types = append(v.types, typ)
	}
	add("<unk>", 0, tokenUnknown)
	add("<s>", 0, tokenControl)
	add("</s>", 0, tokenControl)
	for b := range 256 {
		add(fmt.Sprintf("<0x%02X>", b), 0, tokenByte)
	}
	// Longer pieces score higher so that the SentencePiece merge prefers them.
	add("▁", -1, tokenNormal)
	for _, r := range printable {
		add(string(r), -1, tokenNormal)
	}
	// Every prefix of a word piece is a token too: SentencePiece reaches a
	// piece only by merging adjacent pairs that are themselves tokens.
	seen := map[string]bool{"▁": true}
	for _, r := range printable {
		seen[string(r)] = true
	}
	for _, p := range wordPieces {
		runes := []rune(p)
		for n := 2; n <= len(runes); n++ {
			prefix := string(runes[:n])
			if !seen[prefix] {
				seen[prefix] = true
				add(prefix, float32(utf8.RuneCountInString(prefix)), tokenNormal)
			}
		}
	}
	return v
}
