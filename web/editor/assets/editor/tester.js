// The question tester (/editor/tester): ask a question as a customer
// would, optionally with drafts, and see the answer, its triage, how the
// question was searched, and every hit with its score.
import { api, problem } from "./api.js";
import { $, clear, el, say } from "./dom.js";
import { link, T } from "./page.js";

export function viewTester() {
  $("test-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = $("question").value.trim();
    if (!q) { say("test-error", T("editor.tester.empty")); return; }
    say("test-error", "");
    say("test-status", T("editor.tester.running"));
    const r = await api("POST", "/api/v1/editor/test", { question: q, drafts: $("drafts").checked });
    say("test-status", "");
    if (!r.ok) { say("test-error", problem(r)); return; }
    showTest(r.data);
  });
}

function showTest(d) {
  const a = d.answer;
  say("t-meta", T("editor.tester.meta", T("editor.tester.action_" + a.action), T("editor.tester.mode_" + a.mode), T("editor.lang." + a.lang)));
  const ans = clear($("t-answer"));
  for (const p of (a.answer || "").split(/\n{2,}/)) ans.appendChild(el("p", null, p));
  const cites = clear($("t-cites"));
  if (a.citations && a.citations.length) {
    cites.appendChild(document.createTextNode(T("editor.tester.cites") + " "));
    a.citations.forEach((s, i) => {
      if (i) cites.appendChild(document.createTextNode(", "));
      cites.appendChild(el("a", { href: link("/editor/articles/" + s) }, s));
    });
  } else {
    cites.textContent = T("editor.tester.no_cites");
  }
  const tri = clear($("t-triage"));
  const t = d.triage || { category: a.category, severity: a.severity, action: a.action, signals: a.signals };
  pair(tri, T("editor.tester.category"), T("editor.tester.cat_" + t.category));
  pair(tri, T("editor.tester.severity"), T("editor.tester.sev_" + t.severity));
  pair(tri, T("editor.tester.action"), T("editor.tester.action_" + t.action));
  pair(tri, T("editor.tester.signals"), (t.signals || []).join(", ") || "–");
  const qd = clear($("t-query"));
  pair(qd, T("editor.tester.terms"), (d.query.terms || []).join(", ") || "–");
  pair(qd, T("editor.tester.synonyms"), (d.query.synonyms || []).map((e) => e.phrase + " → " + e.synonyms.join(", ")).join("; ") ||
    T("editor.tester.no_synonyms"));
  const tb = clear(document.querySelector("#t-hits tbody"));
  for (const h of d.hits) tb.appendChild(hitRow(h));
  if (!d.hits.length) tb.appendChild(el("tr", null, el("td", { colspan: "5" }, T("editor.tester.no_hits"))));
  $("test-result").hidden = false;
  $("t-answer-heading").focus();
}

// hitRow is one search hit: where it is, its score and coverage, the
// words it matched, and whether the answer used it.
function hitRow(h) {
  const where = el("td", null, el("a", { href: link("/editor/articles/" + h.slug) }, h.title));
  if (h.heading && h.heading !== h.title) where.appendChild(document.createTextNode(" › " + h.heading));
  if (h.draft) where.appendChild(el("span", { class: "badge" }, T("editor.tester.draft")));
  where.appendChild(el("p", { class: "snippet" }, h.snippet));
  return el("tr", h.used ? { class: "used" } : null,
    where,
    el("td", null, h.score.toFixed(2)),
    el("td", null, Math.round(h.coverage * 100) + " %" + (h.relevant ? "" : " (" + T("editor.tester.too_low") + ")")),
    el("td", null, (h.matched || []).join(", ")),
    el("td", null, h.used ? T("editor.common.yes") : T("editor.common.no")));
}

function pair(dl, k, v) {
  dl.appendChild(el("dt", null, k));
  dl.appendChild(el("dd", null, v));
}
