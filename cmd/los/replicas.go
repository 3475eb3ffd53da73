package main

import (
	"context"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/replica"
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

// loginFailures is where failed sign-ins are counted across replicas: the
// database on PostgreSQL; nil (each process counts) on SQLite.
func (a *app) loginFailures() auth.SharedFailures {
	if !a.cfg.Postgres() {
		return nil
	}
	return a.db
}
