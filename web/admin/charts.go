package admin

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/los-bot/los"
)

// Chart geometry, in SVG user units; the stylesheet scales the whole.
const (
	chartW, chartH = 600.0, 260.0
	padL, padR     = 48.0, 12.0
	padT, padB     = 12.0, 30.0
)

// chart is a trend chart rendered on the server as SVG: no script, no
// inline style (the CSP forbids both); colours come from classes.
type chart struct {
	Name   string
	Title  string
	SVG    template.HTML
	Legend []legendItem
}

type legendItem struct{ Class, Text string }

// svgWriter builds one chart's markup.
type svgWriter struct {
	sb   strings.Builder
	days []los.Day
}

func newSVG(title string, days []los.Day) *svgWriter {
	w := &svgWriter{days: days}
	fmt.Fprintf(&w.sb, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		chartW, chartH, html.EscapeString(title), html.EscapeString(title))
	return w
}

// x returns the centre of day i's slot; slot is a slot's width.
func (w *svgWriter) x(i int) (centre, slot float64) {
	slot = (chartW - padL - padR) / float64(max(len(w.days), 1))
	return padL + slot*(float64(i)+0.5), slot
}

func (w *svgWriter) y(v, top float64) float64 {
	if top <= 0 {
		return chartH - padB
	}
	return chartH - padB - (chartH-padT-padB)*v/top
}

// axes draws horizontal grid lines with labels at ticks and date labels
// under the slots, thinned out to about ten.
func (w *svgWriter) axes(top float64, ticks []float64, label func(float64) string) {
	for _, t := range ticks {
		y := w.y(t, top)
		fmt.Fprintf(&w.sb, `<line class="grid" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, padL, chartW-padR, y, y)
		fmt.Fprintf(&w.sb, `<text class="tick" x="%g" y="%.1f" text-anchor="end">%s</text>`, padL-6, y+4, html.EscapeString(label(t)))
	}
	every := max(1, (len(w.days)+9)/10)
	for i, d := range w.days {
		if i%every != 0 {
			continue
		}
		x, _ := w.x(i)
		fmt.Fprintf(&w.sb, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x, chartH-padB+18, d.Date.Format("02.01"))
	}
}

func (w *svgWriter) html() template.HTML {
	w.sb.WriteString(`</svg>`)
	return template.HTML(w.sb.String()) // every text in it is escaped above
}

// niceTop rounds a maximum up to 1, 2 or 5 times a power of ten and
// returns ticks for it: every whole number up to 5, else fifths.
func niceTop(v float64) (float64, []float64) {
	top := 1.0
	for top < v {
		switch {
		case top*2 >= v:
			top *= 2
		case top*5 >= v:
			top *= 5
		default:
			top *= 10
		}
	}
	step := top / 5
	if top <= 5 {
		step = 1
	}
	var ticks []float64
	for t := 0.0; t <= top+1e-9; t += step {
		ticks = append(ticks, t)
	}
	return top, ticks
}

// outcomeChart stacks each day's conversations by outcome.
func outcomeChart(days []los.Day, f formatter) chart {
	title := f.t(f.l, "analytics.chart.outcomes")
	most := 0
	for _, d := range days {
		most = max(most, d.Conversations)
	}
	top, ticks := niceTop(float64(most))
	w := newSVG(title, days)
	w.axes(top, ticks, func(v float64) string { return fmt.Sprint(int(v)) })
	for i, d := range days {
		x, slot := w.x(i)
		bw := max(slot*0.7, 1)
		base := 0
		for _, o := range los.OutcomeNames {
			n := d.Outcomes[o]
			if n == 0 {
				continue
			}
			y0, y1 := w.y(float64(base), top), w.y(float64(base+n), top)
			fmt.Fprintf(&w.sb, `<rect class="bar o-%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %d</title></rect>`,
				o, x-bw/2, y1, bw, y0-y1, d.Date.Format("02.01"), html.EscapeString(f.t(f.l, "analytics.outcome."+o)), n)
			base += n
		}
	}
	c := chart{Name: "outcomes", Title: title, SVG: w.html()}
	for _, o := range los.OutcomeNames {
		c.Legend = append(c.Legend, legendItem{Class: "o-" + o, Text: f.t(f.l, "analytics.outcome."+o)})
	}
	return c
}

// lineChart draws one value per day; days without data (ok false) break
// the line.
func lineChart(name, title string, days []los.Day, top float64, ticks []float64, label func(float64) string,
	value func(los.Day) (float64, bool)) chart {
	w := newSVG(title, days)
	w.axes(top, ticks, label)
	var path strings.Builder
	pen := false
	for i, d := range days {
		v, ok := value(d)
		if !ok {
			pen = false
			continue
		}
		x, _ := w.x(i)
		y := w.y(v, top)
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x, y)
		pen = true
		fmt.Fprintf(&w.sb, `<circle class="point" cx="%.1f" cy="%.1f" r="3"><title>%s: %s</title></circle>`,
			x, y, d.Date.Format("02.01"), html.EscapeString(label(v)))
	}
	if path.Len() > 0 {
		fmt.Fprintf(&w.sb, `<path class="line" d="%s"/>`, strings.TrimSpace(path.String()))
	}
	return chart{Name: name, Title: title, SVG: w.html()}
}

// reportCharts are the dashboard's trend charts.
func reportCharts(r *los.Report, f formatter) []chart {
	pct := func(v float64) string { return f.decimal(v*100, 0) + " %" }
	return []chart{
		outcomeChart(r.Days, f),
		lineChart("resolution", f.t(f.l, "analytics.chart.resolution"), r.Days, 1, []float64{0, 0.25, 0.5, 0.75, 1}, pct,
			func(d los.Day) (float64, bool) { return d.ResolutionRate(), d.Conversations > 0 }),
		lineChart("csat", f.t(f.l, "analytics.chart.csat"), r.Days, 5, []float64{0, 1, 2, 3, 4, 5},
			func(v float64) string { return f.decimal(v, 1) },
			func(d los.Day) (float64, bool) { return d.CSATAverage, d.CSATAnswers > 0 }),
	}
}
