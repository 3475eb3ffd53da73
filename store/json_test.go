package store

import (
	"strings"
	"testing"
)

func TestJSONColumn(t *testing.T) {
	var none []string
	if v, err := asJSON(&none).Value(); err != nil || v != "[]" {
		t.Errorf("nil slice stored as %v (%v), want []", v, err)
	}
	tags := []string{"faktura", "æøå"}
	v, err := asJSON(&tags).Value()
	if err != nil || v != `["faktura","æøå"]` {
		t.Errorf("stored as %v (%v)", v, err)
	}
	var back []string
	if err := asJSON(&back).Scan(v); err != nil || strings.Join(back, ",") != "faktura,æøå" {
		t.Errorf("read back %v (%v)", back, err)
	}
	if err := asJSON(&back).Scan([]byte(`["x"]`)); err != nil || len(back) != 1 || back[0] != "x" {
		t.Errorf("read bytes %v (%v)", back, err)
	}
	if err := asJSON(&back).Scan(nil); err != nil || back != nil {
		t.Errorf("read NULL as %v (%v), want nil", back, err)
	}
	// A broken column is an error, not an empty list.
	if err := asJSON(&back).Scan(`{"not": "a list"}`); err == nil {
		t.Error("read an object into a list without error")
	}
	if err := asJSON(&back).Scan(42); err == nil {
		t.Error("read an integer without error")
	}
	bad := map[string]any{"f": func() {}}
	if _, err := asJSON(&bad).Value(); err == nil {
		t.Error("stored an unmarshalable value without error")
	}
}
