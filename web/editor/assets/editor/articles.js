// The article list (/editor): search by words and state, as you type,
// with the query kept in the address's ?q and ?state on first load.
import { api, problem } from "./api.js";
import { $, clear, el, say } from "./dom.js";
import { fmtTime, link, stateText, T, who } from "./page.js";

export function viewArticles() {
  const params = new URLSearchParams(location.search);
  $("q").value = params.get("q") || "";
  $("state").value = params.get("state") || "";
  let timer = null;

  async function load() {
    const q = new URLSearchParams({ q: $("q").value.trim(), state: $("state").value });
    say("list-status", T("editor.common.loading"));
    const r = await api("GET", "/api/v1/articles?" + q);
    if (!r.ok) { say("list-status", problem(r)); return; }
    const tb = clear(document.querySelector("#articles tbody"));
    for (const a of r.data.articles) {
      tb.appendChild(el("tr", null,
        el("td", null, el("a", { href: link("/editor/articles/" + a.slug) }, a.title), el("br"), el("span", { class: "slug" }, a.slug)),
        el("td", null, stateText(a)),
        el("td", null, T("editor.lang." + a.lang)),
        el("td", null, fmtTime(a.updated)),
        el("td", null, who(a.author))));
    }
    say("list-status", T("editor.articles.count", r.data.articles.length));
  }

  $("article-search").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  $("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 300); });
  $("state").addEventListener("change", load);
  load();
}
