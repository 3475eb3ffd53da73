// The twin note on the article page: that the working copy is an unread
// machine translation, or that a twin was published after this article
// last was, with the number of twins on the link to them.
import { api } from "./api.js";
import { $, say } from "./dom.js";
import { T } from "./page.js";
import { newerText } from "./twins.js";

export async function showTwinNote(slug) {
  const r = await api("GET", "/api/v1/articles/" + encodeURIComponent(slug) + "/twins");
  if (!r.ok) return;
  const me = r.data.twins[0];
  const notes = [];
  if (me.machine_draft) notes.push(T("editor.edit.machine_draft"));
  if (me.newer) notes.push(newerText(me));
  say("twin-note", notes.join(" "));
  $("twin-note").hidden = notes.length === 0;
  const n = r.data.twins.length - 1;
  if ($("twins-link") && n > 0) $("twins-link").textContent = T("editor.edit.twins") + " (" + n + ")";
}
