// Beside the conversation: internal notes and what the desk knows of the
// customer (the page, the language, earlier conversations).
import { $, api, clock, convURL, day, el, t } from './dom.js';
import { state } from './state.js';

let onOpen = () => {};
// setOpen names what choosing an earlier conversation does.
export function setOpen(f) { onOpen = f; }

function note(n) {
  return el('li', { class: 'note' }, [
    el('span', { class: 'msg-meta' }, [t('agent.note_by', n.author_name || n.author, day(n.created)) + ' ', el('time', { datetime: n.created, text: clock(n.created) })]),
    el('p', { text: n.text }),
  ]);
}

function earlier(c) {
  const label = c.handed_over ? t('agent.category.' + (c.category || 'none')) : t('agent.context.bot_only');
  const kids = [el('span', { class: 'msg-meta', text: day(c.created) + ' · ' + label }), el('span', { class: 'words', text: c.first_words ? '«' + c.first_words + '»' : t('agent.no_words') })];
  if (!c.handed_over) return el('li', {}, kids);
  return el('li', {}, [el('button', { type: 'button', class: 'link-row', onclick: () => onOpen(c.id) }, kids)]);
}

export function renderSide(c) {
  $('side').hidden = false;
  const notes = c.notes || [];
  $('notes').replaceChildren(...(notes.length ? notes.map(note) : [el('li', { class: 'empty', text: t('agent.notes_empty') })]));
  const cx = c.context || { earlier: [] };
  const page = $('context-page');
  if (cx.page) page.replaceChildren(el('a', { href: cx.page, target: '_blank', rel: 'noopener', text: cx.page_title || cx.page }));
  else page.textContent = t('agent.context.no_page');
  $('context-lang').textContent = t('agent.lang.' + (c.lang || 'unknown'));
  $('context-started').textContent = day(c.created) + ' ' + clock(c.created);
  $('earlier').replaceChildren(...(cx.earlier.length ? cx.earlier.map(earlier) : [el('li', { class: 'empty', text: t('agent.context.earlier_none') })]));
}

export function setupSide() {
  $('note-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const box = $('note');
    const text = box.value.trim();
    if (!text || !state.selected) return;
    try {
      await api('POST', convURL(state.selected, '/notes'), { text });
      box.value = '';
      const c = await api('GET', convURL(state.selected));
      state.conversation = c;
      renderSide(c);
    } catch (e) {
      $('action-error').textContent = t('agent.error', e.message);
      $('action-error').hidden = false;
    }
  });
}
