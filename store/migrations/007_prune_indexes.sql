-- Migration 7 adds the indexes the retention job prunes the webhook
-- delivery log and the events outbox by: finished deliveries by when they
-- last changed, deliveries by event, events by age.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries(status, updated);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
CREATE INDEX events_created ON events(created);
