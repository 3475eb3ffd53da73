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

// Period selects the conversations a report covers: those started in
// [From, To), in written standard Lang ("" for all). Days are counted in
// Zone (nil: UTC).
type Period struct {
	From, To time.Time
	Lang     Standard
	Zone     *time.Location
}

// Report holds the analytics figures of a period. Rates are fractions
// (0 to 1); a rate with nothing to divide by is 0.
type Report struct {
	Period        Period
	Conversations int            // conversations in which the customer wrote
	Outcomes      map[string]int // by outcome
	// ResolutionRate is resolved / conversations; HandoffRate is (handed
	// over + called back) / conversations.
	ResolutionRate float64
	HandoffRate    float64
	Handoffs       []HandoffFigure
	CSAT           []CSATFigure // "bot" (no human took part) and "human"
	Articles       []ArticleFigure
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
	CSATAnswers   int
	CSATAverage   float64
}

// ResolutionRate is the day's share of conversations the bot resolved.
func (d Day) ResolutionRate() float64 { return ratio(d.Outcomes[OutcomeResolved], d.Conversations) }

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
