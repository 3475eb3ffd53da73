// The conversation the agent chose: what it is about, the transcript,
// the customer typing, and taking over, replying, handing back, closing.
import { $, api, clock, convURL, el, t } from './dom.js';
import { render } from './markdown.js';
import { loadSuggestions } from './copilot.js';
import { updateTitle } from './notify.js';
import { renderQueue } from './queue.js';
import { renderSide } from './side.js';
import { state } from './state.js';

let shown = { id: null, count: 0 };
let typingTimer = 0;

export function select(id) {
  state.selected = id;
  const it = state.queue.get(id);
  if (it && !document.hidden) state.seen.set(id, it.customer_messages);
  renderQueue();
  updateTitle();
  return load();
}

export async function load() {
  const id = state.selected;
  if (!id) return;
  try {
    const c = await api('GET', convURL(id));
    if (state.selected !== id) return;
    state.conversation = c;
    renderConversation();
  } catch (e) {
    showError(e);
  }
}

// reload follows a change the stream announced.
export function reloadIfSelected(id) {
  if (id === state.selected) load();
}

// showTyping says for a few seconds that the customer is typing.
export function showTyping(id) {
  if (id !== state.selected) return;
  $('customer-typing').textContent = t('agent.customer_typing');
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { $('customer-typing').textContent = ''; }, 4000);
}

function author(m) {
  if (m.role !== 'agent') return t('agent.role.' + m.role);
  return m.author_name || t('agent.role.agent');
}

function message(m) {
  const text = el('div', { class: 'msg-text' });
  if (m.role === 'agent' || m.role === 'bot') render(text, m.text);
  else text.textContent = m.text;
  return el('li', { class: 'msg msg-' + m.role }, [
    el('span', { class: 'msg-meta' }, [author(m) + ' · ', el('time', { datetime: m.created, text: clock(m.created) })]),
    text,
  ]);
}

function renderConversation() {
  const c = state.conversation;
  const h = c.handoff;
  $('placeholder').hidden = true;
  $('conversation').hidden = false;
  $('conversation-title').textContent = t('agent.why.' + c.reason_key) + ' · ' + t('agent.severity.' + h.severity);
  $('fact-reason').textContent = t('agent.why.' + c.reason_key) + ' (' + t('agent.category.' + h.category) + ')';
  $('fact-summary').replaceChildren(...c.summary.map((line) => el('li', { text: line })));
  $('summary-by-model').hidden = !c.summary_by_model;
  $('why').replaceChildren(...(c.why.length ? c.why : [t('agent.why_none')]).map((line) => el('li', { text: line })));
  const customerMessages = c.messages.filter((m) => m.role === 'customer').length;
  if (customerMessages !== shown.count || c.id !== shown.id) $('customer-typing').textContent = '';
  $('transcript').replaceChildren(...c.messages.map(message));
  if (c.messages.length !== shown.count || c.id !== shown.id) {
    // New messages: bring the end of the transcript and the reply box into view.
    requestAnimationFrame(() => document.querySelector('.actions').scrollIntoView({ block: 'end' }));
  }
  const fresh = c.id !== shown.id || customerMessages !== shown.customers;
  shown = { id: c.id, count: c.messages.length, customers: customerMessages };
  const open = h.status !== 'closed';
  $('claim').hidden = !(open && h.status === 'waiting');
  $('reply-form').hidden = !(open && c.mine);
  $('finish').hidden = !(open && (c.mine || h.status === 'waiting'));
  $('action-error').hidden = true;
  renderSide(c);
  if (open && c.mine && fresh) loadSuggestions(c.id);
  else if (!(open && c.mine)) $('copilot').hidden = true;
}

export function showError(err) {
  const p = $('action-error');
  p.textContent = t('agent.error', err.message);
  p.hidden = false;
}

// act does something to the chosen conversation and shows it again.
export async function act(method, path, body) {
  try {
    await api(method, convURL(state.selected, path), body);
    await load();
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

export function setupConversation() {
  $('claim').addEventListener('click', () => act('POST', '/claim'));
  $('handback').addEventListener('click', () => act('POST', '/handback'));
  $('close-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('POST', '/close', { outcome: $('outcome').value });
  });
}

