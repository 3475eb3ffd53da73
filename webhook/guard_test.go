package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/webhook"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		ip   string
		want string // "" for public
	}{
		{"loopback", "127.0.0.1", "a loopback address"},
		{"loopback range", "127.255.255.254", "a loopback address"},
		{"loopback v6", "::1", "a loopback address"},
		{"loopback mapped", "::ffff:127.0.0.1", "a loopback address"},
		{"rfc1918 10", "10.0.0.1", "a private address"},
		{"rfc1918 172.16", "172.16.0.1", "a private address"},
		{"rfc1918 172.31", "172.31.255.255", "a private address"},
		{"rfc1918 192.168", "192.168.1.1", "a private address"},
		{"private mapped", "::ffff:10.0.0.1", "a private address"},
		{"unique local", "fd12:3456::1", "a private address"},
		{"unique local fc", "fc00::1", "a private address"},
		{"metadata", "169.254.169.254", "a link-local address (the cloud metadata service)"},
		{"metadata via nat64", "64:ff9b::a9fe:a9fe", "a link-local address (the cloud metadata service)"},
		{"link-local", "169.254.1.1", "a link-local address"},
		{"link-local v6", "fe80::1", "a link-local address"},
		{"link-local v6 with zone", "fe80::1%eth0", "a link-local address"},
		{"unspecified", "0.0.0.0", "an unspecified address"},
		{"this network", "0.1.2.3", "an unspecified address"},
		{"unspecified v6", "::", "an unspecified address"},
		{"multicast", "224.0.0.1", "a multicast address"},
		{"multicast v6", "ff02::1", "a multicast address"},
		{"broadcast", "255.255.255.255", "a broadcast address"},
		{"cgnat low", "100.64.0.1", "a shared (CGNAT) address"},
		{"cgnat high", "100.127.255.255", "a shared (CGNAT) address"},
		{"private via local-use nat64", "64:ff9b:1::a00:1", "a private address"},
		{"loopback via 6to4", "2002:7f00:1::1", "a loopback address"},
		{"private via 6to4", "2002:c0a8:101::1", "a private address"},
		{"benchmarking", "198.18.0.1", "a reserved (benchmarking) address"},
		{"ietf protocol", "192.0.0.170", "a reserved (IETF protocol) address"},
		{"reserved class e", "240.0.0.1", "a reserved address"},
		{"public via 6to4", "2002:0808:0808::1", ""},
		{"just above benchmarking", "198.20.0.1", ""},
		{"public dns", "8.8.8.8", ""},
		{"public norway", "193.90.0.1", ""},
		{"just above rfc1918 172", "172.32.0.1", ""},
		{"just below cgnat", "100.63.255.255", ""},
		{"just above cgnat", "100.128.0.1", ""},
		{"public v6", "2001:4860:4860::8888", ""},
		{"public via nat64", "64:ff9b::808:808", ""},
		{"public mapped", "::ffff:1.1.1.1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := webhook.Classify(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("Classify(%s) = %q, want %q", tt.ip, got, tt.want)
			}
		})
	}
}

// fakeResolver answers every lookup with its addresses, or its error.
type fakeResolver struct {
	addrs []string
	err   error
}

func (f fakeResolver) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range f.addrs {
		out = append(out, netip.MustParseAddr(a))
	}
	return out, f.err
}

func TestGuardCheck(t *testing.T) {
	public := fakeResolver{addrs: []string{"193.90.0.1", "2a02:c0::1"}}
	tests := []struct {
		name  string
		guard webhook.Guard
		url   string
		want  string // part of the error; "" for accepted
	}{
		{"loopback", webhook.Guard{}, "http://127.0.0.1:8080/hook", "webhook URL resolves to 127.0.0.1, a loopback address; set LOS_WEBHOOK_ALLOW_PRIVATE=true to allow internal destinations"},
		{"private", webhook.Guard{}, "https://10.0.0.1/los", "10.0.0.1, a private address"},
		{"metadata", webhook.Guard{}, "http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address (the cloud metadata service)"},
		{"loopback v6", webhook.Guard{}, "http://[::1]:9000/", "::1, a loopback address"},
		{"mapped v6", webhook.Guard{}, "http://[::ffff:7f00:1]/", "127.0.0.1, a loopback address"},
		{"cgnat", webhook.Guard{}, "http://100.64.1.2/", "a shared (CGNAT) address"},
		{"localhost", webhook.Guard{}, "http://localhost:8080/", "host localhost resolves to 127.0.0.1, a loopback address"},
		{"localhost subdomain", webhook.Guard{}, "http://crm.LOCALHOST/", "a loopback address"},
		{"name of a private address", webhook.Guard{Resolver: fakeResolver{addrs: []string{"193.90.0.1", "192.168.0.10"}}},
			"https://crm.example.no/los", "host crm.example.no resolves to 192.168.0.10, a private address"},
		{"public name", webhook.Guard{Resolver: public}, "https://crm.example.no/los", ""},
		{"public address", webhook.Guard{}, "https://193.90.0.1/los", ""},
		{"name that does not resolve yet", webhook.Guard{Resolver: fakeResolver{err: errors.New("no such host")}}, "https://ny.example.no/", ""},
		{"allowed loopback", webhook.Guard{AllowPrivate: true}, "http://127.0.0.1:8080/hook", ""},
		{"allowed metadata", webhook.Guard{AllowPrivate: true}, "http://169.254.169.254/", ""},
		{"allowed still checks the scheme", webhook.Guard{AllowPrivate: true}, "ftp://127.0.0.1/", "not an http or https URL"},
		// IPv4 in the forms C libraries accept but a.b.c.d checks miss
		// (the audit saved 127.1, 2130706433 and 0).
		{"short form", webhook.Guard{Resolver: public}, "http://127.1/", "127.1 is the address 127.0.0.1 written in a non-standard form"},
		{"one number", webhook.Guard{Resolver: public}, "http://2130706433/", "2130706433 is the address 127.0.0.1 written"},
		{"zero", webhook.Guard{Resolver: public}, "http://0:8080/", "host 0 is the address 0.0.0.0 written"},
		{"hex", webhook.Guard{Resolver: public}, "http://0x7f.1/", "is the address 127.0.0.1 written"},
		{"octal", webhook.Guard{Resolver: public}, "http://0177.0.0.1/", "is the address 127.0.0.1 written"},
		{"trailing dot", webhook.Guard{Resolver: public}, "http://127.0.0.1./", "is the address 127.0.0.1 written"},
		{"public, short", webhook.Guard{Resolver: public}, "http://193.90.1/", "non-standard form"},
		{"even when private is allowed", webhook.Guard{AllowPrivate: true}, "http://127.1/", "non-standard form"},
		{"digits in a name", webhook.Guard{Resolver: public}, "https://1.example.no/", ""},
		{"numeric label, name TLD", webhook.Guard{Resolver: public}, "https://10.0.0.1.nip.example/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.guard.Check(context.Background(), tt.url)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Check(%s) = %v, want accepted", tt.url, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Check(%s) = %v, want an error containing %q", tt.url, err, tt.want)
			case tt.want != "" && strings.Contains(tt.want, "address") && !errors.Is(err, webhook.ErrInternal):
				t.Fatalf("Check(%s) = %v, not ErrInternal", tt.url, err)
			}
		})
	}
}

