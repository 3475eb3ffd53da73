// The chat's user interface in a shadow root: the panel, the launcher,
// messages, answers and their feedback.
import { call, convPath, Failure } from './api.js';
import { askEnd, download, end, human, remove, send } from './chat.js';
import { applyTexts, bind, CHAT, CROSS, el, icon, setText, THUMB } from './dom.js';
import { typed } from './live.js';
import { link, render } from './markdown.js';
import { base, ds, inline, S, t, texts, ui } from './state.js';

export function build(host) {
  ui.root = host.attachShadow({ mode: 'open' });
  // __LOS_CSS__ is the stylesheet's content-hashed path, set when the
  // bundle is built (internal/assetbuild).
  ui.root.append(el('link', { rel: 'stylesheet', href: base + __LOS_CSS__ }));
  const color = ds.color && accent(ds.color);
  if (color) {
    host.style.setProperty('--los-accent', ds.color);
    host.style.setProperty('--los-on-accent', color);
  }
  const wrap = el('div', { class: 'los ' + (inline ? 'inline' : 'float') + (ds.position === 'left' ? ' left' : '') });
  ui.root.append(wrap);

  ui.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  bind(ui.log, 'log', 'aria-label');
  ui.starters = el('div', { class: 'starters', role: 'group' });
  bind(ui.starters, 'starters', 'aria-label');
  ui.input = el('textarea', { id: 'los-input', rows: '1', maxlength: '4000', autocomplete: 'off', onkeydown: onKey, oninput: typed });
  bind(ui.input, 'placeholder', 'placeholder');
  ui.sendBtn = el('button', { type: 'submit', class: 'send' });
  bind(ui.sendBtn, 'send');
  ui.humanBtn = el('button', { type: 'button', class: 'human', onclick: human });
  bind(ui.humanBtn, 'human');
  const endBtn = bind(el('button', { type: 'button', class: 'link', onclick: askEnd }), 'end');
  const delBtn = bind(el('button', { type: 'button', class: 'link', onclick: () => showConfirm(ui.confirmBox, no) }), 'delete');
  const no = bind(el('button', { type: 'button', onclick: () => showConfirm(null, delBtn) }), 'cancel');
  ui.endNo = bind(el('button', { type: 'button', onclick: () => showConfirm(null, endBtn) }), 'cancel');
  ui.privacy = el('span', { class: 'privacy' }, [
    endBtn,
    bind(el('button', { type: 'button', class: 'link', onclick: download }), 'download'),
    delBtn,
  ]);
  ui.confirmBox = el('div', { class: 'confirm', role: 'group', hidden: true }, [
    bind(el('span'), 'delete_confirm'),
    bind(el('button', { type: 'button', class: 'danger', onclick: remove }), 'delete_yes'),
    no,
  ]);
  ui.endBox = el('div', { class: 'confirm', role: 'group', hidden: true }, [
    bind(el('span'), 'end_confirm'),
    bind(el('button', { type: 'button', onclick: end }), 'end_yes'),
    ui.endNo,
  ]);
  const title = el('span');
  bind(title, () => ds.title || t('title'));
  const disclosure = el('p', { class: 'disclosure' });
  bind(disclosure, 'disclosure');

  ui.panel = el('section', { id: 'los-panel', class: 'panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'los-title' }, [
    el('header', { class: 'head' }, [
      el('div', { class: 'head-text' }, [
        el('h2', { id: 'los-title' }, [title, ' ', bind(el('span', { class: 'badge' }), 'ai_badge')]),
        disclosure,
      ]),
      inline ? null : bind(el('button', { type: 'button', class: 'close', onclick: close }, [icon(CROSS)]), 'close', 'aria-label'),
    ]),
    ui.log,
    ui.starters,
    el('div', { class: 'bar' }, [ui.humanBtn, ui.privacy]),
    ui.confirmBox,
    ui.endBox,
    el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); send(ui.input.value); } }, [
      bind(el('label', { for: 'los-input', class: 'sr' }), 'input_label'),
      ui.input,
      ui.sendBtn,
    ]),
  ]);
  if (!inline) {
    ui.panel.hidden = true;
    ui.badge = el('span', { class: 'unread', 'aria-hidden': 'true', hidden: true });
    ui.launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'los-panel', onclick: () => (ui.panel.hidden ? open() : close()) },
      [icon(CHAT), bind(el('span'), 'launcher'), ui.badge]);
    bind(ui.launcher, () => t(ui.badge.hidden ? 'launcher' : 'launcher_unread'), 'aria-label');
    ui.news = el('span', { class: 'sr', role: 'status' });
    wrap.append(ui.launcher, ui.news);
    wrap.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !ui.panel.hidden) { e.preventDefault(); close(); }
    });
  }
  wrap.append(ui.panel);
  ui.privacy.hidden = !S.conv;
  applyTexts();
  greet();
}

// accent returns the text colour (black or white) that reads best on the
// site's colour, or "" when it is no colour.
function accent(c) {
  if (!CSS.supports('color', c)) return '';
  const probe = el('i');
  probe.style.color = c;
  ui.root.append(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g).slice(0, 3).map(Number);
  probe.remove();
  const lum = rgb.map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const L = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
  return (L + 0.05) / 0.05 > 1.05 / (L + 0.05) ? '#111' : '#fff';
}

