// The article form's fields on the article page: read them, fill them from
// an article, show its state line, render the Markdown preview (debounced;
// the server sanitizes the HTML), and make an address from a title.
import { api } from "./api.js";
import { $, say } from "./dom.js";
import { fmtTime, stateText, T, who } from "./page.js";

// fields returns the form as the API takes an article.
export function fields() {
  return {
    slug: $("slug").value.trim(),
    title: $("title").value,
    body: $("body").value,
    lang: $("lang").value,
    tags: $("tags").value.split(",").map((t) => t.trim()).filter(Boolean),
    questions: $("questions").value.split("\n").map((q) => q.trim()).filter(Boolean),
  };
}

// fill puts an article into the form; its address can no longer change.
export function fill(a) {
  $("title").value = a.title;
  $("slug").value = a.slug;
  $("slug").readOnly = true;
  $("lang").value = a.lang;
  $("tags").value = (a.tags || []).join(", ");
  $("questions").value = (a.questions || []).join("\n");
  $("body").value = a.body || "";
}

// showState shows the article's state, version and buttons; a is null for
// an article not yet saved.
export function showState(a) {
  if (!a) { say("article-state", T("editor.edit.state_new")); return; }
  say("edit-heading", a.title);
  document.title = a.title + " – " + T("editor.site");
  const parts = [stateText(a), T("editor.edit.version", a.version, fmtTime(a.updated), who(a.author))];
  if (a.published && !a.pending) parts.push(T("editor.edit.live"));
  say("article-state", parts.join(" · "));
  const view = $("view-link");
  if (view) view.hidden = !a.published;
  if ($("archive")) {
    $("archive").hidden = a.state === "archived";
    $("unarchive").hidden = a.state !== "archived";
  }
}

let previewTimer = null;

// preview renders the body a moment after the last change.
export function preview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    const r = await api("POST", "/api/v1/editor/preview", { body: $("body").value });
    if (r.ok) $("preview").innerHTML = r.data.html; // sanitized by the server
  }, 250);
}

const folds = { "æ": "ae", "ø": "o", "å": "a", "ö": "o", "ä": "a", "é": "e", "è": "e", "á": "a", "à": "a", "ü": "u" };

// slugify makes an article address from a title: lowercase a-z, digits
// and single hyphens, at most 80 characters.
export function slugify(s) {
  return s.toLowerCase().replace(/[æøåöäéèáàü]/g, (c) => folds[c])
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
}
