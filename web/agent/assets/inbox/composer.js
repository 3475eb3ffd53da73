// Writing to the customer: Enter sends, Shift+Enter breaks the line; "/"
// at the start of a line offers the canned responses in the
// conversation's language, with {agent} and {kunde} filled in; typing is
// passed on to the customer, at most every two seconds.
import { $, api, convURL, el, me, pageLang, t } from './dom.js';
import { act } from './conversation.js';
import { state } from './state.js';

let matches = [];
let active = -1;
let typingSent = 0;

const box = () => $('reply');

// insert puts text where the caret is (replacing a selection) and
// selects the first placeholder left, for the agent to type over.
export function insert(text, from, to) {
  const b = box();
  const start = from ?? b.selectionStart;
  const end = to ?? b.selectionEnd;
  b.focus();
  b.setRangeText(text, start, end, 'end');
  const rest = b.value.slice(start, start + text.length);
  const ph = /\{(kunde|customer)\}/i.exec(rest);
  if (ph) b.setSelectionRange(start + ph.index, start + ph.index + ph[0].length);
}

function fill(body) {
  let s = body.replace(/\{agent\}/gi, me.name || t('agent.anon_name'));
  const cb = state.callbacks.find((c) => c.conversation_id === state.selected);
  if (cb) s = s.replace(/\{(kunde|customer)\}/gi, cb.name);
  return s;
}

// query is the "/word" the caret stands in, at the start of a line.
function query() {
  const b = box();
  const upto = b.value.slice(0, b.selectionStart);
  const m = /(?:^|\n)\/([^\s/]*)$/.exec(upto);
  return m ? { q: m[1].toLowerCase(), start: upto.length - m[1].length - 1, end: b.selectionStart } : null;
}

function close() {
  matches = [];
  active = -1;
  $('canned-list').hidden = true;
  box().removeAttribute('aria-activedescendant');
}

function update() {
  const q = query();
  if (!q) return close();
  const lang = state.conversation?.lang || pageLang;
  matches = state.canned.filter((c) => c.lang === lang && c.title.toLowerCase().includes(q.q));
  active = matches.length ? 0 : -1;
  const list = $('canned-list');
  list.replaceChildren(...matches.map((c, i) => el('li', {
    id: 'canned-' + i, role: 'option', class: 'canned-option', 'aria-selected': String(i === active),
    onmousedown: (e) => { e.preventDefault(); choose(i); },
  }, [el('strong', { text: '/' + c.title }), el('span', { text: c.body })])));
  list.hidden = matches.length === 0;
  $('canned-status').textContent = matches.length ? t('agent.canned') + ': ' + matches.length : t('agent.canned_none');
  mark();
}

function mark() {
  for (const [i, li] of [...$('canned-list').children].entries()) li.setAttribute('aria-selected', String(i === active));
  if (active >= 0) {
    box().setAttribute('aria-activedescendant', 'canned-' + active);
    $('canned-' + active).scrollIntoView({ block: 'nearest' });
  } else {
    box().removeAttribute('aria-activedescendant');
  }
}

function choose(i) {
  const q = query();
  const c = matches[i];
  close();
  if (q && c) insert(fill(c.body), q.start, q.end);
}

async function send() {
  const b = box();
  const text = b.value.trim();
  if (!text) return;
  if (await act('POST', '/messages', { text })) b.value = '';
  b.focus();
}

function onKey(e) {
  if (!$('canned-list').hidden && matches.length) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      return mark();
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      return choose(active);
    }
  }
  if (e.key === 'Escape') return close();
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
}

function onInput() {
  update();
  const c = state.conversation;
  if (c && c.mine && Date.now() - typingSent > 2000) {
    typingSent = Date.now();
    api('POST', convURL(c.id, '/typing')).catch(() => {});
  }
}

export async function loadCanned() {
  try {
    state.canned = (await api('GET', '/api/v1/agent/canned')).items;
  } catch (e) {
    state.canned = [];
  }
}

export function setupComposer() {
  const b = box();
  b.addEventListener('keydown', onKey);
  b.addEventListener('input', onInput);
  b.addEventListener('blur', () => setTimeout(close, 100));
  $('reply-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    send();
  });
}
