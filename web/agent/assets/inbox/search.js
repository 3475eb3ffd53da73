// Searching conversations: by text, category, status, agent, dates, or
// the agent's own.
import { $, api, day, el, t } from './dom.js';

let onOpen = () => {};
// setOpen names what choosing a result does.
export function setOpen(f) { onOpen = f; }

function result(c) {
  const who = c.claimed_name || c.claimed_by;
  return el('li', { class: 'item' }, [el('button', { type: 'button', class: 'item-button', onclick: () => onOpen(c.id) }, [
    el('span', { class: 'item-head' }, [
      el('span', { class: 'reason', text: t('agent.category.' + (c.category || 'none')) }),
      el('span', { class: 'waited', text: day(c.updated) }),
    ]),
    el('span', { class: 'words', text: c.first_words ? '«' + c.first_words + '»' : t('agent.no_words') }),
    el('span', { class: 'who', text: t('agent.status.' + c.status) + (who ? ' · ' + who : '') }),
  ])]);
}

async function search(ev) {
  ev.preventDefault();
  const q = new URLSearchParams();
  for (const [k, v] of new FormData($('search-form'))) if (String(v).trim()) q.set(k, String(v).trim());
  try {
    const res = await api('GET', '/api/v1/agent/conversations?' + q);
    $('search-results').replaceChildren(...res.items.map(result));
    const n = res.items.length;
    $('search-count').textContent = n === 1 ? t('agent.search_count_one') : n ? t('agent.search_count', n) : t('agent.search_none');
  } catch (e) {
    $('search-count').textContent = t('agent.error', e.message);
  }
}

export function setupSearch() {
  $('search-form').addEventListener('submit', search);
}
