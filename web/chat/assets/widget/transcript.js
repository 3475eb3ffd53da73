// The transcript: restored after a reload, followed live while a person
// is involved (live.js), looked at again when the conversation may have
// ended.
import { call, convPath, forget } from './api.js';
import { switchLang } from './chat.js';
import { csatForm, callbackForm, dropCallbackForm } from './forms.js';
import { cited } from './markdown.js';
import { listen, stop } from './live.js';
import { IDLE_MARGIN_MS, S, shown, t, ui } from './state.js';
import { setStatus } from './status.js';
import { agentMessage, answer, markUnread, message, setTime } from './ui.js';

export async function restore() {
  let tr;
  try {
    tr = await (await call('GET', convPath(''))).json();
  } catch (e) {
    if (e.status === 401 || e.status === 404) forget();
    return;
  }
  // A conversation that ended while the page was away is shown once
  // more, to ask how it went, unless that was asked already.
  if (tr.status === 'closed' && (S.conv.csat || tr.csat_answered || !answered(tr.messages))) return forget();
  if (tr.lang && tr.lang !== S.lang) await switchLang(tr.lang);
  S.asked = tr.messages.some((x) => x.role === 'customer');
  ui.starters.hidden = S.asked;
  for (const x of tr.messages) show(x);
  if (tr.status === 'closed') return ended(tr);
  setStatus(tr.status, tr.agent_name);
  if (tr.callback_offered) callbackForm();
  follow(tr);
}

function show(x) {
  shown.add(x.id);
  let m;
  if (x.role === 'bot') {
    answer(m = message('bot'), x.text, cited(x.citations, x.sources), x.id, x.rating);
  } else if (x.role === 'agent') {
    m = agentMessage(x);
  } else {
    m = message(x.role, x.text);
  }
  setTime(m, x.created);
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

// follow keeps up with the conversation's state: listens while a person
// is involved, and looks again when the bot's quiet spell is over.
function follow(tr) {
  S.idleMs = (tr.idle_close_seconds || 0) * 1000;
  watchIdle(S.status === 'open' ? (tr.closes_in_seconds || 0) * 1000 : 0);
  listen();
}

export function watchIdle(ms) {
  clearTimeout(S.idleTimer);
  if (!S.conv || !ms) return;
  const c = S.conv;
  S.idleTimer = setTimeout(() => {
    if (S.conv === c && !S.busy) refresh().catch(() => {});
  }, ms + IDLE_MARGIN_MS);
}

export async function refresh() {
  const c = S.conv;
  const tr = await (await call('GET', convPath(''))).json();
  // Deleted, ended or replaced meanwhile; or a message is on its way,
  // whose answer tells what became of the conversation.
  if (S.conv !== c || S.busy) return;
  showNew(tr);
  if (tr.status === 'closed') return ended(tr);
  setStatus(tr.status, tr.agent_name);
  follow(tr);
}

// showNew shows the agent's messages and the server's notices (taken
// over, handed back, closed) the log does not have yet.
export function showNew(tr) {
  for (const x of tr.messages) {
    if (shown.has(x.id)) continue;
    shown.add(x.id);
    if (x.role !== 'agent' && x.role !== 'system') continue;
    if (x.role === 'agent') {
      agentMessage(x);
      markUnread();
    } else {
      setTime(message(x.role, x.text), x.created);
    }
  }
}

// ended says that the conversation is over (the server stores the
// notice of an agent's or the customer's closing; closing for quiet has
// none), asks how it went if the customer got an answer and was not
// asked yet, and lets the next message start a new conversation.
export function ended(tr) {
  const c = S.conv;
  if (tr.messages.at(-1)?.role !== 'system') message('system', t('ended_idle'));
  dropCallbackForm();
  stop();
  if (answered(tr.messages) && !tr.csat_answered) csatForm(c);
  forget(true);
  setStatus('closed');
}
