// Browser test of a message sent again after a network error: the chat
// retries by itself with the same client_id, and the server stores and
// answers the message once. Playwright stands in for a proxy that loses
// the answer (or the request) on its way. One `los serve` with the demo
// knowledge base, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answers, ask, axe, conversationState, useStack, watch } from '../lib/los.mjs';

const QUESTION = 'Hvordan endrer jeg fakturaadressen min?';

const stack = useStack('resend');

const isMessages = (url) => /^\/api\/v1\/conversations\/[^/]+\/messages$/.test(url.pathname);

// doneOf is the turn in the "done" event of a server-sent event stream.
function doneOf(stream) {
  const ev = stream.split('\n\n').find((e) => e.startsWith('event: done') || e.includes('\nevent: done'));
  assert.ok(ev, `no done event in:\n${stream}`);
  return JSON.parse(ev.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join(''));
}

// The ways the first POST of the message fails, as the browser sees it.
// reached: the server stored and answered it before the failure.
const FAILURES = [
  {
    name: 'the answer is lost: the connection resets after the server answered',
    reached: true,
    async fail(route) {
      const stream = await (await route.fetch()).text();
      await route.abort('connectionreset');
      return stream;
    },
  },
  {
    name: 'the answer is lost: the proxy says 502 after the server answered',
    reached: true,
    async fail(route) {
      const stream = await (await route.fetch()).text();
      await route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' });
      return stream;
    },
  },
  {
    name: 'the answer is cut off: the stream ends before done',
    reached: true,
    async fail(route) {
      const stream = await (await route.fetch()).text();
      const cut = stream.slice(0, stream.indexOf('event: done'));
      assert.ok(cut.length > 0 && cut.length < stream.length, `nothing to cut in:\n${stream}`);
      await route.fulfill({ status: 200, contentType: 'text/event-stream', body: cut });
      return stream;
    },
  },
  {
    name: 'the request is lost: it never reaches the server',
    reached: false,
    async fail(route) {
      await route.abort('connectionreset');
      return null;
    },
  },
];

for (const f of FAILURES) {
  test(`a message sent again after a network error is answered once (${f.name})`, async () => {
    const page = await stack.browser.context.newPage();
    const seen = watch(page);
    const bodies = [];
    let lost = null; // the stream the server sent for the first POST, if it got it
    await page.route(isMessages, async (route) => {
      bodies.push(route.request().postDataJSON());
      if (bodies.length === 1) lost = await f.fail(route);
      else await route.continue();
    });
    await page.goto(stack.los.url + '/');
    const conv = await ask(page, QUESTION);

    // The chat sent the message twice, by itself, with one client_id.
    assert.equal(bodies.length, 2, 'the message was sent once more');
    assert.equal(bodies[0].text, QUESTION);
    assert.deepEqual(bodies[1], bodies[0], 'the retry carries the same text and client_id');
    assert.match(bodies[0].client_id, /\S/);

    // The customer sees their message once, one answer and no error.
    assert.equal(await page.locator('.msg.customer').count(), 1);
    assert.equal(await page.locator('.msg.customer .text').textContent(), QUESTION);
    assert.equal(await answers(page).count(), 1);
    assert.equal(await page.locator('.msg.bot:not(.greeting)').count(), 1, 'no half answer is left behind');
    assert.equal(await page.locator('.msg.system').count(), 0, 'no error or notice');
    const shown = await answers(page).first().locator('.text').textContent();
    assert.match(shown, /Min side/);

    // The conversation holds the message once and one reply.
    const { messages } = await conversationState(stack.los.url, conv);
    const customer = messages.filter((m) => m.role === 'customer');
    const bot = messages.filter((m) => m.role === 'bot');
    assert.deepEqual(customer.map((m) => m.text), [QUESTION], 'the message is stored once');
    assert.equal(bot.length, 1, 'the message is answered once');
    if (f.reached) {
      // The reply the customer got is the one stored for the first POST.
      const first = doneOf(lost);
      assert.equal(first.message_id, bot[0].id);
      assert.equal(first.answer, bot[0].text);
    }

    assert.deepEqual(await axe(page), [], 'chat after a retried message');
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
    await page.close();
  });
}
