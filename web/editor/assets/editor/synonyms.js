// The synonym list (/editor/synonyms): load it, save it, and on an error
// select the line the server names.
import { api, problem } from "./api.js";
import { $, say } from "./dom.js";
import { fmtTime, T, who } from "./page.js";

export async function viewSynonyms() {
  const area = $("syn");
  $("syn-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    say("syn-error", "");
    area.removeAttribute("aria-invalid");
    const r = await api("PUT", "/api/v1/editor/synonyms", { text: area.value });
    if (!r.ok) {
      say("syn-error", problem(r));
      say("syn-status", "");
      if (r.data.line) selectLine(area, r.data.line);
      return;
    }
    say("syn-status", T("editor.synonyms.saved", r.data.groups));
  });
  const r = await api("GET", "/api/v1/editor/synonyms");
  if (!r.ok) { say("syn-error", problem(r)); return; }
  area.value = r.data.text;
  say("syn-status", r.data.stored ? T("editor.synonyms.stored", fmtTime(r.data.updated), who(r.data.author)) : T("editor.synonyms.from_file"));
}

// selectLine marks the text area invalid and selects its line n (from 1).
function selectLine(area, n) {
  const lines = area.value.split("\n");
  let start = 0;
  for (let i = 0; i < n - 1 && i < lines.length; i++) start += lines[i].length + 1;
  area.setAttribute("aria-invalid", "true");
  area.focus();
  area.setSelectionRange(start, start + (lines[n - 1] || "").length);
}
