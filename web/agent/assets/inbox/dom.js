// What every part of the inbox shares: its texts, who is signed in,
// building elements and calling the API. Text from customers, agents and
// the knowledge base only ever reaches the page as text nodes.

export const texts = JSON.parse(document.getElementById('agent-texts').textContent || '{}');
const csrf = document.querySelector('meta[name="csrf-token"]').content;
export const me = { email: document.body.dataset.email, name: document.body.dataset.name || '' };
export const pageLang = document.body.dataset.lang || 'nb';
export const $ = (id) => document.getElementById(id);

// t returns the text for key with %s and %d filled in order.
export function t(key, ...args) {
  let s = texts[key] || key;
  for (const a of args) s = s.replace(/%(?:0?\d)?[sd]/, String(a));
  return s.replace(/%%/g, '%');
}

// el builds an element: attributes, "text" for a text node, "on*"
// listeners, then children.
export function el(tag, attrs, kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids || []) if (c != null) e.append(c);
  return e;
}

// Failure is an API error; status is the HTTP status.
export class Failure extends Error {}

export async function api(method, url, body) {
  // Texts the server writes (summaries, reasons) come in the page's language.
  const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': pageLang } };
  if (method !== 'GET') {
    opts.headers['X-CSRF-Token'] = csrf;
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body || {});
  }
  const res = await fetch(url, opts);
  if (res.status === 401) {
    window.location.href = '/agent/login';
    throw new Failure('signed out');
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const f = new Failure((data.error && (data.error.display || data.error.message)) || res.statusText);
    f.status = res.status;
    throw f;
  }
  return data;
}

export const convURL = (id, path) => '/api/v1/agent/conversations/' + encodeURIComponent(id) + (path || '');

// clock is a time of day, 14:05.
export const clock = (iso) => new Date(iso).toLocaleTimeString(pageLang, { hour: '2-digit', minute: '2-digit' });
// day is a date, 23.11.2026.
export const day = (iso) => new Date(iso).toLocaleDateString(pageLang, { day: 'numeric', month: 'numeric', year: 'numeric' });

// waited says how long ago created was, in minutes or hours.
export function waited(created) {
  const min = Math.max(0, Math.floor((Date.now() - new Date(created).getTime()) / 60000));
  if (min < 60) return t('agent.minutes', min);
  return t('agent.hours', Math.floor(min / 60), min % 60);
}

const severityRank = { critical: 3, high: 2, medium: 1 };
// byUrgency orders queue entries as the server does: most severe first,
// then longest waiting.
export function byUrgency(a, b) {
  return (severityRank[b.severity] || 0) - (severityRank[a.severity] || 0) ||
    new Date(a.created) - new Date(b.created) || a.id - b.id;
}
