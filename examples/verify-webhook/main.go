// Command verify-webhook is an example receiver for Los's webhooks. It
// checks each delivery's X-Los-Signature and prints the event.
//
//	LOS_WEBHOOK_SECRET=whsec_... go run ./examples/verify-webhook -addr 127.0.0.1:9000
//
// It uses the standard library only, so it can be copied into any
// program: verify is all a receiver needs.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// tolerance is how old (or how far ahead) a delivery's timestamp may be:
// older signed requests are refused, so a captured one cannot be replayed
// later.
const tolerance = 5 * time.Minute

// verify checks header, "t=<unix seconds>,v1=<hex HMAC-SHA256>", against
// the raw body: the HMAC is over "<t>.<body>" with the secret.
func verify(secret, header string, body []byte, now time.Time) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errors.New("malformed signature header")
	}
	if age := now.Sub(time.Unix(sec, 0)); age > tolerance || age < -tolerance {
		return errors.New("timestamp too old or in the future")
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range sigs {
		got, err := hex.DecodeString(s)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return errors.New("signature does not match")
}

func handler(secret string, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if err := verify(secret, r.Header.Get("X-Los-Signature"), body, time.Now()); err != nil {
			logger.Printf("refused: %v", err)
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		logger.Printf("%s %s", r.Header.Get("X-Los-Event"), body)
		w.WriteHeader(http.StatusNoContent)
	})
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9000", "address to listen on")
	flag.Parse()
	secret := os.Getenv("LOS_WEBHOOK_SECRET")
	if secret == "" {
		log.Fatal("set LOS_WEBHOOK_SECRET to the secret Los returned when the webhook was created")
	}
	logger := log.New(os.Stdout, "", log.LstdFlags)
	logger.Printf("listening on http://%s/", *addr)
	log.Fatal(http.ListenAndServe(*addr, handler(secret, logger)))
}
