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
}
