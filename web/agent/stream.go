package agent

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// streamPing is how often an idle inbox stream sends a comment, which
// keeps proxies from closing it and moves the write deadline on.
const streamPing = 20 * time.Second

// stream is the live inbox as server-sent events: "queue" with the whole
// queue and the service's state, at once (and again should the stream
// fall behind); then, as they happen, "items" with the queue's entries
// that changed and the conversations that left it, "status" when the
// service's state changed, "conversation" with the ID of a queued
// conversation that changed (a message, a note, its status), "typing"
// when a customer types in a queued conversation, and "callbacks" when
// the call-back list changed. The events come from the desk's feed,
// encoded once for every open inbox; nothing polls.
func (d *desk) stream(c echo.Context) error {
	done, err := d.web.OpenStream(fmt.Sprintf("inbox:%d", web.UserFrom(c).ID), web.MaxInboxStreams)
	if err != nil {
		return err
	}
	defer done()
	m := d.feed.join(c.Request().Context())
	defer d.feed.leave(m)
	release := d.staffing.presence.connect(web.UserFrom(c).ID, d.web.Now())
	defer func() {
		release(d.web.Now())
		d.hub.Publish(hub.QueueChanged()) // the count of agents online changed
	}()
	d.hub.Publish(hub.QueueChanged())
	closing := d.web.ShuttingDown(c)

	es := web.StartEventStream(c, streamPing+10*time.Second)
	sendQueue := func() error {
		q, err := d.snapshot(c)
		if err != nil {
			return err
		}
		return es.Send("queue", q)
	}
	if err := es.Write("retry: 3000\n\n"); err != nil {
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
			err = es.Write(": ping\n\n")
		case ev := <-m.events:
			if m.stale.Swap(false) {
				// Fell behind: what is buffered is superseded by the
				// whole queue.
				for len(m.events) > 0 {
					<-m.events
				}
				err = sendQueue()
			} else {
				err = es.WriteRaw(ev)
			}
		}
		if err != nil {
			d.web.Log().Debug("inbox stream ended", "err", err)
			return nil
		}
	}
}
