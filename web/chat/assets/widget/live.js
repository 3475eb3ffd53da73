// Following the conversation while a person is involved (waiting for
// an agent or talking with one): one event stream from the server
// (GET .../stream) brings the agent's messages, the notices and the
// agent typing as they happen; it replaced polling every 4 s. The stream
// ends when the bot holds the conversation again or it has closed; a
// broken one is opened again, from the last message shown.
import { base, S, shown, t, ui } from './state.js';
import { readEvents } from './api.js';
import { el } from './dom.js';
import { dropCallbackForm } from './forms.js';
import { agentNamed, setStatus } from './status.js';
import { refresh, showNew } from './transcript.js';
import { scrollDown } from './ui.js';

let current = null; // { conv, ctrl } of the open stream

const involved = () => S.status === 'waiting' || S.status === 'agent';

// listen opens the stream for the conversation, if a person is involved
// and it is not open already.
export function listen() {
  if (!S.conv || !involved()) return stop();
  if (current && current.conv === S.conv) return;
  stop();
  current = { conv: S.conv, ctrl: new AbortController() };
  run(current);
}

// stop closes the stream.
export function stop() {
  current?.ctrl.abort();
  current = null;
}

const lastShown = () => Math.max(0, ...[...shown].filter(Number.isFinite));

async function run(me) {
  let wait = 1000;
  while (current === me) {
    let r;
    try {
      r = await fetch(base + '/api/v1/conversations/' + encodeURIComponent(me.conv.id) + '/stream?lang=' + S.lang + '&after=' + lastShown(), {
        headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + me.conv.token }, credentials: 'omit', signal: me.ctrl.signal,
      });
      if (r.status === 401 || r.status === 404) break; // gone: the next look says so
      if (r.ok) {
        wait = 1000;
        await readEvents(r, (ev, d) => on(me, ev, d));
      }
    } catch (e) {
      if (me.ctrl.signal.aborted) return;
    }
    if (current !== me || !involved() || S.conv !== me.conv) break;
    await new Promise((ok) => setTimeout(ok, wait));
    wait = Math.min(wait * 2, 15000);
  }
  if (current === me) current = null;
}

function on(me, ev, d) {
  if (current !== me) return;
  if (ev === 'message') {
    if (d.role === 'agent') {
      agentTyping(null);
      agentNamed(d.author_name);
    }
    if (!shown.has(d.id)) showNew({ messages: [d] });
  } else if (ev === 'typing') {
    agentTyping(d.name);
  } else if (ev === 'status' && (d.status !== S.status || (d.agent_name || '') !== S.agentName)) {
    if (d.status === 'waiting' || d.status === 'agent') {
      setStatus(d.status, d.agent_name);
      // Someone took over: the offer to be phoned instead is moot.
      if (d.status === 'agent') dropCallbackForm();
    }
    // Handed back or closed: the transcript says what became of it.
    else if (!S.busy) refresh().catch(() => {});
  }
}

// ---- typing, both ways ----
let typingEl = null;
let typingTimer = 0;

// agentTyping shows that the agent (name: their display name, "" for
// none) is typing, for a few seconds unless told again; null hides it.
function agentTyping(name) {
  clearTimeout(typingTimer);
  typingEl?.remove();
  typingEl = null;
  if (name == null) return;
  const text = name ? t('agent_typing', name) : t('agent_typing_anon');
  typingEl = el('div', { class: 'msg agent typing', role: 'status' }, [
    el('span', { class: 'sr', text }),
    el('span', { class: 'typing-who', 'aria-hidden': 'true', text }),
    el('span', { class: 'dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]),
  ]);
  ui.log.append(typingEl);
  scrollDown();
  typingTimer = setTimeout(() => agentTyping(null), 5000);
}

let typedAt = 0;
// typed tells the agent that the customer is typing, at most every 2.5 s,
// while a person is involved.
export function typed() {
  if (!S.conv || !involved() || Date.now() - typedAt < 2500) return;
  typedAt = Date.now();
  fetch(base + '/api/v1/conversations/' + encodeURIComponent(S.conv.id) + '/typing?lang=' + S.lang, {
    method: 'POST', headers: { Authorization: 'Bearer ' + S.conv.token }, credentials: 'omit',
  }).catch(() => {});
}
