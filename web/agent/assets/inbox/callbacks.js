// Call-back requests: customers who asked to be phoned.
import { $, api, el, t } from './dom.js';
import { state } from './state.js';

let onShow = () => {};
// setShow names what "show the conversation" does.
export function setShow(f) { onShow = f; }

export async function loadCallbacks() {
  try {
    state.callbacks = (await api('GET', '/api/v1/agent/callbacks')).items;
    renderCallbacks();
  } catch (e) { /* the list stays as it was */ }
}

function callback(cb) {
  const li = el('li', { class: 'callback callback-' + cb.status }, [
    el('strong', { class: 'cb-name', text: cb.name }),
    el('a', { class: 'cb-phone', href: 'tel:' + cb.phone.replace(/[^\d+]/g, ''), text: cb.phone }),
    cb.note ? el('p', { class: 'cb-note', text: cb.note }) : null,
    el('span', { class: 'cb-time', text: new Date(cb.created).toLocaleString() }),
    el('button', { type: 'button', class: 'link', text: t('agent.show_conversation'), onclick: () => onShow(cb.conversation_id) }),
  ]);
  if (cb.status === 'open') {
    li.append(el('button', { type: 'button', text: t('agent.done'), onclick: () => api('POST', '/api/v1/agent/callbacks/' + cb.id + '/done').then(loadCallbacks) }));
  } else {
    li.append(el('span', { class: 'cb-done', text: t('agent.done') + ' · ' + (cb.handled_by || '') }));
  }
  return li;
}

function renderCallbacks() {
  $('callbacks').replaceChildren(...state.callbacks.map(callback));
  $('callbacks-empty').hidden = state.callbacks.length > 0;
  const open = state.callbacks.filter((cb) => cb.status === 'open').length;
  $('callbacks-count').textContent = open ? '(' + open + ')' : '';
}
