// An article's history (/editor/articles/SLUG/history): its versions, the
// line diff between any two (the latest change at first), and going back
// to an earlier version as a new one, published at once if asked.
import { api, problem } from "./api.js";
import { $, clear, confirmBox, el, say } from "./dom.js";
import { body, fmtTime, T, who } from "./page.js";

export function viewHistory() {
  const base = "/api/v1/articles/" + encodeURIComponent(body.dataset.slug);
  let article = null;

  async function load() {
    const r = await api("GET", base + "/versions");
    if (!r.ok) { say("history-error", problem(r)); return; }
    article = r.data.article;
    say("history-heading", T("editor.history.title_of", article.title));
    const tb = clear(document.querySelector("#versions tbody"));
    const from = clear($("from"));
    const to = clear($("to"));
    for (const v of r.data.versions) {
      tb.appendChild(versionRow(v));
      from.appendChild(el("option", { value: v.version }, T("editor.history.option", v.version, fmtTime(v.created))));
      to.appendChild(el("option", { value: v.version }, T("editor.history.option", v.version, fmtTime(v.created))));
    }
    to.value = article.version;
    from.value = Math.max(1, article.version - 1);
    if (article.version > 1) diff(article.version - 1, article.version, true);
  }

  function versionRow(v) {
    const latest = v.version === article.version;
    const what = T("editor.history.action_" + v.action, v.source);
    const pub = v.live ? T("editor.history.live") : (v.published_at ? T("editor.history.was_published", fmtTime(v.published_at)) : "");
    const actions = el("div", { class: "row-actions" });
    if (v.version > 1) {
      actions.appendChild(el("button", { type: "button", onclick: () => diff(v.version - 1, v.version) },
        T("editor.history.show_changes", v.version)));
    }
    if (!latest) {
      actions.appendChild(el("button", { type: "button", onclick: () => rollback(v.version) },
        T("editor.history.restore", v.version)));
    }
    return el("tr", latest ? { class: "current" } : null,
      el("th", { scope: "row" }, String(v.version) + (latest ? " " + T("editor.history.latest") : "")),
      el("td", null, fmtTime(v.created)),
      el("td", null, who(v.author)),
      el("td", null, what),
      el("td", null, pub),
      el("td", null, actions));
  }

  // diff shows what changed from version a to b; quiet leaves the focus.
  async function diff(a, b, quiet) {
    $("from").value = a;
    $("to").value = b;
    const r = await api("GET", base + "/diff?from=" + a + "&to=" + b);
    if (!r.ok) { say("history-error", problem(r)); return; }
    const d = r.data;
    let parts = [T("editor.history.summary", d.from, d.to, d.added, d.removed)];
    if (d.changed.includes("title")) parts.push(T("editor.history.title_changed", d.old.title, d.new.title));
    if (d.changed.includes("tags")) parts.push(T("editor.history.tags_changed", d.old.tags, d.new.tags));
    if (d.changed.includes("questions")) parts.push(T("editor.history.questions_changed"));
    if (d.changed.includes("lang")) parts.push(T("editor.history.lang_changed", T("editor.lang." + d.old.lang), T("editor.lang." + d.new.lang)));
    if (!d.changed.length) parts = [T("editor.history.no_changes", d.from, d.to)];
    say("diff-summary", parts.join(" "));
    const list = clear($("diff"));
    for (const l of d.lines) list.appendChild(diffLine(l));
    if (!quiet) $("diff-heading").focus();
  }

  async function rollback(v) {
    const c = await confirmBox(T("editor.history.confirm_restore", v), T("editor.history.restore", v),
      { label: T("editor.history.publish_now"), checked: article.published });
    if (!c.ok) return;
    say("history-error", "");
    const r = await api("POST", base + "/rollback", { version: v, base_version: article.version, publish: c.checked });
    if (!r.ok) { say("history-error", problem(r)); return; }
    say("history-status", T(c.checked ? "editor.history.restored_published" : "editor.history.restored", v, r.data.version));
    load();
  }

  $("compare").addEventListener("submit", (ev) => {
    ev.preventDefault();
    diff(Number($("from").value), Number($("to").value));
  });
  load();
}

// diffLine is one line of a diff: marked for the eye, and named for
// screen readers.
function diffLine(l) {
  const add = l.op === "+";
  const del = l.op === "-";
  const mark = add ? "+" : del ? "−" : " ";
  const label = add ? T("editor.history.added") : del ? T("editor.history.removed") : "";
  const line = add ? el("ins", null, l.text) : del ? el("del", null, l.text) : el("span", null, l.text);
  return el("li", { class: "op-" + (add ? "add" : del ? "del" : "same") },
    el("span", { class: "mark", "aria-hidden": "true" }, mark),
    label ? el("span", { class: "visually-hidden" }, label + " ") : null,
    line);
}
