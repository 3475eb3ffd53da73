// Suggested replies for the conversation the agent holds: the knowledge
// base's best passages for the customer's last message, each with
// "insert", and a draft the model writes when it is there. Nothing is
// sent without the agent.
import { $, api, convURL, el, t } from './dom.js';
import { insert } from './composer.js';
import { render } from './markdown.js';
import { state } from './state.js';

function suggestion(s) {
  const more = t('agent.draft_read_more', '[' + s.title + '](' + s.url + ')');
  return el('li', { class: 'suggestion' }, [
    el('a', { href: s.url, target: '_blank', rel: 'noopener', class: 'sugg-title', text: s.title + (s.heading ? ' – ' + s.heading : '') }),
    s.relevant ? null : el('span', { class: 'weak', text: t('agent.copilot_weak') }),
    passage(s.text),
    el('button', { type: 'button', 'aria-label': t('agent.copilot_insert_label', s.title), text: t('agent.copilot_insert'),
      onclick: () => insert(s.text + '\n\n' + more) }),
  ]);
}

// passage shows an article's passage as the customer would read it.
function passage(text) {
  const box = el('div', { class: 'passage' });
  render(box, text);
  return box;
}

export async function loadSuggestions(id) {
  try {
    const s = await api('GET', convURL(id, '/suggestions'));
    if (state.selected !== id) return;
    $('copilot').hidden = false;
    $('copilot-for').textContent = s.for ? t('agent.copilot_for', s.for) : '';
    $('suggestions').replaceChildren(...(s.items.length ? s.items.map(suggestion) : [el('li', { class: 'empty', text: t('agent.copilot_none') })]));
    $('draft-status').textContent = '';
  } catch (e) {
    $('copilot').hidden = true;
  }
}

async function draft() {
  const id = state.selected;
  const btn = $('draft');
  const status = $('draft-status');
  btn.disabled = true;
  status.textContent = t('agent.copilot_draft_busy');
  try {
    const d = await api('POST', convURL(id, '/draft'));
    if (state.selected !== id) return;
    const box = $('reply');
    if (box.value.trim()) insert('\n\n' + d.text, box.value.length, box.value.length);
    else insert(d.text, 0, box.value.length);
    status.textContent = t('agent.copilot_draft_done');
  } catch (e) {
    status.textContent = e.status === 503 ? t('agent.copilot_draft_unavailable') : t('agent.error', e.message);
  } finally {
    btn.disabled = false;
  }
}

export function setupCopilot() {
  $('draft').addEventListener('click', draft);
}
