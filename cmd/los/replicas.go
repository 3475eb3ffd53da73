package main

import (
	"context"
	"os"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/replica"
	"github.com/los-bot/los/web/agent"
)

// changeHub is what the inboxes' changes go through: the hub, shared
// with the other replicas on PostgreSQL.
type changeHub interface {
	Publish(changes ...hub.Change)
	Subscribe() *hub.Subscriber
	SubscribeTo(conversation string) *hub.Subscriber
	Unsubscribe(s *hub.Subscriber)
}

// hub returns the hub open inboxes hear changes through. On PostgreSQL it
// is shared with the other replicas, and a.replica (started by serve)
// carries it and keeps the search index following the database.
func (a *app) hub(e *env) (changeHub, error) {
	local := hub.New()
	if !e.cfg.Postgres() {
		return local, nil
	}
	f, err := replica.NewFollower(context.Background(), a.db, a.index, e.log)
	if err != nil {
		return nil, err
	}
	h := replica.NewHub(local, a.db, e.log)
	a.replica = &replica.Replica{DSN: e.cfg.DatabaseURL, Hub: h, Follower: f, Log: e.log}
	return h, nil
}

// sharePresence makes staffing count the agents present on the other
// replicas too, through the database, under this replica's ID (the host's
// name and the hub's random origin); a.staffing (run by serve) writes this
// replica's. On SQLite it does nothing: one process counts in memory.
func (a *app) sharePresence(e *env, staffing *agent.Staffing, changes changeHub) {
	if a.replica == nil {
		return
	}
	host, _ := os.Hostname()
	staffing.Share(agent.Sharing{Store: a.db, Replica: host + "/" + a.replica.Hub.Origin(), Log: e.log,
		Changed: func() { changes.Publish(hub.QueueChanged()) }}) // inboxes show the new count
	a.staffing = staffing
}

// loginFailures is where failed sign-ins are counted across replicas: the
// database on PostgreSQL; nil (each process counts) on SQLite.
func (a *app) loginFailures() auth.SharedFailures {
	if !a.cfg.Postgres() {
		return nil
	}
	return a.db
}
