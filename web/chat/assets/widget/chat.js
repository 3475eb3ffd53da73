// What the customer does: write, ask for a person, end, download or
// delete the conversation.
import { call, convPath, Failure, forget, forgetVisitor, onConv, readEvents } from './api.js';
import { applyTexts, el } from './dom.js';
import { callbackForm, dropCallbackForm } from './forms.js';
import { cited, render } from './markdown.js';
import { fetchTexts, S, save, shown, t, ui } from './state.js';
import { listen, stop } from './live.js';
import { ended, showNew, watchIdle } from './transcript.js';
import { answer, message, problem, scrollDown, setBusy, showConfirm, typing } from './ui.js';

export async function send(text) {
  text = text.trim();
  if (!text) return ui.input.focus();
  if (S.busy) return message('system', t('busy'));
  setBusy(true);
  if (ui.starters.contains(ui.root.activeElement)) ui.input.focus();
  ui.starters.hidden = true;
  ui.input.value = '';
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
    problem(e);
    if (!ui.input.value) ui.input.value = text;
  } finally {
    dots.remove();
    setBusy(false);
  }
}

// finish shows a turn's result and follows its standard and status.
async function finish(res, m, cites) {
  if (res.message_id) shown.add(res.message_id);
  if (!cites.length) cites = cited(res.citations, res.sources);
  // The conversation's standard, as the server resolved it for this turn:
  // the first message sets it, and a customer who asks for another
  // ("kan du svare på nynorsk?") or clearly writes another changes it.
  if (res.lang && res.lang !== S.lang) await switchLang(res.lang);
  S.asked = true;
  ui.starters.hidden = true;
  if (res.held) {
    m?.remove();
    message('system', t('held'));
  } else {
    answer(m || message('bot'), res.answer, cites, res.message_id, 0);
  }
  if (res.action === 'handoff_now' && S.status === 'open') S.status = 'waiting';
  if (res.callback) callbackForm();
  watchIdle(S.status === 'open' && !res.held ? S.idleMs : 0);
  listen();
}

export async function switchLang(l) {
  try {
    await fetchTexts(l);
    S.lang = l;
    if (S.conv) { S.conv.lang = l; save(); }
    applyTexts();
  } catch (e) { /* keep the current texts */ }
}

export async function human() {
  if (S.busy) return message('system', t('busy'));
  setBusy(true);
  const dots = typing();
  try {
    const res = await onConv(async () => (await call('POST', convPath('/handoff'), {})).json());
    await finish(res, null, []);
  } catch (e) {
    problem(e);
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
export function askEnd() {
  if (S.busy) return message('system', t('busy'));
  if (S.status === 'waiting' || S.status === 'agent') return showConfirm(ui.endBox, ui.endNo);
  end();
}
export async function end() {
  showConfirm(null);
  if (S.busy || !S.conv) return;
  const c = S.conv;
  let tr;
  setBusy(true);
  try {
    tr = await (await call('POST', convPath('/close'))).json();
  } catch (e) {
    if (e.status !== 401 && e.status !== 404) return problem(e);
    forget(); // gone already: deleted or expired
    return message('system', t('ended_customer'));
  } finally {
    setBusy(false);
  }
  if (S.conv !== c) return;
  stop();
  showNew(tr);
  S.status = tr.status;
  ended(tr);
  ui.input.focus();
}

// ---- privacy: download or delete the conversation ----
export async function download() {
  try {
    const blob = await (await call('GET', convPath('/export'))).blob();
    const a = el('a', { href: URL.createObjectURL(blob), download: 'samtale-' + S.conv.id + '.txt' });
    ui.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  } catch (e) {
    problem(e);
  }
}
export async function remove() {
  try {
    await call('DELETE', convPath(''));
  } catch (e) {
    if (e.status !== 401) return problem(e);
  }
  stop();
  forget();
  forgetVisitor();
  dropCallbackForm();
  showConfirm(null);
  for (const m of ui.log.querySelectorAll('.msg:not(.greeting)')) m.remove();
  ui.starters.hidden = false;
  S.asked = false;
  message('system', t('deleted'));
  ui.input.focus();
}
