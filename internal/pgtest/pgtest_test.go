package pgtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestStartServesSupportedVersion(t *testing.T) {
	c := Start(t)
	major, err := strconv.Atoi(strings.SplitN(c.Version, ".", 2)[0])
	if err != nil || major < 13 {
		t.Fatalf("version %q: want 13 or later (DROP DATABASE ... WITH (FORCE))", c.Version)
	}
	if Start(t) != c {
		t.Error("a second Start gave another cluster")
	}
}

func TestQueryRoundTrip(t *testing.T) {
	t.Parallel()
	conn := connect(t, NewDatabase(t))
	ctx := context.Background()
	if _, err := conn.Exec(ctx, `CREATE TABLE article (id bigserial PRIMARY KEY, title text NOT NULL, body bytea, at timestamptz NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600))
	var id int64
	err := conn.QueryRow(ctx, `INSERT INTO article (title, body, at) VALUES ($1, $2, $3) RETURNING id`,
		"Kva kostar straumen på Røros?", []byte{0, 1, 255}, at).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	var title, upper, shown string
	var body []byte
	var got time.Time
	err = conn.QueryRow(ctx, `SELECT title, upper(title), body, at, at::text FROM article WHERE id = $1`, id).
		Scan(&title, &upper, &body, &got, &shown)
	if err != nil {
		t.Fatal(err)
	}
	if title != "Kva kostar straumen på Røros?" || upper != "KVA KOSTAR STRAUMEN PÅ RØROS?" {
		t.Errorf("title %q, upper %q: want the text back and upper() to know å and ø", title, upper)
	}
	if string(body) != "\x00\x01\xff" || !got.Equal(at) {
		t.Errorf("body %v, at %v: want [0 1 255], %v", body, got, at)
	}
	if shown != "2026-03-01 11:30:00+00" {
		t.Errorf("at::text = %q: want the cluster to show UTC", shown)
	}
}

func TestDatabasesAreIsolated(t *testing.T) {
	t.Parallel()
	a, b := connect(t, NewDatabase(t)), connect(t, NewDatabase(t))
	ctx := context.Background()
	if _, err := a.Exec(ctx, `CREATE TABLE only_in_a (x int); INSERT INTO only_in_a VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	var exists bool
	if err := b.QueryRow(ctx, `SELECT to_regclass('only_in_a') IS NOT NULL`).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Error("a table created in one test database is visible in another")
	}
}

func TestParallelTestsGetTheirOwnDatabase(t *testing.T) {
	names := make(chan string, 2)
	t.Run("group", func(t *testing.T) {
		for i := range 2 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				conn := connect(t, NewDatabase(t))
				ctx := context.Background()
				// Same table name in both: would collide in a shared database.
				if _, err := conn.Exec(ctx, `CREATE TABLE item (who int)`); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.Exec(ctx, `INSERT INTO item VALUES ($1)`, i); err != nil {
					t.Fatal(err)
				}
				var n, who int
				var db string
				if err := conn.QueryRow(ctx, `SELECT count(*), min(who), current_database() FROM item`).Scan(&n, &who, &db); err != nil {
					t.Fatal(err)
				}
				if n != 1 || who != i {
					t.Errorf("database %s holds %d rows, first %d; want only this test's row %d", db, n, who, i)
				}
				names <- db
			})
		}
	})
	close(names)
	seen := map[string]bool{}
	for db := range names {
		if seen[db] || !strings.HasPrefix(db, "t_testparalleltestsgettheirowndatabase_group_") {
			t.Errorf("database %q: want a distinct name after the test", db)
		}
		seen[db] = true
	}
	if len(seen) != 2 {
		t.Errorf("got databases %v, want 2", seen)
	}
}

func TestDatabaseDroppedAtCleanup(t *testing.T) {
	c := Start(t)
	var name string
	t.Run("inner", func(t *testing.T) {
		conn := connect(t, c.NewDatabase(t))
		if err := conn.QueryRow(context.Background(), `SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		// A second connection that the test never closes: the drop must end it.
		leaked, err := pgx.Connect(context.Background(), c.URL(name))
		if err != nil {
			t.Fatal(err)
		}
		_ = leaked
	})
	var n int
	if err := c.admin.QueryRow(context.Background(), `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if name == "" || n != 0 {
		t.Errorf("database %q: %d left after the test's cleanup, want 0", name, n)
	}
}
