// Content gaps (/editor/gaps): customers' questions the knowledge base did
// not answer well, grouped, most frequent first. Each can be added to an
// article's example questions in one click (the article search ranks
// first is chosen already), after which questions worded like it find the
// article; or an article can be written for it.
import { api, problem } from "./api.js";
import { $, clear, el, say } from "./dom.js";
import { fmtTime, linkWith, T } from "./page.js";

export function viewGaps() {
  let articles = null; // [{slug, title}], loaded once

  async function load() {
    say("gaps-error", "");
    say("gaps-status", T("editor.common.loading"));
    const [r, a] = await Promise.all([
      api("GET", "/api/v1/editor/gaps?days=" + $("days").value),
      articles ? Promise.resolve(null) : api("GET", "/api/v1/articles"),
    ]);
    if (!r.ok) { say("gaps-status", ""); say("gaps-error", problem(r)); return; }
    if (a && a.ok) {
      articles = a.data.articles.map((x) => ({ slug: x.slug, title: x.title }))
        .sort((x, y) => x.title.localeCompare(y.title));
    }
    const list = clear($("gaps"));
    r.data.groups.forEach((g, i) => list.appendChild(gapItem(g, i, articles || [])));
    say("gaps-status", r.data.groups.length ? T("editor.gaps.count", r.data.questions, r.data.groups.length) : T("editor.gaps.none"));
  }
  $("gaps-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
}

function gapItem(g, i, articles) {
  const item = el("li", null,
    el("h2", null, g.question),
    el("p", { class: "help" }, T("editor.gaps.stats", g.count, g.no_answer, g.thumbs_down, fmtTime(g.last))));
  if (g.examples.length > 1) {
    const ul = el("ul");
    for (const x of g.examples) ul.appendChild(el("li", null, x));
    item.appendChild(el("details", null, el("summary", null, T("editor.gaps.wordings", g.examples.length)), ul));
  }
  if (articles.length) item.appendChild(attachForm(g, i, articles));
  item.appendChild(el("a", { class: "button", href: linkWith("/editor/new", "q", g.question) },
    T("editor.gaps.write"), el("span", { class: "visually-hidden" }, ": " + g.question)));
  return item;
}

// attachForm adds the group's question to the chosen article's example
// questions.
function attachForm(g, i, articles) {
  const id = "attach-" + i;
  const select = el("select", { id, name: "article" });
  if (!g.suggest) select.appendChild(el("option", { value: "" }, T("editor.gaps.choose")));
  for (const a of articles) {
    const suggested = g.suggest && g.suggest.slug === a.slug;
    select.appendChild(el("option", { value: a.slug, selected: suggested },
      suggested ? T("editor.gaps.suggested", a.title) : a.title));
  }
  const status = el("p", { class: "status", id: id + "-status", role: "status", "aria-live": "polite" });
  const error = el("p", { class: "error", id: id + "-error", role: "alert" });
  const button = el("button", { type: "submit" }, T("editor.gaps.attach"),
    el("span", { class: "visually-hidden" }, ": " + g.question));
  const form = el("form", { class: "attach toolbar" },
    el("div", { class: "field" }, el("label", { for: id }, T("editor.gaps.attach_label")), select),
    button);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    status.textContent = "";
    if (!select.value) { error.textContent = T("editor.gaps.choose"); select.focus(); return; }
    button.disabled = true;
    const r = await api("POST", "/api/v1/articles/" + encodeURIComponent(select.value) + "/questions", { question: g.question });
    button.disabled = false;
    if (!r.ok) { error.textContent = problem(r); return; }
    const live = r.data.published && !r.data.pending;
    status.textContent = T(live ? "editor.gaps.attached_live" : "editor.gaps.attached_later", r.data.title);
  });
  return el("div", null, form, error, status);
}
