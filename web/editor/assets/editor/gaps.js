// Content gaps (/editor/gaps): customers' questions the knowledge base did
// not answer well, grouped, most frequent first, each with a link to write
// an article for it.
import { api, problem } from "./api.js";
import { $, clear, el, say } from "./dom.js";
import { fmtTime, linkWith, T } from "./page.js";

export function viewGaps() {
  async function load() {
    say("gaps-status", T("editor.common.loading"));
    const r = await api("GET", "/api/v1/editor/gaps?days=" + $("days").value);
    if (!r.ok) { say("gaps-status", ""); say("gaps-error", problem(r)); return; }
    const list = clear($("gaps"));
    for (const g of r.data.groups) list.appendChild(gapItem(g));
    say("gaps-status", r.data.groups.length ? T("editor.gaps.count", r.data.questions, r.data.groups.length) : T("editor.gaps.none"));
  }
  $("gaps-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
}

function gapItem(g) {
  const item = el("li", null,
    el("h2", null, g.question),
    el("p", { class: "help" }, T("editor.gaps.stats", g.count, g.no_answer, g.thumbs_down, fmtTime(g.last))));
  if (g.examples.length > 1) {
    const ul = el("ul");
    for (const x of g.examples) ul.appendChild(el("li", null, x));
    item.appendChild(el("details", null, el("summary", null, T("editor.gaps.wordings", g.examples.length)), ul));
  }
  item.appendChild(el("a", { class: "button", href: linkWith("/editor/new", "q", g.question) },
    T("editor.gaps.write"), el("span", { class: "visually-hidden" }, ": " + g.question)));
  return item;
}
