package los

// Standard is a written standard, as a BCP 47 code. Package lang tells
// them apart in text.
type Standard string

// The written standards Los speaks.
const (
	Bokmal  Standard = "nb"
	Nynorsk Standard = "nn"
	English Standard = "en"
)

// Standards lists the written standards, Bokmål (the reference) first.
var Standards = []Standard{Bokmal, Nynorsk, English}
