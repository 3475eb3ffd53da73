// Los agent inbox: a live queue over server-sent events (the whole queue
// first, then what changed), the chosen conversation with its summary,
// notes, context and suggested replies, call-backs and search. Every
// text the page shows comes from the server's locale files.
import { setShow, loadCallbacks } from './callbacks.js';
import { loadCanned, setupComposer } from './composer.js';
import { load, reloadIfSelected, select, setupConversation, showTyping } from './conversation.js';
import { setupCopilot } from './copilot.js';
import { $ } from './dom.js';
import { setupNotify } from './notify.js';
import { applyItems, applyQueue, renderStatus, setSelect, setupQueue } from './queue.js';
import { setOpen as setSearchOpen, setupSearch } from './search.js';
import { setOpen as setEarlierOpen, setupSide } from './side.js';

const tabs = ['queue', 'callbacks', 'search'];

function showTab(name, focus) {
  for (const n of tabs) {
    const tab = $('tab-' + n);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    $('panel-' + n).hidden = n !== name;
  }
  if (focus) $('tab-' + name).focus();
}

function setupTabs() {
  for (const [i, n] of tabs.entries()) {
    const tab = $('tab-' + n);
    tab.addEventListener('click', () => showTab(n));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      showTab(tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length], true);
    });
  }
}

function connect() {
  const es = new EventSource('/api/v1/agent/queue/stream');
  es.addEventListener('open', () => { $('connection').hidden = true; });
  es.addEventListener('error', () => { $('connection').hidden = false; });
  es.addEventListener('queue', (ev) => {
    applyQueue(JSON.parse(ev.data));
    // A whole queue may follow a gap: look at the rest again too.
    load();
    loadCallbacks();
  });
  es.addEventListener('items', (ev) => applyItems(JSON.parse(ev.data)));
  es.addEventListener('status', (ev) => renderStatus(JSON.parse(ev.data)));
  es.addEventListener('conversation', (ev) => reloadIfSelected(JSON.parse(ev.data).id));
  es.addEventListener('typing', (ev) => showTyping(JSON.parse(ev.data).id));
  es.addEventListener('callbacks', loadCallbacks);
}

const open = (id) => {
  select(id);
  $('conversation').scrollIntoView?.({ block: 'start' });
};
setSelect(select);
setShow((id) => { showTab('queue'); select(id); });
setSearchOpen(open);
setEarlierOpen(open);
setupTabs();
setupQueue();
setupConversation();
setupComposer();
setupCopilot();
setupSide();
setupSearch();
setupNotify();
loadCanned();
connect();
