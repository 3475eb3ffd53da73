package eval

import (
	"path/filepath"
	"strings"
)

// The blind answer sets (eval/testdata/blind, see its README), written by
// people who never saw the code or the older sets, and split by a hash
// of each id. Paths are relative to the repository root.
//
// The tuning parts may be read, tuned on and have their failures shown.
// The held-out parts are measured a few times, in aggregate only: their
// failures are never shown (see HeldOut) and nothing is tuned on them.
const (
	AnswersTune          = "eval/testdata/blind/answers_single.tune.tsv"
	ConversationsTune    = "eval/testdata/blind/answers_conversations.tune.json"
	AnswersHeldOut       = "eval/testdata/blind/answers_single.heldout.tsv"
	ConversationsHeldOut = "eval/testdata/blind/answers_conversations.heldout.json"
)

// AnswersTuneSets are every tuning set of single questions: the first
// set's tuning part, the second fresh set (held out while it was new,
// tuned on since the third came), and the third's tuning part. The
// relevance threshold is chosen on all of them.
var AnswersTuneSets = []string{
	AnswersTune,
	"eval/testdata/blind/answers_single.fresh2.tsv",
	"eval/testdata/blind/answers_single.fresh3.tune.tsv",
}

// HeldOut reports whether the file at path is a held-out set, whose
// single failures must not be shown: any file whose name says
// "heldout" or "held-out", wherever it lies.
func HeldOut(path string) bool {
	name := strings.ToLower(filepath.Base(path))
	return strings.Contains(name, "heldout") || strings.Contains(name, "held-out") || strings.Contains(name, "held_out")
}
