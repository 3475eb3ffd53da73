// Talking to the API.
import { base, ds, S, save, shown, t, ui } from './state.js';

// Failure is an error with a text for the customer.
export class Failure extends Error {}

export const convPath = (p) => 'conversations/' + encodeURIComponent(S.conv.id) + p;

export async function call(method, path, body, sse) {
  const headers = { Accept: sse ? 'text/event-stream' : 'application/json' };
  if (body) headers['Content-Type'] = 'application/json';
  if (S.conv && path.startsWith('conversations/')) headers.Authorization = 'Bearer ' + S.conv.token;
  let r;
  try {
    r = await fetch(base + '/api/v1/' + path + '?lang=' + S.lang, {
      method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit',
    });
  } catch (e) {
    throw new Failure(t('offline'));
  }
  if (!r.ok) {
    const j = await r.json().catch(() => ({}));
    const f = new Failure(j.error?.display || t('error'));
    f.status = r.status;
    f.detail = j.error?.message || '';
    throw f;
  }
  return r;
}

// visitor is a random ID the browser keeps, so agents see its earlier
// conversations (the server stores a hash of it): for the browser
// session (the tab) by default, across visits only when the site asks
// for it with data-visitor="local" (an identifier kept on the visitor's
// device, which may need their consent); "" when storage is blocked.
function visitor() {
  try {
    const store = ds.visitor === 'local' ? localStorage : sessionStorage;
    let v = store.getItem('los-visitor');
    if (!v) {
      const b = crypto.getRandomValues(new Uint8Array(16));
      v = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      store.setItem('los-visitor', v);
    }
    return v;
  } catch (e) {
    return '';
  }
}

// forgetVisitor drops the visitor ID: after "Slett samtalen" nothing
// links this browser's next conversation to its earlier ones.
export function forgetVisitor() {
  try {
    sessionStorage.removeItem('los-visitor');
    localStorage.removeItem('los-visitor');
  } catch (e) { /* storage blocked: there is none */ }
}

async function ensureConv() {
  if (S.conv) return;
  // The page the chat was opened on, for the agent who may take over
  // (the server keeps it without query and fragment).
  const r = await call('POST', 'conversations', { page: location.href, page_title: document.title, visitor: visitor() || undefined });
  const j = await r.json();
  S.conv = { id: j.id, token: j.token };
  S.idleMs = (j.idle_close_seconds || 0) * 1000;
  S.status = 'open';
  shown.clear();
  save();
}

export function forget() {
  clearTimeout(S.idleTimer);
  if (ui.endBox) ui.endBox.hidden = true;
  S.conv = null;
  S.status = 'open';
  save();
}

// onConv runs f on the conversation, starting a new one when the stored
// one is gone (expired, deleted or closed).
export async function onConv(f) {
  await ensureConv();
  try {
    return await f();
  } catch (e) {
    if (e.status !== 401 && e.status !== 404 && e.status !== 409) throw e;
    forget();
    await ensureConv();
    return f();
  }
}

// readEvents calls on(event, data) for each server-sent event of r.
export async function readEvents(r, on) {
  const reader = r.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      let ev = 'message';
      let data = '';
      for (const line of buf.slice(0, i).split('\n')) {
        if (line.startsWith('event:')) ev = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      buf = buf.slice(i + 2);
      if (data) on(ev, JSON.parse(data));
    }
  }
}
