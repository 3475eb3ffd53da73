// The widget's configuration, state and texts, shared by its modules.

// The script tag that loaded the widget, read while the bundle first runs.
const script = document.currentScript;

// ds is the script tag's data-* configuration.
export const ds = script ? script.dataset : {};
export const loaded = !!script;
// The API lives where the script came from: BASE/widget.js or
// BASE/static/chat.HASH.js.
export const base = script ? script.src.replace(/\/(static\/[^/?#]+|widget\.js)([?#].*)?$/, '') : '';
export const inline = ds.mode === 'inline';
const storeKey = 'los:' + base;
// The server closes a conversation the bot holds after a quiet spell
// (LOS_IDLE_CLOSE, which it tells us); the chat looks this long after
// that spell has passed, to learn that it has ended.
export const IDLE_MARGIN_MS = 1000;

export const norm = (s) => {
  s = String(s || '').toLowerCase().split(/[-_]/)[0];
  return { nb: 'nb', no: 'nb', nob: 'nb', nn: 'nn', nno: 'nn', en: 'en', eng: 'en' }[s] || '';
};
const pickLang = () => norm(ds.lang) || (navigator.languages || [navigator.language]).map(norm).find(Boolean) || 'nb';

// texts are the chat's texts by written standard.
export const texts = {};

// S is what changes as the customer talks.
export const S = {
  lang: pickLang(),
  conv: load(), // { id, token, lang, csat } of the conversation, or null
  status: 'open',
  busy: false,
  asked: false, // the customer has sent a message in this page view
  idleMs: 0, // the server's quiet spell before it closes, 0: none
  idleTimer: 0,
  unread: 0, // agent messages while the floating panel is closed
};
// shown holds the ids of stored messages already in the log.
export const shown = new Set();

// ui holds the elements the modules work with, once built.
export const ui = {};

// t returns a text of the chat in the current standard; %s are filled in
// order.
export const t = (key, ...args) => {
  let i = 0;
  return (texts[S.lang] || {})['web.chat.' + key]?.replace(/%s/g, () => args[i++] ?? '') ?? key;
};

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(storeKey)) || null;
  } catch (e) {
    return null;
  }
}

export function save() {
  try {
    if (S.conv) sessionStorage.setItem(storeKey, JSON.stringify(S.conv));
    else sessionStorage.removeItem(storeKey);
  } catch (e) { /* storage blocked: the conversation lasts this page view */ }
  if (ui.privacy) ui.privacy.hidden = !S.conv;
}

export async function fetchTexts(l) {
  if (texts[l]) return;
  const r = await fetch(base + '/api/v1/locales/' + l, { credentials: 'omit' });
  if (!r.ok) throw new Error('texts ' + r.status);
  texts[l] = await r.json();
}
