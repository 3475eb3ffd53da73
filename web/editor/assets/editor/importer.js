// Zip import (/editor/import): send the zip for a preview of what would
// change, then import exactly that zip (the server checks its digest).
// Export is a plain download link in the page.
import { api, problem } from "./api.js";
import { $, clear, confirmBox, el, say } from "./dom.js";
import { T } from "./page.js";

export function viewImport() {
  let file = null;
  let digest = "";

  $("import-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    file = $("zip").files[0];
    if (!file) { say("import-error", T("editor.import.choose")); return; }
    say("import-error", "");
    say("import-status", T("editor.import.checking"));
    $("import-result").hidden = true;
    const r = await api("POST", "/api/v1/editor/import/preview", undefined, file);
    say("import-status", "");
    if (!r.ok) { say("import-error", problem(r)); return; }
    digest = r.data.digest;
    showResult(r.data);
  });

  $("import-commit").addEventListener("click", async () => {
    const c = await confirmBox(T("editor.import.confirm"), T("editor.import.commit"));
    if (!c.ok) return;
    say("import-status", T("editor.import.importing"));
    const r = await api("POST", "/api/v1/editor/import/commit?digest=" + encodeURIComponent(digest), undefined, file);
    say("import-status", "");
    if (!r.ok) { say("import-error", problem(r)); return; }
    digest = r.data.digest;
    showResult(r.data);
  });
}

// showResult shows a preview or an import, file by file.
function showResult(d) {
  const c = d.counts;
  let summary = T("editor.import.summary", c["new"] || 0, c.changed || 0, c.unchanged || 0, c.invalid || 0);
  if (d.done) summary = T("editor.import.done") + " " + summary;
  else if (!d.ok) summary += " " + T("editor.import.fix_first");
  say("import-summary", summary);
  const tb = clear(document.querySelector("#import-items tbody"));
  for (const it of d.items) {
    const details = el("td");
    for (const e of it.errors || []) {
      details.appendChild(el("p", { class: it.status === "invalid" ? "error-line" : "" },
        e.line ? T("editor.import.line", e.line, e.message) : e.message));
    }
    if (it.fields && it.fields.length) {
      details.appendChild(el("p", null, it.fields.map((f) => T("editor.import.field_" + f)).join(", ")));
    }
    if (it.draft && it.status !== "invalid") details.appendChild(el("p", null, T("editor.import.as_draft")));
    tb.appendChild(el("tr", { class: "status-" + it.status },
      el("td", null, it.file),
      el("td", null, it.title || it.slug || (it.kind === "synonyms" ? T("editor.nav.synonyms") : "")),
      el("td", null, T("editor.import.status_" + it.status)),
      details));
  }
  $("import-result").hidden = false;
  $("import-commit").hidden = !d.ok || d.done;
  $("import-summary-heading").focus();
}
