// Building elements, and the texts bound to them.
import { S, t, ui } from './state.js';

// el builds an element: attributes, "text" for a text node, "on*"
// listeners.
export function el(tag, attrs, kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids || []) if (c != null) e.append(c);
  return e;
}

const NS = 'http://www.w3.org/2000/svg';
export function icon(d, cls) {
  const s = document.createElementNS(NS, 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('focusable', 'false');
  s.setAttribute('class', 'icon ' + (cls || ''));
  const p = document.createElementNS(NS, 'path');
  p.setAttribute('d', d);
  s.append(p);
  return s;
}
export const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
export const THUMB = 'M2 10h4v11H2zM8 21h9.6a2 2 0 0 0 2-1.6l1.3-7A2 2 0 0 0 19 10h-5.4l.8-4.1A2 2 0 0 0 12.4 3.4L8 9.5z';
export const CROSS = 'M6 6l12 12M18 6L6 18';

// Texts bound to elements are set now and again when the standard
// changes.
const bound = [];
export function bind(e, key, attr) {
  bound.push([e, key, attr]);
  setText(e, key, attr);
  return e;
}
export function setText(e, key, attr) {
  const v = typeof key === 'function' ? key() : t(key);
  if (attr) e.setAttribute(attr, v);
  else e.textContent = v;
}
export function applyTexts() {
  for (const b of bound) setText(...b);
  ui.panel.lang = S.lang;
  ui.panel.parentNode.lang = S.lang;
}
