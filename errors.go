package los

import (
	"errors"
	"fmt"
)

// Code classifies an application error, so that each adapter (HTTP, CLI)
// can map it to its own terms without string matching.
type Code string

// The error codes.
const (
	ECONFLICT Code = "conflict"
	EINTERNAL Code = "internal"
	EINVALID  Code = "invalid"   // well-formed but unacceptable input
	EMALFORM  Code = "malformed" // input that cannot be parsed
	ETOOLARGE Code = "too_large"
	ENOTFOUND Code = "not_found"
	EAUTH     Code = "unauthorized"
	EFORBID   Code = "forbidden"
	ELIMIT    Code = "rate_limited"
	// EUNAVAILABLE: a part the request needs cannot serve now (every model
	// server is busy, the chat model is not there, Apertium is not
	// installed); trying later may work once it is back.
	EUNAVAILABLE Code = "unavailable"
)

// Error is an application error whose Message may be shown to the person
// who caused it. Key, when set, names a locale key with the customer-facing
// wording, so adapters can show it in the customer's written standard.
type Error struct {
	Code    Code
	Message string
	Key     string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or EINTERNAL if err is not an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err, or a generic one if err is
// internal: internal details are for the log, never for users.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorKey returns the locale key of err's customer-facing wording, or ""
// when err has none (internal errors among them).
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
