package kb

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZUnknown(t *testing.T) {
	ix := demoIndex(t)
	ctx := context.Background()
	for _, file := range []string{"../eval/testdata/blind/answers_single.tune.tsv", "/tmp/f2single.tsv"} {
		f, _ := os.Open(file)
		r := csv.NewReader(f)
		r.Comma = '\t'
		r.LazyQuotes = true
		rows, _ := r.ReadAll()
		for _, row := range rows[1:] {
			q := row[4]
			p := analyze(q)
			ix.mu.RLock()
			dfs, _ := docFreqs(ctx, ix.idx, p)
			p2, dfs2 := ix.repair(p, dfs)
			var unk []string
			for g := range p2.words {
				if dfs2[g] == 0 && len(p2.alts[g]) == 1 && len(p2.alts[g][0][0].variants) == 0 {
					if termCount(ctx, ix.idx, fieldAskL, p2.alts[g][0][0].light) == 0 {
						unk = append(unk, p2.words[g])
					}
				}
			}
			ix.mu.RUnlock()
			hits, _ := ix.Search(ctx, q, SearchOptions{Limit: 1})
			rel := len(hits) > 0 && hits[0].Relevant()
			oos := row[2] == "-"
			fmt.Printf("ZZ\t%v\t%v\t%d\t%s\t%s\n", oos, rel, len(unk), strings.Join(unk, ","), q)
		}
	}
}