// waitingResolver keeps the deadline it was given and answers nothing.
type waitingResolver struct{ deadline *time.Time }

func (w waitingResolver) LookupNetIP(ctx context.Context, _, _ string) ([]netip.Addr, error) {
	d, ok := ctx.Deadline()
	if !ok {
		return nil, errors.New("no deadline")
	}
	*w.deadline = d
	return nil, context.DeadlineExceeded
}

// TestGuardLookupIsBounded: saving a webhook waits at most a second on
// DNS (the audit waited 5 s with DNS down); a name that does not resolve
// in time is accepted, and every connection is checked anyway.
func TestGuardLookupIsBounded(t *testing.T) {
	var deadline time.Time
	if err := (webhook.Guard{Resolver: waitingResolver{&deadline}}).Check(context.Background(), "https://crm.example.no/"); err != nil {
		t.Fatalf("a name DNS does not answer for: %v, want accepted", err)
	}
	if latest := time.Now().Add(time.Second); deadline.IsZero() || deadline.After(latest) {
		t.Errorf("lookup deadline %v, want at most a second from the call", deadline)
	}
}

// TestWorkerRefusesInternalAtDial saves webhooks as an operator with
// LOS_WEBHOOK_ALLOW_PRIVATE would (straight into the store), then delivers
// with the default guard: the connection is refused by the address dialled,
// whether the URL names it or a host name resolves to it (localhost, from
// /etc/hosts: no DNS needed). With the guard off the same delivery goes
// through, so the refusal was the guard's.
func TestWorkerRefusesInternalAtDial(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusNoContent)
	srv, got := receiver(t, &status)
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, url := range []string{srv.URL + "/hook", "http://localhost" + port + "/hook"} {
		t.Run(url, func(t *testing.T) {
			db, w := setup(t, url)
			ctx := context.Background()
			wk := webhook.NewWorker(db, nil)
			if err := wk.Step(ctx); err != nil {
				t.Fatal(err)
			}
			select {
			case r := <-got:
				t.Fatalf("the guard let a delivery through: %s", r.body)
			default:
			}
			ds, _ := db.Deliveries(ctx, w.ID, 10)
			if len(ds) != 1 || ds[0].Status != los.DeliveryPending || ds[0].Attempts != 1 ||
				!strings.Contains(ds[0].LastError, "refused to connect to") || !strings.Contains(ds[0].LastError, "a loopback address") {
				t.Fatalf("deliveries = %+v", ds)
			}

			allowLocal(wk)
			wk.Now = func() time.Time { return *ds[0].NextAttempt }
			if err := wk.Step(ctx); err != nil {
				t.Fatal(err)
			}
			<-got
			ds, _ = db.Deliveries(ctx, w.ID, 10)
			if ds[0].Status != los.DeliveryDelivered {
				t.Fatalf("with internal destinations allowed: %+v", ds[0])
			}
		})
	}
}

// TestWorkerDoesNotFollowRedirects checks that a redirect, which could
// point anywhere, counts as a failed attempt and is not followed.
func TestWorkerDoesNotFollowRedirects(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusNoContent)
	target, reached := receiver(t, &status)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)
	db, w := setup(t, redirect.URL)
	wk := allowLocal(webhook.NewWorker(db, nil))
	if err := wk.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-reached:
		t.Fatal("the redirect was followed")
	default:
	}
	ds, _ := db.Deliveries(context.Background(), w.ID, 10)
	if ds[0].Status != los.DeliveryPending || ds[0].LastStatus != http.StatusTemporaryRedirect || ds[0].Attempts != 1 {
		t.Fatalf("delivery = %+v", ds[0])
	}
}
