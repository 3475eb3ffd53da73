// Rendering answers: simple Markdown to text nodes, never HTML.
import { el } from './dom.js';
import { base, inline, t } from './state.js';

export function render(box, text, cites) {
  box.textContent = '';
  let list = null;
  let para = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(?:[-*•]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (!line.trim()) {
      list = para = null;
    } else if (m) {
      const kind = m[1] ? 'ol' : 'ul';
      if (!list || list.localName !== kind) {
        list = box.appendChild(el(kind, { start: m[1] && m[1] !== '1' ? m[1] : null }));
      }
      inlineText(list.appendChild(el('li')), m[2], cites);
      para = null;
    } else {
      list = null;
      if (para) para.append(el('br'));
      else para = box.appendChild(el('p'));
      inlineText(para, line.trim(), cites);
    }
  }
}

function inlineText(parent, s, cites) {
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|\[(\d+)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(s))) {
    parent.append(s.slice(last, m.index));
    if (m[1] != null) parent.append(el('strong', { text: m[1] }));
    else if (m[2] != null) parent.append(link(m[3], m[2]) || m[2]);
    else {
      const c = cites[Number(m[4]) - 1];
      parent.append(c ? link('/artikler/' + c.slug, '[' + m[4] + ']', t('source', m[4], c.title), 'cite') : m[0]);
    }
    last = re.lastIndex;
  }
  parent.append(s.slice(last));
}

// link makes a link to an article (/artikler/...) or a web page; any
// other URL stays text.
export function link(url, text, label, cls) {
  let href;
  if (/^\/artikler\/[a-z0-9-]+(#[\p{L}\p{N}-]*)?$/u.test(url)) href = base + url;
  else if (/^https?:\/\//i.test(url)) href = url;
  else return null;
  const a = el('a', { href, class: cls, 'aria-label': label, text });
  if (!inline) {
    a.target = '_blank';
    a.rel = 'noopener';
    a.append(el('span', { class: 'sr', text: ' ' + t('new_tab') }));
  }
  return a;
}

const titled = (slug) => slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
// cited pairs cited slugs with their article titles, as the server gave
// them.
export const cited = (slugs, sources) => (slugs || []).map((slug) => ({ slug, title: (sources || []).find((s) => s.slug === slug)?.title || titled(slug) }));
