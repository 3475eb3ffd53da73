-- Migration 23 shares the agents present in the inbox between replicas:
-- each replica keeps here the agents it counts as present (a live inbox
-- stream, or a request within the presence window), rewritten at every
-- heartbeat and when a stream opens or closes. last_seen (Unix ms) is the
-- agent's last request, or the heartbeat for an agent with a stream open,
-- so the rows of a replica that stopped expire with the window. user_id
-- is the account's ID (an API key's is negative): no foreign key.
CREATE TABLE agent_presence (
	replica   TEXT NOT NULL,
	user_id   INTEGER NOT NULL,
	last_seen INTEGER NOT NULL,
	streams   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (replica, user_id)
);
CREATE INDEX agent_presence_last_seen ON agent_presence (last_seen);
