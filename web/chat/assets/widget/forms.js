// The chat's two forms: a call-back when nobody can take over now (the
// customer leaves a name and phone number), and satisfaction when the
// conversation has ended.
import { call, convPath, Failure } from './api.js';
import { bind, el } from './dom.js';
import { base, S, save, t, ui } from './state.js';
import { message, scrollDown } from './ui.js';

let cbForm = null;

// dropCallbackForm takes the call-back form away, if it is shown.
export function dropCallbackForm() {
  cbForm?.remove();
  cbForm = null;
}

export function callbackForm() {
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
  ui.log.append(form);
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
    ui.input.focus();
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

// ---- satisfaction: one question (1 to 5, optional comment) when the
// conversation has ended; a later answer replaces an earlier one ----
let csatEl = null;
export function csatForm(c) {
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
      const r = await fetch(base + '/api/v1/conversations/' + encodeURIComponent(c.id) + '/csat?lang=' + S.lang, {
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
  ui.log.append(form);
  scrollDown();
}