function open() {
  ui.panel.hidden = false;
  markUnread(true);
  ui.launcher.setAttribute('aria-expanded', 'true');
  scrollDown();
  ui.input.focus();
}
function close() {
  ui.panel.hidden = true;
  ui.launcher.setAttribute('aria-expanded', 'false');
  ui.launcher.focus();
}
function onKey(e) {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send(ui.input.value);
  }
}
export const scrollDown = () => { ui.log.scrollTop = ui.log.scrollHeight; };

function greet() {
  const m = message('bot', null, 'greeting');
  bind(m.querySelector('.text'), 'greeting');
  for (const key of Object.keys(texts[S.lang]).filter((k) => k.startsWith('web.chat.starter.')).sort()) {
    ui.starters.append(bind(el('button', { type: 'button', class: 'starter', onclick: (e) => send(e.currentTarget.textContent) }), key.slice(9)));
  }
}

// message adds a message to the log and returns it; who is customer,
// bot, agent, system or error.
export function message(who, text, cls) {
  const label = { customer: 'you', bot: 'bot', agent: 'agent' }[who] || 'system';
  const body = el('div', { class: 'text' });
  const m = el('div', { class: 'msg ' + who + (cls ? ' ' + cls : '') }, [bind(el('span', { class: 'who' }), label), body]);
  if (text != null) body.textContent = text;
  if (cls !== 'greeting') m.append(el('time', { class: 'at' }));
  setTime(m, new Date().toISOString());
  ui.log.append(m);
  scrollDown();
  return m;
}
// setTime shows when message m was written (an ISO time).
export function setTime(m, iso) {
  const at = m.querySelector('time.at');
  if (!at || !iso) return;
  at.dateTime = iso;
  at.textContent = new Date(iso).toLocaleTimeString(S.lang === 'en' ? 'en-GB' : 'nb-NO', { hour: '2-digit', minute: '2-digit' });
}

// agentMessage shows an agent's message x: under their name ("Kari fra
// kundeservice") when they have one, its Markdown rendered as the bot's.
export function agentMessage(x) {
  const m = message('agent', null);
  render(m.querySelector('.text'), x.text, []);
  if (x.author_name) bind(m.querySelector('.who'), () => t('agent_named', x.author_name));
  setTime(m, x.created);
  return m;
}

export function typing() {
  return ui.log.appendChild(el('div', { class: 'msg bot typing' }, [
    el('span', { class: 'sr', text: t('typing') }),
    el('span', { class: 'dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]),
  ]));
}

// answer fills a bot message with the answer, its sources and feedback.
export function answer(m, text, cites, id, rating) {
  render(m.querySelector('.text'), text, cites);
  m.querySelector('.sources')?.remove();
  if (cites.length) {
    m.append(el('div', { class: 'sources' }, [
      bind(el('span', { class: 'sources-title' }), 'sources'),
      el('ol', {}, cites.map((c) => el('li', {}, [link('/artikler/' + c.slug, c.title)]))),
    ]));
  }
  if (id) feedback(m, id, rating);
  scrollDown();
}
function feedback(m, id, rating) {
  const note = el('span', { class: 'fb-note' });
  const btn = (value, key, cls) => bind(el('button', {
    type: 'button', class: 'fb-btn ' + cls, 'aria-pressed': String(rating === value),
    onclick: async () => {
      try {
        await call('POST', convPath('/feedback'), { message_id: id, rating: value });
        for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === up ? value === 1 : value === -1));
        note.textContent = t('feedback_thanks');
      } catch (e) {
        note.textContent = t('feedback_failed');
      }
    },
  }, [icon(THUMB)]), key, 'aria-label');
  const up = btn(1, 'helpful', 'up');
  const group = el('div', { class: 'feedback', role: 'group' }, [up, btn(-1, 'unhelpful', 'down'), note]);
  bind(group, 'feedback', 'aria-label');
  m.append(group);
}

export function setBusy(on) {
  S.busy = on;
  ui.log.setAttribute('aria-busy', String(on));
  ui.sendBtn.setAttribute('aria-disabled', String(on));
}

// showConfirm shows one confirmation box (none: null) and moves focus to
// focus.
export function showConfirm(box, focus) {
  for (const b of [ui.confirmBox, ui.endBox]) b.hidden = b !== box;
  focus?.focus();
}

// problem shows what went wrong as a system message.
export function problem(e) {
  message('system', e instanceof Failure ? e.message : t('error'), 'error');
}

// markUnread counts one more unread agent message, or clears the count,
// on the launcher, its label and a status line for screen readers: an
// agent's reply while the floating panel is closed.
export function markUnread(clear) {
  if (inline || (!clear && !ui.panel.hidden)) return;
  S.unread = clear ? 0 : S.unread + 1;
  ui.badge.hidden = !S.unread;
  ui.badge.textContent = S.unread ? String(S.unread) : '';
  ui.news.textContent = S.unread ? t('unread') : '';
  setText(ui.launcher, () => t(S.unread ? 'launcher_unread' : 'launcher'), 'aria-label');
}
