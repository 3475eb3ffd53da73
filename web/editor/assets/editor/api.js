// Calls to Los's JSON API under /api/v1: the session's CSRF token on every
// change, the page's standard for the server's error texts, and problem()
// to turn a failed call into words for editors.
import { csrf, lang, T } from "./page.js";

// api calls the API and resolves to {ok, status, data}; it never rejects
// for a network failure (status 0). Error texts are in data.error.display
// (the server's words in the page's standard). raw is a file sent as a
// zip instead of a JSON payload.
export async function api(method, url, payload, raw) {
  const opts = { method, credentials: "same-origin", headers: { "Accept": "application/json", "Accept-Language": lang } };
  if (method !== "GET") opts.headers["X-CSRF-Token"] = csrf;
  if (raw) {
    opts.body = raw;
    opts.headers["Content-Type"] = "application/zip";
  } else if (payload !== undefined) {
    opts.body = JSON.stringify(payload);
    opts.headers["Content-Type"] = "application/json";
  }
  let res;
  try {
    res = await fetch(url, opts);
  } catch {
    return { ok: false, status: 0, data: {} };
  }
  const t = await res.text();
  let data = {};
  try {
    data = t ? JSON.parse(t) : {};
  } catch {
    data = {};
  }
  return { ok: res.ok, status: res.status, data };
}

// problem turns a failed call into a message for editors.
export function problem(r) {
  if (r.status === 0) return T("editor.error.network");
  if (r.status === 401) return T("editor.error.signed_out");
  const e = r.data && r.data.error;
  if (e && (e.display || e.message)) return e.display || e.message;
  return T("editor.error.unknown", r.status);
}
