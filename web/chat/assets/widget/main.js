/* Los chat: the widget that any site embeds with one script tag, and the
   hosted chat page (data-mode="inline"). Vanilla JS in a shadow root. Text
   from the model, the knowledge base, agents and customers only ever
   reaches the page as text nodes, never as HTML.

   The modules beside this one are bundled into one script by esbuild
   (internal/assetbuild, go generate ./web/...). */
import { fetchTexts, inline, ds, loaded, norm, S, texts } from './state.js';
import { el } from './dom.js';
import { refresh, restore } from './transcript.js';
import { build } from './ui.js';

async function start() {
  try {
    if (S.conv?.lang) S.lang = S.conv.lang;
    const own = inline && document.getElementById(ds.target)?.dataset.texts;
    if (own && norm(ds.lang) === S.lang) texts[S.lang] = JSON.parse(own);
    await fetchTexts(S.lang);
  } catch (e) {
    return; // without texts there is no chat; the page still works
  }
  const host = inline ? document.getElementById(ds.target) : document.body.appendChild(el('div', { id: 'los-widget' }));
  if (!host) return;
  build(host);
  if (S.conv) await restore();
  // Timers sleep in a hidden tab: look once when the customer is back.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && S.conv && !S.busy) refresh().catch(() => {});
  });
}

// Once per page: a second embed, or a script run without its tag, does
// nothing.
if (loaded && !document.getElementById('los-widget')) start();
