package agent

import (
	"fmt"
	"maps"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// streamPing is how often an idle inbox stream sends a comment, which
// keeps proxies from closing it and moves the write deadline on.
const streamPing = 20 * time.Second

// stream is the live inbox as server-sent events: "queue" with the whole
// queue (at once, then on every change), "conversation" with the ID of a
// queued conversation that changed (new message, status), and "callbacks"
// when the call-back list changed. Changes are pushed by the handlers and
// the bot through the hub; nothing polls.
func (d *desk) stream(c echo.Context) error {
	done, err := d.web.OpenStream(fmt.Sprintf("inbox:%d", web.UserFrom(c).ID), web.MaxInboxStreams)
	if err != nil {
		return err
	}
	defer done()
	sub := d.hub.Subscribe()
	defer d.hub.Unsubscribe(sub)
	release := d.staffing.presence.connect(web.UserFrom(c).ID, d.web.Now())
	defer func() {
		release(d.web.Now())
		d.hub.Publish(hub.QueueChanged()) // the count of agents online changed
	}()
	d.hub.Publish(hub.QueueChanged())
	closing := d.shutdown(c)

	es := web.StartEventStream(c, streamPing+10*time.Second)
	write, send := es.Write, es.Send
	queued := map[string]bool{}
	sendQueue := func() error {
		q, err := d.snapshot(c)
		if err != nil {
			return err
		}
		clear(queued)
		for _, it := range q.Items {
			queued[it.ConversationID] = true
		}
		return send("queue", q)
	}

	if err := write("retry: 3000\n\n"); err != nil {
		return nil
	}
	if err := sendQueue(); err != nil {
		d.web.Log().Warn("inbox stream", "err", err)
		return nil
	}
	ping := time.NewTicker(streamPing)
	defer ping.Stop()
	ctx := c.Request().Context()
	for {
		var err error
		select {
		case <-ctx.Done():
			return nil
		case <-closing:
			return nil
		case <-ping.C:
			err = write(": ping\n\n")
		case <-sub.Wake():
			err = d.sendChanges(sub.Take(), queued, sendQueue, send)
		}
		if err != nil {
			d.web.Log().Debug("inbox stream ended", "err", err)
			return nil
		}
	}
}

// sendChanges sends a batch of changes: the queue first, then the
// conversations that were or are queued, then call-backs.
func (d *desk) sendChanges(changes []hub.Change, queued map[string]bool, sendQueue func() error, send func(string, any) error) error {
	before := maps.Clone(queued)
	for _, ch := range changes {
		if ch.Kind == hub.Queue {
			if err := sendQueue(); err != nil {
				return err
			}
			break
		}
	}
	for _, ch := range changes {
		var err error
		switch {
		case ch.Kind == hub.Callbacks:
			err = send("callbacks", struct{}{})
		case ch.Kind == hub.Conversation && (queued[ch.ID] || before[ch.ID]):
			err = send("conversation", map[string]string{"id": ch.ID})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
