// Browser tests of the chat's finish: the newest message and the text box
// stay in view on a desktop and a phone, in the hosted page and the widget.
// One `los serve` with the demo knowledge base and no model.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ask, screenshot, useStack } from '../lib/los.mjs';

const stack = useStack('polish');

const QUESTIONS = ['Hvordan endrer jeg fakturaadressen min?', 'Hvordan melder jeg flytting?', 'Hvordan får jeg e-faktura?'];
const SCREENS = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]];

// inView reports what of the chat in host (an element with the chat's
// shadow root) the customer sees: whether the page itself scrolls, the
// text box lies inside the window, and the newest message ends inside the
// log's visible part.
function inView(page, host) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const box = root.querySelector('textarea').getBoundingClientRect();
    const log = root.querySelector('.log').getBoundingClientRect();
    const last = [...root.querySelectorAll('.log > .msg')].at(-1).getBoundingClientRect();
    return {
      pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
      boxInWindow: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
      newestInLog: last.bottom <= log.bottom + 1 && last.bottom > log.top,
    };
  }, host);
}

describe('the newest message and the text box stay in view', () => {
  for (const [name, viewport] of SCREENS) {
    test(`hosted page, ${name} ${viewport.width}×${viewport.height}, after three questions`, async () => {
      const page = await stack.browser.context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(stack.los.url + '/');
      for (const q of QUESTIONS) await ask(page, q);
      assert.deepEqual(await inView(page, '#los-chat'), { pageScrolls: false, boxInWindow: true, newestInLog: true });
      await screenshot(page, `chat-page-${name}-three-questions`);

      // Scrolled up to read, the log stays put while nothing new comes;
      // the next question brings the end back into view.
      await page.evaluate(() => { document.getElementById('los-chat').shadowRoot.querySelector('.log').scrollTop = 0; });
      await ask(page, QUESTIONS[0]);
      assert.equal((await inView(page, '#los-chat')).newestInLog, true);
      await page.close();
    });
  }

  test('widget on a phone, after three questions', async () => {
    // The help centre embeds the floating widget.
    const page = await stack.browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(stack.los.url + '/artikler');
    await page.locator('#los-widget .launcher').click();
    for (const q of QUESTIONS) await ask(page, q);
    const seen = await inView(page, '#los-widget');
    assert.equal(seen.boxInWindow, true);
    assert.equal(seen.newestInLog, true);
    await screenshot(page, 'widget-phone-three-questions');
    await page.close();
  });
});
