package apertium

import (
	"errors"
	"time"
)

// watchIdle stops idle pipelines until Close, looking a few times per
// idle period.
func (t *Translator) watchIdle() {
	tick := time.NewTicker(max(t.idle/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case now := <-tick.C:
			_, _ = t.stopIdle(now)
		}
	}
}

// stopIdle stops every pipeline that is running, not translating, and
// was last used before now minus the idle period, and says how many it
// stopped.
func (t *Translator) stopIdle(now time.Time) (int, error) {
	var errs []error
	n := 0
	for _, d := range t.dirs {
		select {
		case d.slot <- struct{}{}: // no call under way, none starts meanwhile
		default:
			continue
		}
		d.mu.Lock()
		p := d.p
		if p != nil && now.Sub(d.used) >= t.idle {
			d.p = nil
		} else {
			p = nil
		}
		d.mu.Unlock()
		if p != nil {
			errs = append(errs, p.close(2*time.Second))
			n++
		}
		<-d.slot
	}
	return n, errors.Join(errs...)
}
