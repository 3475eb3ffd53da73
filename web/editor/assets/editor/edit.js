// The article page (/editor/new, /editor/articles/SLUG): load an article,
// save the form as a new version (Ctrl+S too), publish, archive, delete.
// A new article moves to its own page once saved. The form itself is in
// editform.js.
import { api, problem } from "./api.js";
import { $, confirmBox, say } from "./dom.js";
import { fields, fill, preview, showState, slugify } from "./editform.js";
import { body, lang, link, linkWith, T } from "./page.js";
import { showTwinNote } from "./twinnote.js";

export function viewEdit() {
  let slug = body.dataset.slug;
  let current = null; // the article as last loaded or saved
  let dirty = false;
  let slugTouched = false;

  function show(a) {
    current = a;
    slug = a.slug;
    fill(a);
    dirty = false;
    showState(current);
    preview();
    if ($("twin-note")) showTwinNote(slug);
  }

  function fail(r) {
    let msg = problem(r);
    if (r.status === 409 && current) msg += " " + T("editor.edit.conflict_help");
    say("edit-error", msg);
    say("edit-status", "");
  }

  // save stores the form as a new version; resolves to the article or
  // null. A new article's page is loaded after, unless stay is set.
  async function save(stay) {
    say("edit-error", "");
    const f = fields();
    if (!f.title.trim()) { say("edit-error", T("editor.error.title")); $("title").focus(); return null; }
    if (!f.body.trim()) { say("edit-error", T("editor.error.body")); $("body").focus(); return null; }
    say("edit-status", T("editor.edit.saving"));
    const r = await (current
      ? api("PUT", "/api/v1/articles/" + encodeURIComponent(slug), Object.assign(f, { version: current.version }))
      : api("POST", "/api/v1/articles", f));
    if (!r.ok) { fail(r); return null; }
    const created = !current;
    show(r.data);
    say("edit-status", T("editor.edit.saved", r.data.version));
    if (created) history.replaceState(null, "", link("/editor/articles/" + r.data.slug));
    if (created && !stay) openArticle();
    return r.data;
  }

  // openArticle loads a newly created article's own page, with the
  // buttons only existing articles have.
  function openArticle() {
    if (!$("history-link")) location.href = linkWith("/editor/articles/" + slug, "done", $("edit-status").textContent);
  }

  async function act(path, okKey, payload) {
    say("edit-error", "");
    const r = await api("POST", "/api/v1/articles/" + encodeURIComponent(slug) + path, payload || {});
    if (!r.ok) { fail(r); return null; }
    show(r.data);
    say("edit-status", T(okKey));
    return r.data;
  }

  $("article-form").addEventListener("submit", (ev) => { ev.preventDefault(); save(); });
  $("publish").addEventListener("click", async () => {
    const a = dirty || !current ? await save(true) : current;
    if (!a) return;
    if (await act("/publish", "editor.edit.published", { version: a.version })) openArticle();
  });
  if ($("archive")) {
    $("archive").addEventListener("click", async () => {
      const c = await confirmBox(T("editor.edit.confirm_archive", current.title), T("editor.edit.archive"));
      if (c.ok) act("/archive", "editor.edit.archived");
    });
    $("unarchive").addEventListener("click", () => { act("/unarchive", "editor.edit.unarchived"); });
    $("delete").addEventListener("click", async () => {
      const c = await confirmBox(T("editor.edit.confirm_delete", current.title), T("editor.edit.delete"));
      if (!c.ok) return;
      const r = await api("DELETE", "/api/v1/articles/" + encodeURIComponent(slug));
      if (!r.ok) { fail(r); return; }
      dirty = false;
      location.href = link("/editor/bin");
    });
  }
  for (const id of ["title", "tags", "questions", "lang", "body"]) {
    $(id).addEventListener("input", () => { dirty = true; if (id === "body") preview(); });
  }
  $("slug").addEventListener("input", () => { slugTouched = true; });
  $("title").addEventListener("input", () => {
    if (!current && !slugTouched) $("slug").value = slugify($("title").value);
  });
  document.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", (ev) => {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });

  if (slug) {
    load();
  } else {
    const q = new URLSearchParams(location.search).get("q");
    $("lang").value = lang;
    if (q) {
      $("title").value = q;
      $("slug").value = slugify(q);
      $("body").value = T("editor.edit.from_question", q);
      dirty = true;
      preview();
    }
    showState(null);
  }

  async function load() {
    const r = await api("GET", "/api/v1/articles/" + encodeURIComponent(slug));
    if (!r.ok) { fail(r); return; }
    show(r.data);
    const done = new URLSearchParams(location.search).get("done");
    if (done) say("edit-status", done);
  }
}
