// Getting the agent's attention: the count of unread customer messages
// and new conversations in the tab's title, and, when the agent opted in,
// a short sound and a desktop notification.
import { $, me, t } from './dom.js';
import { state } from './state.js';

const title = document.title;
const KEY = 'los:agent-notify';
let audio = null;

// viewing reports whether the agent is looking at conversation id.
export const viewing = (id) => state.selected === id && !document.hidden;

// mine reports whether the signed-in agent holds the entry.
export const mine = (it) => it.status === 'claimed' && it.claimed_by === me.email;

// unread is what the agent has not seen: customer messages in the
// conversations they hold, and conversations new to the queue.
export function unread() {
  let n = state.fresh.size;
  for (const it of state.queue.values()) {
    if (mine(it)) n += Math.max(0, it.customer_messages - (state.seen.get(it.conversation_id) || 0));
  }
  return n;
}

export function updateTitle() {
  const n = unread();
  document.title = n ? t('agent.title_unread', n, title) : title;
}

function enabled() {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch (e) {
    return false;
  }
}

// alert plays the sound and shows a desktop notification, when the
// agent asked for them and is not looking.
export function alert(text) {
  if (!enabled()) return;
  beep();
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    const n = new Notification(t('agent.title'), { body: text, tag: 'los-inbox' });
    n.onclick = () => { window.focus(); n.close(); };
  }
}

function beep() {
  try {
    audio = audio || new AudioContext();
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.frequency.value = 880;
    g.gain.setValueAtTime(0.15, audio.currentTime);
    g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    o.connect(g).connect(audio.destination);
    o.start();
    o.stop(audio.currentTime + 0.25);
  } catch (e) { /* no sound here */ }
}

export function setupNotify() {
  const box = $('notify');
  box.checked = enabled();
  box.addEventListener('change', async () => {
    try {
      localStorage.setItem(KEY, box.checked ? 'on' : 'off');
    } catch (e) { /* stays for this page */ }
    $('notify-note').hidden = true;
    if (!box.checked || !('Notification' in window)) return;
    const p = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    $('notify-note').hidden = p === 'granted';
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    state.fresh.clear();
    const it = state.queue.get(state.selected);
    if (it) state.seen.set(it.conversation_id, it.customer_messages);
    updateTitle();
  });
}
