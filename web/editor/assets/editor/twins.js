// An article's twins (/editor/articles/SLUG/twins): the article in the
// other standards side by side, each with its state and a note when it is
// older than a twin (one was published after it last was) or an unread
// machine translation; linking and unlinking twins; and "Lag
// nynorskutkast" / "Lag bokmålsutkast", which make a draft by machine
// translation and open it. Without Apertium those buttons say why they
// cannot.
import { api, problem } from "./api.js";
import { $, clear, confirmBox, el, say } from "./dom.js";
import { body, fmtTime, link, linkWith, stateText, T } from "./page.js";

// newerText describes the twin published after t last was.
export function newerText(t) {
  const n = t.newer;
  return T("editor.twins.newer", T("editor.lang." + n.lang).toLowerCase(), n.title, fmtTime(n.last_published));
}

export function viewTwins() {
  const slug = body.dataset.slug;
  const url = "/api/v1/articles/" + encodeURIComponent(slug) + "/twins";
  let data = null;

  function fail(r) {
    say("twins-error", problem(r));
    say("twins-status", "");
  }

  function column(t, me) {
    const when = t.last_published ? T("editor.twins.last_published", fmtTime(t.last_published)) : T("editor.twins.never_published");
    const heading = T("editor.lang." + t.lang) + (me ? " · " + T("editor.twins.this") : "");
    const text = el("div", { class: "kb", lang: t.lang });
    text.innerHTML = t.html; // sanitized by the server
    return el("article", { class: me ? "twin me" : "twin", "aria-labelledby": "twin-" + t.slug },
      el("h3", { id: "twin-" + t.slug }, heading),
      el("p", { class: "state" }, stateText(t) + " · " + when),
      t.newer ? el("p", { class: "notice" }, newerText(t)) : null,
      t.machine_draft ? el("p", { class: "notice" }, T("editor.edit.machine_draft")) : null,
      el("p", { class: "twin-title", lang: t.lang }, t.title),
      text,
      me ? null : el("p", null, el("a", { href: link("/editor/articles/" + t.slug) }, T("editor.twins.open", t.title))));
  }

  function show(d) {
    data = d;
    const me = d.twins[0];
    document.title = T("editor.twins.title") + ": " + me.title + " – " + T("editor.site");
    const grid = clear($("twins"));
    d.twins.forEach((t, i) => grid.appendChild(column(t, i === 0)));
    $("twins-none").hidden = d.twins.length > 1;
    $("make").hidden = d.drafts.length === 0;
    for (const l of ["nb", "nn"]) {
      const b = $("make-" + l);
      b.hidden = !d.drafts.includes(l);
      if (d.unavailable) b.setAttribute("aria-disabled", "true");
      else b.removeAttribute("aria-disabled");
    }
    $("make-unavailable").hidden = !d.unavailable;
    say("make-unavailable", d.unavailable || "");
    const sel = clear($("twin"));
    for (const c of d.candidates) {
      sel.appendChild(el("option", { value: c.slug }, c.title + " (" + T("editor.lang." + c.lang) + ")"));
    }
    $("link-form").hidden = d.candidates.length === 0;
    $("no-candidates").hidden = d.candidates.length > 0;
    $("unlink").hidden = d.twins.length < 2;
  }

  async function load() {
    const r = await api("GET", url);
    if (!r.ok) { fail(r); return; }
    show(r.data);
  }

  $("link-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    say("twins-error", "");
    const r = await api("POST", url, { twin: $("twin").value });
    if (!r.ok) { fail(r); return; }
    show(r.data);
    say("twins-status", T("editor.twins.linked"));
  });
  $("unlink").addEventListener("click", async () => {
    const c = await confirmBox(T("editor.twins.confirm_unlink", data.twins[0].title), T("editor.twins.unlink"));
    if (!c.ok) return;
    const r = await api("DELETE", url);
    if (!r.ok) { fail(r); return; }
    show(r.data);
    say("twins-status", T("editor.twins.unlinked"));
  });
  for (const b of document.querySelectorAll("button.make")) {
    b.addEventListener("click", async () => {
      say("twins-error", "");
      if (data && data.unavailable) { say("twins-error", data.unavailable); return; }
      if (b.getAttribute("aria-busy") === "true") return;
      b.setAttribute("aria-busy", "true");
      say("twins-status", T("editor.twins.making"));
      const r = await api("POST", "/api/v1/articles/" + encodeURIComponent(slug) + "/translate", { lang: b.dataset.lang });
      b.removeAttribute("aria-busy");
      if (!r.ok) { fail(r); return; }
      location.href = linkWith("/editor/articles/" + r.data.slug, "done", T("editor.twins.made"));
    });
  }
  load();
}
