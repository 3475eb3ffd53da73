// Messages from agents and Los as the customer sees them: paragraphs,
// lists, **bold** and links (to articles and web pages), built as
// elements, never from HTML.
import { el } from './dom.js';

export function render(box, text) {
  box.textContent = '';
  let list = null;
  let para = null;
  for (const line of String(text).split('\n')) {
    const m = /^\s*(?:[-*•]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (!line.trim()) {
      list = para = null;
    } else if (m) {
      const kind = m[1] ? 'ol' : 'ul';
      if (!list || list.localName !== kind) list = box.appendChild(el(kind));
      inline(list.appendChild(el('li')), m[2]);
      para = null;
    } else {
      list = null;
      if (para) para.append(el('br'));
      else para = box.appendChild(el('p'));
      inline(para, line.trim());
    }
  }
}

function inline(parent, s) {
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let m;
  while ((m = re.exec(s))) {
    parent.append(s.slice(last, m.index));
    if (m[1] != null) parent.append(el('strong', { text: m[1] }));
    else parent.append(link(m[3], m[2]) || m[2]);
    last = re.lastIndex;
  }
  parent.append(s.slice(last));
}

function link(url, text) {
  if (!/^\/artikler\/[a-z0-9-]+(#[\p{L}\p{N}-]*)?$/u.test(url) && !/^https?:\/\//i.test(url)) return null;
  return el('a', { href: url, target: '_blank', rel: 'noopener', text });
}
