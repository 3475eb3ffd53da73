package pgtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewestDebianVersion(t *testing.T) {
	root := t.TempDir()
	server := func(ver string, names ...string) {
		dir := filepath.Join(root, ver, "bin")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), nil, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	server("9.6", "initdb", "postgres")
	server("10", "initdb", "postgres")
	server("15", "initdb", "postgres")
	server("16", "initdb")                 // client only: no server
	server("17beta", "initdb", "postgres") // not a version
	if got, want := newestDebian(root), filepath.Join(root, "15", "bin"); got != want {
		t.Errorf("newestDebian = %q, want %q", got, want)
	}
	if got := newestDebian(filepath.Join(root, "missing")); got != "" {
		t.Errorf("newestDebian of a missing directory = %q, want empty", got)
	}
}

func TestDBName(t *testing.T) {
	long := "TestStore/" + strings.Repeat("Very long subtest name ", 5)
	tests := []struct {
		test string
		seq  int64
		want string
	}{
		{"TestQueryRoundTrip", 1, "t_testqueryroundtrip_1"},
		{"TestStore/SaveArticle_nynorsk#01", 12, "t_teststore_savearticle_nynorsk_01_12"},
		{"TestÆøå/Ærlig talt", 3, "t_test_rlig_talt_3"},
		{long, 123, "t_teststore_very_long_subtest_name_very_long_subtest_name_v_123"},
	}
	for _, tt := range tests {
		got := dbName(tt.test, tt.seq)
		if got != tt.want {
			t.Errorf("dbName(%q, %d) = %q, want %q", tt.test, tt.seq, got, tt.want)
		}
		if len(got) > 63 {
			t.Errorf("dbName(%q) is %d bytes, over PostgreSQL's 63", tt.test, len(got))
		}
	}
}
