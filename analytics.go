package los

import "time"

// The outcomes of a conversation, as the conversation_outcomes view gives
// them (see migration005).
const (
	OutcomeResolved   = "resolved"
	OutcomeHandedOver = "handed_over"
	OutcomeCalledBack = "called_back"
	OutcomeAbandoned  = "abandoned"
)

// OutcomeNames lists the outcomes in the order reports show them.
var OutcomeNames = []string{OutcomeResolved, OutcomeHandedOver, OutcomeCalledBack, OutcomeAbandoned}

// What became of a conversation's question, as far as anyone can tell.
// Reports show these side by side, so that silence is never counted as
// success. In the order they are decided:
//
//   - handed_over: a person took over (handed over, or a call-back asked
//     for); not the bot's to resolve;
//   - confirmed: the customer said it was resolved: a satisfaction score
//     of 4 or 5;
//   - not_resolved: a score of 1 or 2, a thumbs-down, the last question
//     went unanswered (no answer, an offer of a person, or no reply), or
//     the customer came back within ReturnWindow (a new conversation from
//     the same browser, whatever it asked);
//   - confirmed, too: a thumbs-up and none of the above;
//   - not_resolved, too: the bot never answered from the knowledge base
//     (small talk only, or nothing it could answer);
//   - assumed: none of the above, and ReturnWindow has passed since the
//     last message without the customer coming back;
//   - pending: as assumed, but ReturnWindow has not passed yet: too early
//     to say.
const (
	ResolutionHandedOver  = "handed_over"
	ResolutionConfirmed   = "confirmed"
	ResolutionAssumed     = "assumed"
	ResolutionPending     = "pending"
	ResolutionNotResolved = "not_resolved"
)

// ResolutionNames lists the resolutions in the order reports show them.
var ResolutionNames = []string{ResolutionConfirmed, ResolutionAssumed, ResolutionPending, ResolutionNotResolved, ResolutionHandedOver}

// ReturnWindow is how long after a conversation a new one from the same
// browser counts as the customer coming back, and how long a conversation
// must be quiet before it is assumed resolved.
const ReturnWindow = 7 * 24 * time.Hour

// Period selects the conversations a report covers: those started in
// [From, To), in written standard Lang ("" for all). Days are counted in
// Zone (nil: UTC).
type Period struct {
	From, To time.Time
	Lang     Standard
	Zone     *time.Location
	// Now decides which conversations are too recent to be assumed
	// resolved; zero: the store's clock.
	Now time.Time
}

// Report holds the analytics figures of a period. Rates are fractions
// (0 to 1); a rate with nothing to divide by is 0.
type Report struct {
	Period        Period
	Conversations int            // conversations in which the customer wrote
	Outcomes      map[string]int // by outcome
	// Resolution counts the conversations by what became of their
	// question (ResolutionNames); they add up to Conversations.
	Resolution map[string]int
	// HandoffRate is (handed over + called back) / conversations.
	HandoffRate float64
	Handoffs    []HandoffFigure
	CSAT        []CSATFigure // "bot" (no human took part) and "human"
	Articles    []ArticleFigure
	// BotAnswers counts bot replies that tried to answer (not handoff
	// notices); NoAnswers those among them with nothing to say.
	BotAnswers   int
	NoAnswers    int
	NoAnswerRate float64
	FirstToken   Latency // generated answers, milliseconds
	Waiting      Latency // handoff created → claimed by an agent, milliseconds
	Unclaimed    int     // handoffs no agent claimed
	Days         []Day
}

// HandoffFigure counts conversations handed over for one category and
// reason; Share is of all conversations.
type HandoffFigure struct {
	Category string
	Reason   string
	Count    int
	Share    float64
}

// CSATFigure sums up the CSAT answers of one group of conversations.
type CSATFigure struct {
	Group     string // "bot" or "human"
	Answers   int
	Average   float64
	Satisfied int // scores 4 and 5
}

// ArticleFigure counts the ratings of bot answers that cited an article.
type ArticleFigure struct {
	Slug  string
	Title string
	Up    int
	Down  int
}

// Latency sums up durations: how many, and their median and 90th
// percentile (nearest rank), in milliseconds.
type Latency struct {
	Count  int
	Median float64
	P90    float64
}

// Day holds one day's figures, for the trend charts.
type Day struct {
	Date          time.Time // midnight in the period's zone
	Conversations int
	Outcomes      map[string]int
	Resolution    map[string]int // by ResolutionNames
	CSATAnswers   int
	CSATAverage   float64
}

// Share is the day's share of conversations with resolution name.
func (d Day) Share(name string) float64 { return ratio(d.Resolution[name], d.Conversations) }

// Share is the period's share of conversations with resolution name.
func (r *Report) Share(name string) float64 { return ratio(r.Resolution[name], r.Conversations) }

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// maxDays bounds the days of a report.
const maxDays = 400

// CalendarDays returns the midnights, in zone, of the calendar days that
// [from, to) touches, at most maxDays of them. Days are counted on the
// calendar, not in 24-hour steps, so the days on which the clocks change
// (23 or 25 hours long) start at midnight like the others.
func CalendarDays(from, to time.Time, zone *time.Location) []time.Time {
	f := from.In(zone)
	var out []time.Time
	for d := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, zone); d.Before(to) && len(out) < maxDays; d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}
