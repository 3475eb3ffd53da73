package redact_test

import (
	"fmt"

	"github.com/los-bot/los/redact"
)

func ExampleRedactor_Redact() {
	set, err := redact.ParseKinds("fnr,dnr,account,card,phone,email")
	if err != nil {
		panic(err)
	}
	r := redact.New(set.Kinds()...)
	out, findings := r.Redact("Konto 1234.56.78903, ring +47 912 34 567 eller skriv til kari@example.no.")
	fmt.Println(out)
	for _, f := range findings {
		fmt.Println(f.Kind, f.Start, f.End)
	}
	// Output:
	// Konto [kontonummer], ring [telefonnummer] eller skriv til [e-post].
	// account 6 19
	// phone 26 40
	// email 57 72
}
