package los

// Category is the kind of sensitive case a message shows, as defined by the
// triage contract in PRODUCT.md. One message gets one category: the most
// severe that applies.
type Category string

// The triage categories.
const (
	CategoryNone              Category = "none"
	CategorySelfHarm          Category = "self_harm"
	CategoryViolence          Category = "violence"
	CategoryBereavement       Category = "bereavement"
	CategoryIllness           Category = "illness"
	CategoryFinancialHardship Category = "financial_hardship"
	CategoryFraudVictim       Category = "fraud_victim"
	CategoryDistress          Category = "distress"
	CategoryVulnerable        Category = "vulnerable"
	CategoryHumanRequest      Category = "human_request"
)

// Categories lists every category, most severe first. Ties in severity keep
// this order, which is the order used to pick one category per message.
var Categories = []Category{
	CategorySelfHarm,
	CategoryViolence,
	CategoryBereavement,
	CategoryIllness,
	CategoryFraudVictim,
	CategoryFinancialHardship,
	CategoryHumanRequest,
	CategoryDistress,
	CategoryVulnerable,
	CategoryNone,
}

// Valid reports whether c is one of the defined categories.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// Severity grades a category.
type Severity string

// The severities, from most to least severe.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityNone     Severity = "none"
)

// Rank orders severities: critical 3, high 2, medium 1, none 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityCritical:
		return 3
	case SeverityHigh:
		return 2
	case SeverityMedium:
		return 1
	}
	return 0
}

// Severity returns the fixed severity of a category.
func (c Category) Severity() Severity {
	switch c {
	case CategorySelfHarm, CategoryViolence:
		return SeverityCritical
	case CategoryBereavement, CategoryIllness, CategoryFinancialHardship,
		CategoryFraudVictim, CategoryHumanRequest:
		return SeverityHigh
	case CategoryDistress, CategoryVulnerable:
		return SeverityMedium
	}
	return SeverityNone
}

// Action is what the bot does with a turn.
type Action string

// The actions.
const (
	ActionAnswer       Action = "answer"
	ActionOfferHandoff Action = "offer_handoff"
	ActionHandoffNow   Action = "handoff_now"
)

// Policy maps a category to the action taken. It is configurable; categories
// missing from a policy fall back to DefaultPolicy.
type Policy map[Category]Action

// DefaultPolicy is the policy of the triage contract.
var DefaultPolicy = Policy{
	CategorySelfHarm:          ActionHandoffNow,
	CategoryViolence:          ActionHandoffNow,
	CategoryBereavement:       ActionHandoffNow,
	CategoryIllness:           ActionHandoffNow,
	CategoryFinancialHardship: ActionHandoffNow,
	CategoryFraudVictim:       ActionHandoffNow,
	CategoryDistress:          ActionOfferHandoff,
	CategoryVulnerable:        ActionOfferHandoff,
	CategoryHumanRequest:      ActionHandoffNow,
	CategoryNone:              ActionAnswer,
}

// Action returns the action for category c.
func (p Policy) Action(c Category) Action {
	if a, ok := p[c]; ok {
		return a
	}
	if a, ok := DefaultPolicy[c]; ok {
		return a
	}
	return ActionAnswer
}

// Triage is the structured decision about one message. It is computed by
// code (rules, lexicons, conversation signals, optionally a model's second
// opinion), never parsed out of free model text.
type Triage struct {
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
	Action   Action   `json:"action"`
	// Signals names what fired, for agents and the audit trail, for example
	// "lexicon:self_harm:ta livet mitt" or "conversation:repeated_question".
	Signals []string `json:"signals"`
	// Confidence is the rules' confidence in Category, from 0 to 1.
	Confidence float64 `json:"confidence"`
	// Evidence grades what Category rests on; Response is the graded
	// response (see Policy.Respond). Both are empty from a Triager that
	// does not grade its evidence.
	Evidence Evidence `json:"evidence,omitempty"`
	Response Response `json:"response,omitempty"`
}

// Evidence grades what a triage decision rests on.
type Evidence string

// The grades of evidence.
const (
	// EvidenceNone: nothing sensitive was found (category none).
	EvidenceNone Evidence = "none"
	// EvidenceWeak: the decision rests on the learned layer alone, on the
	// chat model's second opinion, or on single words that name nobody
	// ("liv", "mennesker"): something may be wrong.
	EvidenceWeak Evidence = "weak"
	// EvidenceClear: a phrase of the lexicons about the writer or someone
	// close to them ("jeg vil ikke leve lenger", "mor døde i natt"), or an
	// explicit request for a person.
	EvidenceClear Evidence = "clear"
)

// Response is the graded response to a decision: what the customer gets.
type Response string

// The graded responses.
const (
	ResponseAnswer Response = "answer" // answer the question
	ResponseOffer  Response = "offer"  // answer, then offer a human
	// ResponseCheckIn: something may be wrong. Answer the question, add one
	// warm line saying where to get help (the crisis line for self_harm and
	// violence), and offer a human; the action is offer_handoff.
	ResponseCheckIn Response = "check_in"
	ResponseHandoff Response = "handoff" // hand over now
	// ResponseCrisis: clearly in crisis. Hand over now and show the crisis
	// numbers at once, at any hour.
	ResponseCrisis Response = "crisis"
)

// Respond grades the policy's action for category c by the evidence e.
// On weak evidence a handoff_now becomes offer_handoff: a check-in for
// the critical and high categories that have a help line (all but
// human_request), a plain offer otherwise. Otherwise the policy's action
// stands, critical categories getting the crisis numbers. Evidence left
// empty (a Triager that does not grade it) counts as clear.
func (p Policy) Respond(c Category, e Evidence) (Action, Response) {
	a := p.Action(c)
	weak := e == EvidenceWeak
	switch {
	case a == ActionAnswer:
		return a, ResponseAnswer
	case a == ActionOfferHandoff:
		return a, ResponseOffer
	case weak && c.Severity().Rank() >= SeverityHigh.Rank() && c != CategoryHumanRequest:
		return ActionOfferHandoff, ResponseCheckIn
	case weak:
		return ActionOfferHandoff, ResponseOffer
	case c.Severity() == SeverityCritical:
		return a, ResponseCrisis
	}
	return a, ResponseHandoff
}
