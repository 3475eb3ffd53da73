// The bin (/editor/bin): deleted articles, each with a button to restore
// it.
import { api, problem } from "./api.js";
import { clear, el, say } from "./dom.js";
import { fmtTime, T } from "./page.js";

export function viewBin() {
  async function load() {
    const r = await api("GET", "/api/v1/articles?bin=1");
    if (!r.ok) { say("bin-error", problem(r)); return; }
    const tb = clear(document.querySelector("#bin tbody"));
    for (const a of r.data.articles) {
      tb.appendChild(el("tr", null,
        el("td", null, a.title, el("br"), el("span", { class: "slug" }, a.slug)),
        el("td", null, fmtTime(a.deleted)),
        el("td", null, el("button", { type: "button", onclick: () => restore(a) }, T("editor.bin.restore", a.title)))));
    }
    if (!r.data.articles.length) say("bin-status", T("editor.bin.empty"));
  }

  async function restore(a) {
    const r = await api("POST", "/api/v1/articles/" + encodeURIComponent(a.slug) + "/restore", {});
    if (!r.ok) { say("bin-error", problem(r)); return; }
    say("bin-status", T("editor.bin.restored", a.title));
    load();
  }

  load();
}
