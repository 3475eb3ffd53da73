package bot_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/bot"
)

// The blind sets' questions, by file: the tuning parts, which the small-talk
// recogniser may be checked against, and the held-out parts, of which only
// the count is reported (their failures are never read).
var (
	smallTalkTuneSets = []string{
		"../eval/testdata/blind/answers_single.tune.tsv",
		"../eval/testdata/blind/answers_conversations.tune.json",
		"../triage/testdata/blind_j_ordinary.tune.full.tsv",
		"../triage/testdata/blind_j_sensitive.tune.full.tsv",
		"../triage/testdata/blind_k_ordinary.tune.full.tsv",
		"../triage/testdata/blind_k_sensitive.tune.full.tsv",
	}
	smallTalkHeldOutSets = []string{
		"../eval/testdata/blind/answers_single.heldout.tsv",
		"../eval/testdata/blind/answers_conversations.heldout.json",
		"../triage/testdata/blind_j_ordinary.heldout.full.tsv",
		"../triage/testdata/blind_j_sensitive.heldout.full.tsv",
		"../triage/testdata/blind_k_ordinary.heldout.full.tsv",
		"../triage/testdata/blind_k_sensitive.heldout.full.tsv",
	}
)

// setSmallTalk are the messages of the tuning sets that are small talk
// themselves, not questions: the ordinary triage set has a customer's
// thanks in each written standard (o095, o650) and closing words.
var setSmallTalk = map[string]bot.SmallTalk{
	"takk for hjelpen!":   bot.SmallTalkThanks,
	"takk for hjelpa!":    bot.SmallTalkThanks,
	"nei, det var alt":    bot.SmallTalkGoodbye,
	"ok thanks":           bot.SmallTalkThanks,
	"Kjempefint, takk":    bot.SmallTalkThanks,
	"Supert, takk":        bot.SmallTalkThanks,
	"ok, takk skal du ha": bot.SmallTalkThanks,
	"ok takk":             bot.SmallTalkThanks,
	// Round K's ordinary messages.
	"God helg!":                          bot.SmallTalkGoodbye,
	"nei takk, det var alt":              bot.SmallTalkThanksGoodbye,
	"Have a nice weekend!":               bot.SmallTalkGoodbye,
	"Takk for god hjelp i går forresten": bot.SmallTalkThanks,
	"Takk, det var alt":                  bot.SmallTalkThanksGoodbye,
}

// TestSmallTalkTakesNoQuestion runs the recogniser over every message of
// the tuning sets: it must take none of the questions, and only the
// messages that are small talk themselves.
func TestSmallTalkTakesNoQuestion(t *testing.T) {
	for _, path := range smallTalkTuneSets {
		texts := readSetTexts(t, path)
		taken := 0
		for _, text := range texts {
			k := bot.RecognizeSmallTalk(text)
			if k != bot.SmallTalkNone {
				taken++
			}
			if k != setSmallTalk[text] {
				t.Errorf("%s: %q taken as %q, want %q", filepath.Base(path), text, k, setSmallTalk[text])
			}
		}
		t.Logf("%s: %d messages, %d taken as small talk (all small talk themselves, no question)", filepath.Base(path), len(texts), taken)
	}
	// Held out: the count only.
	for _, path := range smallTalkHeldOutSets {
		texts := readSetTexts(t, path)
		taken := 0
		for _, text := range texts {
			if bot.RecognizeSmallTalk(text) != bot.SmallTalkNone {
				taken++
			}
		}
		t.Logf("%s (held out): %d of %d taken as small talk", filepath.Base(path), taken, len(texts))
	}
}

// readSetTexts reads the messages of a blind set: the "text" column of a
// TSV file, or every message of a JSON conversation file.
func readSetTexts(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(path, ".json") {
		var convs []struct {
			Messages []struct{ Text string } `json:"messages"`
		}
		if err := json.NewDecoder(f).Decode(&convs); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range convs {
			for _, m := range c.Messages {
				out = append(out, m.Text)
			}
		}
		return out
	}
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range head {
		if h == "text" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no text column in %v", path, head)
	}
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if col < len(rec) {
			out = append(out, rec[col])
		}
	}
}

// TestSmallTalkRealText counts what the recogniser takes from real text
// nobody tuned on: NorQuAD's questions, the UD Bokmål and Nynorsk
// sentences and NoReC's review sentences (evaluation only). It needs the
// shared data directory:
//
//	LOS_REALTEXT_DIR=/work/shared/data go test ./bot -run SmallTalkRealText -v
func TestSmallTalkRealText(t *testing.T) {
	dir := os.Getenv("LOS_REALTEXT_DIR")
	if dir == "" {
		t.Skip("LOS_REALTEXT_DIR is not set")
	}
	count := func(name string, texts []string) {
		var taken []string
		for _, s := range texts {
			if bot.RecognizeSmallTalk(s) != bot.SmallTalkNone {
				taken = append(taken, s)
			}
		}
		t.Logf("%s: %d of %d taken as small talk %q", name, len(taken), len(texts), taken)
	}
	var norquad struct {
		Data []struct {
			Paragraphs []struct {
				QAs []struct{ Question string } `json:"qas"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	readJSON(t, filepath.Join(dir, "norquad/validation_dataset_flattened.json"), &norquad)
	var questions []string
	for _, d := range norquad.Data {
		for _, p := range d.Paragraphs {
			for _, q := range p.QAs {
				questions = append(questions, q.Question)
			}
		}
	}
	count("NorQuAD questions", questions)
	for _, l := range []string{"nb", "nn"} {
		b, err := os.ReadFile(filepath.Join(dir, "ud", l+".dev.txt"))
		if err != nil {
			t.Fatal(err)
		}
		count("UD "+l+" sentences", strings.Split(strings.TrimSpace(string(b)), "\n"))
	}
	var norec []struct{ Text string }
	readJSON(t, filepath.Join(dir, "norec_sentence/dev.json"), &norec)
	texts := make([]string, len(norec))
	for i, s := range norec {
		texts[i] = s.Text
	}
	count("NoReC sentences", texts)
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
