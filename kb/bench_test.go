package kb

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// benchWords is the vocabulary of the generated articles: customer-service
// Norwegian, in several inflected forms.
var benchWords = strings.Fields(`
faktura fakturaen fakturaer regning regningen strøm strømmen strømavtale
strømavtalen nettleie nettleien kapasitetsledd måler måleren avlesning
forbruk forbruket kilowattime pris prisen priser spotpris fastpris
variabel påslag månedsbeløp avtale avtalen avtaler kunde kunden kunder
kundeservice telefon e-post adresse adressen fakturaadresse flytting
flytte melde oppsigelse bindingstid angrerett fiber fiberen bredbånd
ruter ruteren wifi trådløst nett nettet hastighet levering installasjon
montering graving tekniker avtalegiro efaktura nettbanken betaling betale
betalt forfall forfallsdato purring inkasso gebyr gebyret rabatt tilbud
kampanje abonnement mobil mobilabonnement sim esim nummer data ringe
sms utland roaming tv tv-pakke kanaler dekoder strømstøtte plusskunde
solceller lading elbil ladeboks hytte hytta vinter sommer kald varm
strømbrudd kompensasjon feil feilen løsning hjelp veiledning innlogging
bankid passord bruker konto profil min side app appen varsel varsler
sikkerhet svindel personvern samtykke vilkår vilkårene endring endre
endrer bestille bestilling bytte bytter selge kjøpe koste koster
måned måneden uke dager timer kveld morgen helg lørdag søndag hverdager
gratis dyr billig høy lav ny gammel egen annen første siste viktig
`)

var benchFill = strings.Fields(`og i på for med til av som er det en et du vi kan skal har
når hvis eller men så også alltid ofte bare fra etter før`)

// benchVocabulary is benchWords followed by two-word compounds
// ("strømavtalepris"), as Norwegian makes them, in a fixed shuffled order.
var benchVocabulary = func() []string {
	var compounds []string
	for _, a := range benchWords {
		for _, b := range benchWords {
			if a != b && !strings.Contains(a+b, "-") {
				compounds = append(compounds, a+b)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 3))
	r.Shuffle(len(compounds), func(i, j int) { compounds[i], compounds[j] = compounds[j], compounds[i] })
	return append(slices.Clone(benchWords), compounds...)
}()

// benchArticles generates n articles deterministically. Words follow a
// Zipf distribution over benchVocabulary, like words in real text: a few
// very common, a long tail of rare ones.
func benchArticles(n int) []Article {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(benchVocabulary)-1))
	word := func() string { return benchVocabulary[zipf.Uint64()] }
	sentence := func() string {
		k := 6 + r.IntN(10)
		ws := make([]string, k)
		for i := range ws {
			if i%3 == 1 {
				ws[i] = benchFill[r.IntN(len(benchFill))]
			} else {
				ws[i] = word()
			}
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() string {
		ss := make([]string, 3+r.IntN(4))
		for i := range ss {
			ss[i] = sentence()
		}
		return strings.Join(ss, " ")
	}
	out := make([]Article, n)
	for i := range out {
		title := word() + " " + word() + " " + word()
		body := paragraph()
		for s := 0; s < 2+r.IntN(2); s++ {
			body += "\n\n## " + word() + " " + word() + "\n" + paragraph()
		}
		out[i] = Article{Slug: "artikkel-" + strconv.Itoa(i), Title: title, Body: body,
			Lang: los.Bokmal, Published: true, Tags: []string{word(), word()}}
	}
	return out
}

func benchQuestions(n int) []string {
	r := rand.New(rand.NewPCG(2, 2))
	starts := []string{"Hvordan", "Hva koster", "Hvorfor får jeg", "Kan jeg", "Hvor finner jeg"}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(benchVocabulary)-1))
	qs := make([]string, n)
	for i := range qs {
		ws := []string{starts[r.IntN(len(starts))]}
		for k := 0; k < 2+r.IntN(3); k++ {
			ws = append(ws, benchVocabulary[zipf.Uint64()])
		}
		qs[i] = strings.Join(ws, " ") + "?"
	}
	return qs
}

func benchIndex(b *testing.B, n int) *Index {
	b.Helper()
	ix, err := Open(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), benchArticles(n), "bench", nil); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkSearch reports the latency of Search over generated knowledge
// bases, with p50 and p99 in milliseconds.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			ix := benchIndex(b, n)
			qs := benchQuestions(500)
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := ix.Search(ctx, qs[i%len(qs)], SearchOptions{Limit: 5}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

// BenchmarkRebuild10000 reports the time to index 10,000 articles on disk.
func BenchmarkRebuild10000(b *testing.B) {
	articles := benchArticles(10000)
	for i := 0; i < b.N; i++ {
		ix, err := Open(filepath.Join(b.TempDir(), fmt.Sprint("index", i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := ix.Rebuild(context.Background(), articles, "bench", nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/rebuild")
		ix.Close()
	}
}

// BenchmarkMemory10000 reports the Go heap and the process's resident
// memory with an index of 10,000 articles open (after one search).
func BenchmarkMemory10000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ix := benchIndex(b, 10000)
		if _, err := ix.Search(context.Background(), "Hvordan endrer jeg fakturaadressen?", SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
		b.ReportMetric(rssMiB(), "rss-MiB")
	}
}

// rssMiB reads the resident set size from /proc (Linux), or 0.
func rssMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
