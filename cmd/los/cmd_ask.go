package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/los-bot/los"
)

// askJSON is the contract of `los ask --json`.
type askJSON struct {
	Answer    string       `json:"answer"`
	Action    los.Action   `json:"action"`
	Category  los.Category `json:"category"`
	Citations []string     `json:"citations"`
	Mode      los.Mode     `json:"mode"`
	// Lang is the written standard of the reply.
	Lang los.Standard `json:"lang"`
}

func cmdAsk(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := e.parse("ask", &fs, 1, `"spørsmål"`); err != nil {
		return err
	}
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, readIndex("ask"))
	if err != nil {
		return err
	}
	defer a.Close()

	var streamed strings.Builder
	req := los.TurnRequest{Text: strings.Join(e.args, " ")}
	if !*asJSON {
		req.OnToken = func(tok string) {
			streamed.WriteString(tok)
			fmt.Fprint(e.stdout, tok)
		}
	}
	res, err := a.newBot(nil).Turn(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(askJSON{Answer: res.Answer, Action: res.Action, Category: res.Category, Citations: res.Citations, Mode: res.Mode, Lang: res.Lang})
	}
	switch {
	case streamed.String() == res.Answer:
		fmt.Fprintln(e.stdout)
	case streamed.Len() > 0:
		// A generation broke off; the answer that replaced it follows.
		fmt.Fprintln(e.stdout, "\n---")
		fmt.Fprintln(e.stdout, res.Answer)
	default:
		fmt.Fprintln(e.stdout, res.Answer)
	}
	for i, slug := range res.Citations {
		fmt.Fprintf(e.stdout, "[%d] /artikler/%s\n", i+1, slug)
	}
	if res.Action != los.ActionAnswer {
		fmt.Fprintf(e.stdout, "(%s: %s)\n", res.Action, res.Category)
	}
	return nil
}
