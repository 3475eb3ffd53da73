package web

import (
	"testing"

	"github.com/los-bot/los"
)

func TestOpenStream(t *testing.T) {
	s := New(Config{})
	var releases []func()
	for i := range 3 {
		r, err := s.OpenStream("inbox:1", 3)
		if err != nil {
			t.Fatalf("stream %d: %v", i+1, err)
		}
		releases = append(releases, r)
	}
	if _, err := s.OpenStream("inbox:1", 3); los.ErrorCode(err) != los.ELIMIT || los.ErrorKey(err) != "error.too_many_streams" {
		t.Fatalf("fourth stream: err = %v, want rate_limited", err)
	}
	if r, err := s.OpenStream("inbox:2", 3); err != nil {
		t.Errorf("another agent: %v", err)
	} else {
		r()
	}
	releases[0]()
	releases[0]() // twice is once
	r, err := s.OpenStream("inbox:1", 3)
	if err != nil {
		t.Fatalf("after one closed: %v", err)
	}
	if _, err := s.OpenStream("inbox:1", 3); los.ErrorCode(err) != los.ELIMIT {
		t.Errorf("a double release freed two places: err = %v", err)
	}
	r()
}
