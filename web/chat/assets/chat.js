/* Los chat: the widget that any site embeds with one script tag, and the
   hosted chat page (data-mode="inline"). Vanilla JS in a shadow root. Text
   from the model, the knowledge base, agents and customers only ever
   reaches the page as text nodes, never as HTML. */
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || document.getElementById('los-widget')) return;
  const ds = script.dataset;
  // The API lives where the script came from: BASE/widget.js or
  // BASE/static/chat.js.
  const base = script.src.replace(/\/(static\/[^/?#]+|widget\.js)([?#].*)?$/, '');
  const inline = ds.mode === 'inline';
  const storeKey = 'los:' + base;
  const texts = {};
  const POLL_MS = 4000;
  // The server closes a conversation the bot holds after a quiet spell
  // (LOS_IDLE_CLOSE, which it tells us); the chat looks this long after
  // that spell has passed, to learn that it has ended.
  const IDLE_MARGIN_MS = 1000;

  const norm = (s) => {
    s = String(s || '').toLowerCase().split(/[-_]/)[0];
    return { nb: 'nb', no: 'nb', nob: 'nb', nn: 'nn', nno: 'nn', en: 'en', eng: 'en' }[s] || '';
  };
  const pickLang = () => norm(ds.lang) || (navigator.languages || [navigator.language]).map(norm).find(Boolean) || 'nb';

  let lang = pickLang();
  let conv = load();
  let status = 'open';
  const shown = new Set(); // ids of stored messages already in the log
  let busy = false;
  let asked = false; // the customer has sent a message in this page view
  let pollTimer = 0;
  let idleMs = 0; // the server's quiet spell before it closes, 0: none
  let idleTimer = 0;

  // t returns a text of the chat in the current standard; %s are filled in
  // order.
  const t = (key, ...args) => {
    let i = 0;
    return (texts[lang] || {})['web.chat.' + key]?.replace(/%s/g, () => args[i++] ?? '') ?? key;
  };

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(storeKey)) || null;
    } catch (e) {
      return null;
    }
  }
  function save() {
    try {
      if (conv) sessionStorage.setItem(storeKey, JSON.stringify(conv));
      else sessionStorage.removeItem(storeKey);
    } catch (e) { /* storage blocked: the conversation lasts this page view */ }
    if (privacy) privacy.hidden = !conv;
  }

  // el builds an element: attributes, "text" for a text node, "on*"
  // listeners.
  function el(tag, attrs, kids) {
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
  function icon(d, cls) {
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
  const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  const THUMB = 'M2 10h4v11H2zM8 21h9.6a2 2 0 0 0 2-1.6l1.3-7A2 2 0 0 0 19 10h-5.4l.8-4.1A2 2 0 0 0 12.4 3.4L8 9.5z';
  const CROSS = 'M6 6l12 12M18 6L6 18';

  // Texts bound to elements are set now and again when the standard
  // changes.
  const bound = [];
  function bind(e, key, attr) {
    bound.push([e, key, attr]);
    setText(e, key, attr);
    return e;
  }
  function setText(e, key, attr) {
    const v = typeof key === 'function' ? key() : t(key);
    if (attr) e.setAttribute(attr, v);
    else e.textContent = v;
  }
  function applyTexts() {
    for (const b of bound) setText(...b);
    panel.lang = lang;
    panel.parentNode.lang = lang;
  }

  async function fetchTexts(l) {
    if (texts[l]) return;
    const r = await fetch(base + '/api/v1/locales/' + l, { credentials: 'omit' });
    if (!r.ok) throw new Error('texts ' + r.status);
    texts[l] = await r.json();
  }

  // ---- the user interface ----
  let root, panel, log, input, sendBtn, humanBtn, launcher, starters, privacy, confirmBox, endBox, endNo, badge, news;

  function build(host) {
    root = host.attachShadow({ mode: 'open' });
    // __LOS_CSS__ is the stylesheet's content-hashed path, set when the
    // bundle is built (internal/assetbuild).
    root.append(el('link', { rel: 'stylesheet', href: base + __LOS_CSS__ }));
    const color = ds.color && accent(ds.color);
    if (color) {
      host.style.setProperty('--los-accent', ds.color);
      host.style.setProperty('--los-on-accent', color);
    }
    const wrap = el('div', { class: 'los ' + (inline ? 'inline' : 'float') + (ds.position === 'left' ? ' left' : '') });
    root.append(wrap);

    log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
    bind(log, 'log', 'aria-label');
    starters = el('div', { class: 'starters', role: 'group' });
    bind(starters, 'starters', 'aria-label');
    input = el('textarea', { id: 'los-input', rows: '1', maxlength: '4000', autocomplete: 'off', onkeydown: onKey });
    bind(input, 'placeholder', 'placeholder');
    sendBtn = el('button', { type: 'submit', class: 'send' });
    bind(sendBtn, 'send');
    humanBtn = el('button', { type: 'button', class: 'human', onclick: human });
    bind(humanBtn, 'human');
    const endBtn = bind(el('button', { type: 'button', class: 'link', onclick: askEnd }), 'end');
    const delBtn = bind(el('button', { type: 'button', class: 'link', onclick: () => showConfirm(confirmBox, no) }), 'delete');
    const no = bind(el('button', { type: 'button', onclick: () => showConfirm(null, delBtn) }), 'cancel');
    endNo = bind(el('button', { type: 'button', onclick: () => showConfirm(null, endBtn) }), 'cancel');
    privacy = el('span', { class: 'privacy' }, [
      endBtn,
      bind(el('button', { type: 'button', class: 'link', onclick: download }), 'download'),
      delBtn,
    ]);
    confirmBox = el('div', { class: 'confirm', role: 'group', hidden: true }, [
      bind(el('span'), 'delete_confirm'),
      bind(el('button', { type: 'button', class: 'danger', onclick: remove }), 'delete_yes'),
      no,
    ]);
    endBox = el('div', { class: 'confirm', role: 'group', hidden: true }, [
      bind(el('span'), 'end_confirm'),
      bind(el('button', { type: 'button', onclick: end }), 'end_yes'),
      endNo,
    ]);
    const title = el('span');
    bind(title, () => ds.title || t('title'));
    const disclosure = el('p', { class: 'disclosure' });
    bind(disclosure, 'disclosure');

    panel = el('section', { id: 'los-panel', class: 'panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'los-title' }, [
      el('header', { class: 'head' }, [
        el('div', { class: 'head-text' }, [
          el('h2', { id: 'los-title' }, [title, ' ', bind(el('span', { class: 'badge' }), 'ai_badge')]),
          disclosure,
        ]),
        inline ? null : bind(el('button', { type: 'button', class: 'close', onclick: close }, [icon(CROSS)]), 'close', 'aria-label'),
      ]),
      log,
      starters,
      el('div', { class: 'bar' }, [humanBtn, privacy]),
      confirmBox,
      endBox,
      el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); send(input.value); } }, [
        bind(el('label', { for: 'los-input', class: 'sr' }), 'input_label'),
        input,
        sendBtn,
      ]),
    ]);
    if (!inline) {
      panel.hidden = true;
      badge = el('span', { class: 'unread', 'aria-hidden': 'true', hidden: true });
      launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'los-panel', onclick: () => (panel.hidden ? open() : close()) },
        [icon(CHAT), bind(el('span'), 'launcher'), badge]);
      bind(launcher, () => t(badge.hidden ? 'launcher' : 'launcher_unread'), 'aria-label');
      news = el('span', { class: 'sr', role: 'status' });
      wrap.append(launcher, news);
      wrap.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); close(); }
      });
    }
    wrap.append(panel);
    privacy.hidden = !conv;
    applyTexts();
    greet();
  }

  // accent returns the text colour (black or white) that reads best on the
  // site's colour, or "" when it is no colour.
  function accent(c) {
    if (!CSS.supports('color', c)) return '';
    const probe = el('i');
    probe.style.color = c;
    root.append(probe);
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
    panel.hidden = false;
    markUnread(true);
    launcher.setAttribute('aria-expanded', 'true');
    scrollDown();
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }
  function onKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send(input.value);
    }
  }
  const scrollDown = () => { log.scrollTop = log.scrollHeight; };

  function greet() {
    const m = message('bot', null, 'greeting');
    bind(m.querySelector('.text'), 'greeting');
    for (const key of Object.keys(texts[lang]).filter((k) => k.startsWith('web.chat.starter.')).sort()) {
      starters.append(bind(el('button', { type: 'button', class: 'starter', onclick: (e) => send(e.currentTarget.textContent) }), key.slice(9)));
    }
  }

  // message adds a message to the log and returns it; who is customer,
  // bot, agent, system or error.
  function message(who, text, cls) {
    const label = { customer: 'you', bot: 'bot', agent: 'agent' }[who] || 'system';
    const body = el('div', { class: 'text' });
    const m = el('div', { class: 'msg ' + who + (cls ? ' ' + cls : '') }, [bind(el('span', { class: 'who' }), label), body]);
    if (text != null) body.textContent = text;
    log.append(m);
    scrollDown();
    return m;
  }
  function typing() {
    return log.appendChild(el('div', { class: 'msg bot typing' }, [
      el('span', { class: 'sr', text: t('typing') }),
      el('span', { class: 'dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]),
    ]));
  }

  // ---- rendering answers: simple Markdown to text nodes ----
  function render(box, text, cites) {
    box.textContent = '';
    let list = null;
    let para = null;
    for (const line of text.split('\n')) {
      const m = /^\s*(?:[-*•]|(\d+)[.)])\s+(.*)$/.exec(line);
      if (!line.trim()) {
        list = para = null;
      } else if (m) {
        const kind = m[1] ? 'ol' : 'ul';
        if (!list || list.localName !== kind) {
          list = box.appendChild(el(kind, { start: m[1] && m[1] !== '1' ? m[1] : null }));
        }
        inlineText(list.appendChild(el('li')), m[2], cites);
        para = null;
      } else {
        list = null;
        if (para) para.append(el('br'));
        else para = box.appendChild(el('p'));
        inlineText(para, line.trim(), cites);
      }
    }
  }
  function inlineText(parent, s, cites) {
    const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|\[(\d+)\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(s))) {
      parent.append(s.slice(last, m.index));
      if (m[1] != null) parent.append(el('strong', { text: m[1] }));
      else if (m[2] != null) parent.append(link(m[3], m[2]) || m[2]);
      else {
        const c = cites[Number(m[4]) - 1];
        parent.append(c ? link('/artikler/' + c.slug, '[' + m[4] + ']', t('source', m[4], c.title), 'cite') : m[0]);
      }
      last = re.lastIndex;
    }
    parent.append(s.slice(last));
  }
  // link makes a link to an article (/artikler/...) or a web page; any
  // other URL stays text.
  function link(url, text, label, cls) {
    let href;
    if (/^\/artikler\/[a-z0-9-]+(#[\p{L}\p{N}-]*)?$/u.test(url)) href = base + url;
    else if (/^https?:\/\//i.test(url)) href = url;
    else return null;
    const a = el('a', { href, class: cls, 'aria-label': label, text });
    if (!inline) {
      a.target = '_blank';
      a.rel = 'noopener';
      a.append(el('span', { class: 'sr', text: ' ' + t('new_tab') }));
    }
    return a;
  }
  const titled = (slug) => slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  // cited pairs cited slugs with their article titles, as the server gave
  // them.
  const cited = (slugs, sources) => (slugs || []).map((slug) => ({ slug, title: (sources || []).find((s) => s.slug === slug)?.title || titled(slug) }));

  // answer fills a bot message with the answer, its sources and feedback.
  function answer(m, text, cites, id, rating) {
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

  // ---- talking to the API ----
  class Failure extends Error {}
  const convPath = (p) => 'conversations/' + encodeURIComponent(conv.id) + p;

  async function call(method, path, body, sse) {
    const headers = { Accept: sse ? 'text/event-stream' : 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (conv && path.startsWith('conversations/')) headers.Authorization = 'Bearer ' + conv.token;
    let r;
    try {
      r = await fetch(base + '/api/v1/' + path + '?lang=' + lang, {
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

  async function ensureConv() {
    if (conv) return;
    const r = await call('POST', 'conversations', {});
    const j = await r.json();
    conv = { id: j.id, token: j.token };
    idleMs = (j.idle_close_seconds || 0) * 1000;
    status = 'open';
    shown.clear();
    save();
  }
  function forget() {
    clearTimeout(idleTimer);
    if (endBox) endBox.hidden = true;
    conv = null;
    status = 'open';
    save();
  }
  // onConv runs f on the conversation, starting a new one when the stored
  // one is gone (expired, deleted or closed).
  async function onConv(f) {
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

  async function readEvents(r, on) {
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

  function setBusy(on) {
    busy = on;
    log.setAttribute('aria-busy', String(on));
    sendBtn.setAttribute('aria-disabled', String(on));
  }

  async function send(text) {
    text = text.trim();
    if (!text) return input.focus();
    if (busy) return message('system', t('busy'));
    setBusy(true);
    if (starters.contains(root.activeElement)) input.focus();
    starters.hidden = true;
    input.value = '';
    message('customer', text);
    const dots = typing();
    let m = null;
    try {
      let res = null;
      let streamed = '';
      const cites = [];
      await onConv(async () => {
        // A second try (in a new conversation) starts the answer afresh.
        m?.remove();
        m = null;
        streamed = '';
        cites.length = 0;
        const r = await call('POST', convPath('/messages'), { text }, true);
        await readEvents(r, (ev, d) => {
          if (ev === 'token') {
            streamed += d.text;
            m = m || message('bot');
            dots.remove();
            render(m.querySelector('.text'), streamed, []);
            scrollDown();
          } else if (ev === 'citation') cites.push(d);
          else if (ev === 'done') res = d;
          else if (ev === 'error') {
            const f = new Failure(d.error?.display || t('error'));
            // The conversation closed while the answer was written: onConv
            // sends the message again in a new one.
            if (d.error?.code === 'conflict') f.status = 409;
            throw f;
          }
        });
      });
      if (!res) throw new Failure(t('error'));
      await finish(res, m, cites);
    } catch (e) {
      m?.remove();
      message('system', e instanceof Failure ? e.message : t('error'), 'error');
      if (!input.value) input.value = text;
    } finally {
      dots.remove();
      setBusy(false);
    }
  }

  // finish shows a turn's result and follows its language and status.
  async function finish(res, m, cites) {
    if (res.message_id) shown.add(res.message_id);
    if (!cites.length) cites = cited(res.citations, res.sources);
    if (!asked && res.lang && res.lang !== lang) await switchLang(res.lang);
    asked = true;
    starters.hidden = true;
    if (res.held) {
      m?.remove();
      message('system', t('held'));
    } else {
      answer(m || message('bot'), res.answer, cites, res.message_id, 0);
    }
    if (res.action === 'handoff_now' && status === 'open') status = 'waiting';
    if (res.callback) callbackForm();
    watchIdle(status === 'open' && !res.held ? idleMs : 0);
    poll();
  }

  async function switchLang(l) {
    try {
      await fetchTexts(l);
      lang = l;
      if (conv) { conv.lang = l; save(); }
      applyTexts();
    } catch (e) { /* keep the current texts */ }
  }

  async function human() {
    if (busy) return message('system', t('busy'));
    setBusy(true);
    const dots = typing();
    try {
      const res = await onConv(async () => (await call('POST', convPath('/handoff'), {})).json());
      await finish(res, null, []);
    } catch (e) {
      message('system', e instanceof Failure ? e.message : t('error'), 'error');
    } finally {
      dots.remove();
      setBusy(false);
    }
  }

  // ---- ending the conversation: "Avslutt samtalen" ----
  // Ending is asked first only while a person is involved (waiting for or
  // talking with an agent), where it gives up the place in the queue; with
  // the bot it loses nothing: the transcript stays, and writing again
  // starts a new conversation.
  function askEnd() {
    if (busy) return message('system', t('busy'));
    if (status === 'waiting' || status === 'agent') return showConfirm(endBox, endNo);
    end();
  }
  async function end() {
    showConfirm(null);
    if (busy || !conv) return;
    const c = conv;
    let tr;
    setBusy(true);
    try {
      tr = await (await call('POST', convPath('/close'))).json();
    } catch (e) {
      if (e.status !== 401 && e.status !== 404) return message('system', e instanceof Failure ? e.message : t('error'), 'error');
      forget(); // gone already: deleted or expired
      return message('system', t('ended_customer'));
    } finally {
      setBusy(false);
    }
    if (conv !== c) return;
    clearTimeout(pollTimer);
    showNew(tr);
    status = tr.status;
    ended(tr);
    input.focus();
  }

  // ---- privacy: download or delete the conversation ----
  async function download() {
    try {
      const blob = await (await call('GET', convPath('/export'))).blob();
      const a = el('a', { href: URL.createObjectURL(blob), download: 'samtale-' + conv.id + '.txt' });
      root.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    } catch (e) {
      message('system', e instanceof Failure ? e.message : t('error'), 'error');
    }
  }
  // showConfirm shows one confirmation box (none: null) and moves focus to
  // focus.
  function showConfirm(box, focus) {
    for (const b of [confirmBox, endBox]) b.hidden = b !== box;
    focus?.focus();
  }
  async function remove() {
    try {
      await call('DELETE', convPath(''));
    } catch (e) {
      if (e.status !== 401) return message('system', e instanceof Failure ? e.message : t('error'), 'error');
    }
    clearTimeout(pollTimer);
    forget();
    cbForm?.remove();
    showConfirm(null);
    for (const m of log.querySelectorAll('.msg:not(.greeting)')) m.remove();
    starters.hidden = false;
    asked = false;
    message('system', t('deleted'));
    input.focus();
  }

  // ---- an agent's reply while the floating panel is closed ----
  let unread = 0;
  // markUnread counts one more unread agent message, or clears the count,
  // on the launcher, its label and a status line for screen readers.
  function markUnread(clear) {
    if (inline || (!clear && !panel.hidden)) return;
    unread = clear ? 0 : unread + 1;
    badge.hidden = !unread;
    badge.textContent = unread ? String(unread) : '';
    news.textContent = unread ? t('unread') : '';
    setText(launcher, () => t(unread ? 'launcher_unread' : 'launcher'), 'aria-label');
  }

  // ---- call-back: when nobody can take over now, the customer may
  // leave a name and phone number ----
  let cbForm = null;
  function callbackForm() {
    cbForm?.remove();
    const fields = {};
    const field = (name, tag, attrs, hint) => {
      const id = 'los-cb-' + name;
      const err = el('span', { id: id + '-err', class: 'cb-err', role: 'alert' });
      const help = hint && bind(el('span', { id: id + '-hint', class: 'cb-hint' }), hint);
      const box = el(tag, { id, name, 'aria-describedby': (help ? id + '-hint ' : '') + id + '-err', ...attrs });
      fields[name] = { box, err };
      return el('div', { class: 'cb-field' }, [bind(el('label', { for: id }), 'callback.' + name), help, box, err]);
    };
    const btn = bind(el('button', { type: 'submit', class: 'send' }), 'callback.submit');
    const general = el('p', { class: 'cb-err', role: 'alert' });
    const form = el('form', { class: 'callback', novalidate: true, 'aria-labelledby': 'los-cb-title', onsubmit: (e) => {
      e.preventDefault();
      requestCallback(form, fields, general, btn);
    } }, [
      bind(el('h3', { id: 'los-cb-title' }), 'callback.title'),
      field('name', 'input', { type: 'text', autocomplete: 'name', maxlength: '100', required: true }),
      field('phone', 'input', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: '30', required: true }, 'callback.phone_hint'),
      field('note', 'textarea', { rows: '2', maxlength: '1000' }),
      btn,
      general,
    ]);
    cbForm = form;
    log.append(form);
    scrollDown();
  }
  async function requestCallback(form, fields, general, btn) {
    if (btn.getAttribute('aria-disabled') === 'true') return;
    for (const f of Object.values(fields)) {
      f.err.textContent = '';
      f.box.removeAttribute('aria-invalid');
    }
    general.textContent = '';
    btn.setAttribute('aria-disabled', 'true');
    const body = {};
    for (const [k, f] of Object.entries(fields)) body[k] = f.box.value;
    try {
      const j = await (await call('POST', convPath('/callback'), body)).json();
      form.remove();
      if (cbForm === form) cbForm = null;
      message('system', j.message || t('callback.thanks'), 'callback-done');
      input.focus();
    } catch (e) {
      const f = fields[/^(name|phone|note)\b/.exec(e.detail || '')?.[1]];
      const text = e instanceof Failure ? e.message : t('error');
      if (f) {
        f.box.setAttribute('aria-invalid', 'true');
        f.err.textContent = text;
        f.box.focus();
      } else {
        general.textContent = text;
      }
    } finally {
      btn.removeAttribute('aria-disabled');
    }
  }

  // ---- the transcript: restored after a reload, polled for agents,
  // looked at again when the conversation may have ended ----
  async function restore() {
    let tr;
    try {
      tr = await (await call('GET', convPath(''))).json();
    } catch (e) {
      if (e.status === 401 || e.status === 404) forget();
      return;
    }
    // A conversation that ended while the page was away is shown once
    // more, to ask how it went, unless that was asked already.
    if (tr.status === 'closed' && (conv.csat || tr.csat_answered || !answered(tr.messages))) return forget();
    if (tr.lang && tr.lang !== lang) await switchLang(tr.lang);
    asked = tr.messages.some((x) => x.role === 'customer');
    starters.hidden = asked;
    for (const x of tr.messages) show(x);
    status = tr.status;
    if (status === 'closed') return ended(tr);
    if (tr.callback_offered) callbackForm();
    follow(tr);
  }
  function show(x) {
    shown.add(x.id);
    if (x.role === 'bot') {
      answer(message('bot'), x.text, cited(x.citations, x.sources), x.id, x.rating);
    } else {
      message(x.role, x.text);
    }
  }
  // answered reports whether the customer got an answer: from an agent,
  // or from the bot after writing.
  function answered(msgs) {
    let wrote = false;
    for (const x of msgs) {
      if (x.role === 'customer') wrote = true;
      else if (x.role === 'agent' || (x.role === 'bot' && wrote)) return true;
    }
    return false;
  }
  // follow keeps up with the conversation's state: polls while a person
  // is involved, and looks again when the bot's quiet spell is over.
  function follow(tr) {
    idleMs = (tr.idle_close_seconds || 0) * 1000;
    watchIdle(status === 'open' ? (tr.closes_in_seconds || 0) * 1000 : 0);
    poll();
  }
  function watchIdle(ms) {
    clearTimeout(idleTimer);
    if (!conv || !ms) return;
    const c = conv;
    idleTimer = setTimeout(() => {
      if (conv === c && !busy) refresh().catch(() => {});
    }, ms + IDLE_MARGIN_MS);
  }
  function poll() {
    clearTimeout(pollTimer);
    if (!conv || (status !== 'waiting' && status !== 'agent')) return;
    pollTimer = setTimeout(async () => {
      if (!document.hidden && !busy) await refresh().catch(() => {});
      poll();
    }, POLL_MS);
  }
  async function refresh() {
    const c = conv;
    const tr = await (await call('GET', convPath(''))).json();
    // Deleted, ended or replaced meanwhile; or a message is on its way,
    // whose answer tells what became of the conversation.
    if (conv !== c || busy) return;
    showNew(tr);
    status = tr.status;
    if (status === 'closed') ended(tr);
    else follow(tr);
  }
  // showNew shows the agent's messages and the server's notices (taken
  // over, handed back, closed) the log does not have yet.
  function showNew(tr) {
    for (const x of tr.messages) {
      if (shown.has(x.id)) continue;
      shown.add(x.id);
      if (x.role !== 'agent' && x.role !== 'system') continue;
      message(x.role, x.text);
      if (x.role === 'agent') markUnread();
    }
  }
  // ended says that the conversation is over (the server stores the
  // notice of an agent's or the customer's closing; closing for quiet has
  // none), asks how it went
  // if the customer got an answer and was not asked yet, and lets the
  // next message start a new conversation.
  function ended(tr) {
    const c = conv;
    if (tr.messages.at(-1)?.role !== 'system') message('system', t('ended_idle'));
    cbForm?.remove();
    cbForm = null;
    if (answered(tr.messages) && !tr.csat_answered) csatForm(c);
    forget();
  }

  // ---- satisfaction: one question (1 to 5, optional comment) when the
  // conversation has ended; a later answer replaces an earlier one ----
  let csatEl = null;
  function csatForm(c) {
    if (!c || c.csat) return;
    c.csat = true; // asked once per conversation
    save();
    let score = 0;
    const note = el('p', { class: 'cb-err', role: 'alert' });
    const scores = [1, 2, 3, 4, 5].map((n) => el('button', {
      type: 'button', class: 'csat-score', 'aria-pressed': 'false', text: String(n), onclick: () => {
        score = n;
        scores.forEach((b, i) => b.setAttribute('aria-pressed', String(i === n - 1)));
      },
    }));
    scores.forEach((b, i) => bind(b, () => t('csat.score', String(i + 1)), 'aria-label'));
    const comment = el('textarea', { id: 'los-csat-comment', rows: '2', maxlength: '1000' });
    const form = el('form', { class: 'callback csat', novalidate: true, 'aria-labelledby': 'los-csat-title', onsubmit: async (e) => {
      e.preventDefault();
      if (!score) return (note.textContent = t('csat.choose'));
      try {
        const r = await fetch(base + '/api/v1/conversations/' + encodeURIComponent(c.id) + '/csat?lang=' + lang, {
          method: 'POST', credentials: 'omit', body: JSON.stringify({ score, comment: comment.value }),
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + c.token },
        });
        if (!r.ok) throw new Error('csat ' + r.status);
        form.remove();
        message('system', t('csat.thanks'));
      } catch (err) {
        note.textContent = t('error');
      }
    } }, [
      bind(el('h3', { id: 'los-csat-title' }), 'csat.title'),
      el('div', { class: 'csat-scores', role: 'group', 'aria-labelledby': 'los-csat-title' },
        [bind(el('span', { class: 'cb-hint' }), 'csat.low'), ...scores, bind(el('span', { class: 'cb-hint' }), 'csat.high')]),
      el('div', { class: 'cb-field' }, [bind(el('label', { for: 'los-csat-comment' }), 'csat.comment'), comment]),
      bind(el('button', { type: 'submit', class: 'send' }), 'csat.submit'),
      note,
    ]);
    csatEl?.remove();
    csatEl = form;
    log.append(form);
    scrollDown();
  }

  async function start() {
    try {
      if (conv?.lang) lang = conv.lang;
      const own = inline && document.getElementById(ds.target)?.dataset.texts;
      if (own && norm(ds.lang) === lang) texts[lang] = JSON.parse(own);
      await fetchTexts(lang);
    } catch (e) {
      return; // without texts there is no chat; the page still works
    }
    const host = inline ? document.getElementById(ds.target) : document.body.appendChild(el('div', { id: 'los-widget' }));
    if (!host) return;
    build(host);
    if (conv) await restore();
    // Timers sleep in a hidden tab: look once when the customer is back.
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && conv && !busy) refresh().catch(() => {});
    });
  }
  start();
})();
