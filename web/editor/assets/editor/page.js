// What the server put on <body> for every editor page (view, article,
// written standard, CSRF token and texts), and the text helpers built on
// it. Nothing here touches the page beyond reading it.

export const body = document.body;
export const lang = body.dataset.lang || "nb";
export const csrf = body.dataset.csrf || "";

const texts = JSON.parse(body.dataset.texts || "{}");
const locale = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[lang] || "nb-NO";

// langQuery keeps a chosen ?lang on the editor's own links.
export const langQuery = new URLSearchParams(location.search).get("lang") ? "?lang=" + lang : "";

// T returns the text for key, with %s, %d and %v filled from args.
export function T(key, ...args) {
  const s = texts[key] || key;
  return s.replace(/%[sdv]/g, () => (args.length ? String(args.shift()) : ""));
}

// link is an editor path that keeps the page's ?lang.
export function link(path) {
  return path + langQuery;
}

// linkWith is link with one more query parameter.
export function linkWith(path, name, value) {
  return link(path) + (langQuery ? "&" : "?") + name + "=" + encodeURIComponent(value);
}

export function fmtTime(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

// who names an author; changes without one were made by the system.
export function who(author) {
  return author || T("editor.common.system");
}

// stateText describes an article's state for the lists and its page.
export function stateText(a) {
  if (a.deleted) return T("editor.state.deleted");
  let s = T("editor.state." + a.state);
  if (a.pending) s += " · " + T("editor.state.pending");
  return s;
}
