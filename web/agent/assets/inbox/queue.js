// The queue: the whole of it when the stream starts, then the entries
// that changed, most urgent first; "all" or "mine".
import { $, byUrgency, el, me, t, waited } from './dom.js';
import { alert, mine, updateTitle, viewing } from './notify.js';
import { state } from './state.js';

let onSelect = () => {};
// setSelect names what choosing an entry does.
export function setSelect(f) { onSelect = f; }

export function renderStatus(st) {
  $('service-status').textContent = (st.open ? t('agent.open') : t('agent.closed')) + ' · ' + t('agent.online', st.agents_online);
}

// applyQueue takes the whole queue; what the agent had not seen before
// counts as seen.
export function applyQueue(q) {
  state.queue = new Map(q.items.map((it) => [it.conversation_id, it]));
  for (const it of q.items) {
    if (!state.seen.has(it.conversation_id) || viewing(it.conversation_id)) state.seen.set(it.conversation_id, it.customer_messages);
  }
  renderStatus(q.status);
  renderQueue();
}

// applyItems takes the entries that changed and the conversations that
// left; it tells the agent of new conversations and of customers who
// wrote in a conversation they hold.
export function applyItems(d) {
  for (const id of d.removed) {
    state.queue.delete(id);
    state.fresh.delete(id);
  }
  for (const it of d.changed) {
    const id = it.conversation_id;
    const before = state.queue.get(id);
    state.queue.set(id, it);
    if (!before) {
      if (document.hidden) state.fresh.add(id);
      if (!state.seen.has(id)) state.seen.set(id, it.customer_messages);
      if (it.status === 'waiting') alert(t('agent.notify_new', t('agent.why.' + it.reason_key)));
    } else if (viewing(id)) {
      state.seen.set(id, it.customer_messages);
    } else if (mine(it) && it.customer_messages > (state.seen.get(id) || 0) && it.customer_messages > before.customer_messages) {
      alert(t('agent.notify_message'));
    }
  }
  renderQueue();
}

function entry(it) {
  const li = el('li', { class: 'item severity-' + it.severity });
  li.dataset.conversation = it.conversation_id;
  const unread = mine(it) ? Math.max(0, it.customer_messages - (state.seen.get(it.conversation_id) || 0)) : 0;
  const who = it.status === 'claimed' ? t('agent.claimed_by', mine(it) ? (me.name || me.email) : (it.claimed_name || it.claimed_by)) : t('agent.waiting');
  const b = el('button', { type: 'button', class: 'item-button', 'aria-current': it.conversation_id === state.selected ? 'true' : null,
    onclick: () => onSelect(it.conversation_id) }, [
    el('span', { class: 'item-head' }, [
      el('span', { class: 'badge badge-' + it.severity, text: t('agent.severity.' + it.severity) }),
      el('span', { class: 'reason', text: t('agent.why.' + it.reason_key) }),
      el('span', { class: 'waited', 'data-created': it.created, text: t('agent.waited', waited(it.created)) }),
    ]),
    el('span', { class: 'words', text: it.first_words ? '«' + it.first_words + '»' : t('agent.no_words') }),
    el('span', { class: 'who' + (mine(it) ? ' mine' : '') }, [
      who + ' · ' + t('agent.lang.' + (it.lang || 'unknown')),
      unread ? el('span', { class: 'unread', text: t('agent.unread_count', unread) }) : null,
    ]),
  ]);
  li.append(b);
  return li;
}

export function renderQueue() {
  const list = $('queue');
  const focused = list.contains(document.activeElement) ? document.activeElement.closest('li')?.dataset.conversation : null;
  const items = [...state.queue.values()].sort(byUrgency);
  const shown = state.filter === 'mine' ? items.filter(mine) : items;
  list.replaceChildren(...shown.map(entry));
  if (focused) list.querySelector(`li[data-conversation="${CSS.escape(focused)}"] button`)?.focus();
  $('queue-empty').hidden = shown.length > 0;
  const waiting = items.filter((it) => it.status === 'waiting').length;
  $('queue-count').textContent = waiting ? '(' + waiting + ')' : '';
  const held = items.filter(mine).length;
  $('mine-count').textContent = held ? '(' + held + ')' : '';
  updateTitle();
}

export function setupQueue() {
  for (const f of ['all', 'mine']) {
    $('filter-' + f).addEventListener('click', () => {
      state.filter = f;
      $('filter-all').setAttribute('aria-pressed', String(f === 'all'));
      $('filter-mine').setAttribute('aria-pressed', String(f === 'mine'));
      renderQueue();
    });
  }
  // Waiting times move on without the server (and without moving focus).
  setInterval(() => {
    for (const w of document.querySelectorAll('#queue .waited')) w.textContent = t('agent.waited', waited(w.dataset.created));
  }, 30000);
}
