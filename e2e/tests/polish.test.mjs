// Browser tests of the chat's finish: the newest message and the text box
// stay in view on a desktop and a phone, in the hosted page and the widget;
// the handoff button shows where the conversation stands; thumbs only under
// answers from the knowledge base; one notice that messages reach the
// agent; the transcript can be downloaded after the end; the satisfaction
// buttons fit a phone. One `los serve` with the demo knowledge base and no
// model; the agent acts through the API with a key.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { answers, ask, axe, screenshot, useStack, watch } from '../lib/los.mjs';

const stack = useStack('polish', { keys: { desk: 'agent' } });

// agent calls the agent API with the desk's key.
async function agent(method, path, body) {
  const r = await fetch(`${stack.los.url}/api/v1/agent/${path}`, {
    method, body: body && JSON.stringify(body),
    headers: { Authorization: 'Bearer ' + stack.keys.desk, 'Content-Type': 'application/json' },
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.text()}`);
}

// send writes a message in the hosted chat and waits for the server's
// reply to it (an answer, or the note that an agent holds the chat).
async function send(page, text) {
  const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
  await input.fill(text);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/messages'));
  await input.press('Enter');
  await (await posted).finished();
  await page.waitForFunction(() => document.getElementById('los-chat').shadowRoot.querySelector('.log').getAttribute('aria-busy') === 'false');
}

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

describe('handing over, as the customer sees it', () => {
  test('the button gives way to the state: waiting, talking with an agent, ended; then download and satisfaction', async () => {
    const page = await stack.browser.context.newPage();
    const seen = watch(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(stack.los.url + '/');
    const human = page.getByRole('button', { name: 'Snakk med et menneske' });
    const state = page.locator('#los-chat').locator('.state');
    const conv = await ask(page, QUESTIONS[0]);
    assert.equal(await answers(page).nth(0).locator('.feedback').count(), 1, 'an answer from the knowledge base has thumbs');

    await human.click();
    await state.filter({ hasText: 'Venter på en kundebehandler …' }).waitFor();
    assert.equal(await human.isVisible(), false, 'no second handoff while waiting');
    assert.equal(await state.getAttribute('role'), 'status');
    await answers(page).nth(1).waitFor();
    assert.equal(await answers(page).nth(1).locator('.feedback').count(), 0, 'no thumbs under the handoff text');
    await screenshot(page, 'handoff-waiting-phone');

    // The agent takes over: the chat learns it when it next looks.
    await agent('POST', `conversations/${conv.id}/claim`);
    await state.filter({ hasText: 'Du snakker med en kundebehandler' }).waitFor();
    const held = page.locator('.msg.system').filter({ hasText: 'Meldingen er sendt til kundebehandleren.' });
    await send(page, 'Hallo, er du der?');
    await send(page, 'Jeg venter her.');
    await send(page, 'Fortsatt her.');
    assert.equal(await held.count(), 1, 'one notice, not one per message');
    await screenshot(page, 'handoff-connected-phone');
    assert.deepEqual(await axe(page), [], 'axe with the state line');

    // The agent ends it: the state says so, satisfaction is asked, and the
    // transcript can still be downloaded.
    await agent('POST', `conversations/${conv.id}/close`, { outcome: 'resolved' });
    await state.filter({ hasText: 'Samtalen er avsluttet' }).waitFor();
    const form = page.getByRole('form', { name: 'Hvor fornøyd er du med hjelpen du fikk?' });
    await form.waitFor();
    const download = page.getByRole('button', { name: 'Last ned samtalen' });
    assert.equal(await download.isVisible(), true, 'download stays after the end');
    assert.equal(await page.getByRole('button', { name: 'Avslutt samtalen' }).isVisible(), false);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const text = await readFile(await file.path(), 'utf8');
    assert.match(text, /Hallo, er du der\?/);
    assert.match(text, /Fortsatt her\./);

    // The five satisfaction buttons sit on one row inside the chat.
    const boxes = await form.locator('.csat-score').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()));
    const log = await page.evaluate(() => document.getElementById('los-chat').shadowRoot.querySelector('.log').getBoundingClientRect().toJSON());
    assert.equal(boxes.length, 5);
    assert.equal(new Set(boxes.map((b) => Math.round(b.top))).size, 1, 'one row');
    assert.ok(boxes.every((b) => b.left >= log.left && b.right <= log.right), 'inside the chat');
    assert.ok(boxes.every((b) => b.width >= 40 && b.height >= 40), 'targets of at least 40 px');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'ended-download-csat-phone');
    assert.deepEqual(await axe(page), [], 'axe on the ended chat');

    // Writing again starts a new conversation, and the button is back.
    await ask(page, QUESTIONS[1]);
    await human.waitFor();
    assert.equal(await state.isVisible(), false);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

  test('a crisis text has no thumbs', async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.los.url + '/');
    await ask(page, 'Jeg orker ikke mer, jeg vil ikke leve lenger');
    const reply = answers(page).nth(0);
    assert.match(await reply.textContent(), /116 123/);
    assert.equal(await reply.locator('.feedback').count(), 0);
    await page.locator('#los-chat .state').filter({ hasText: 'Venter på en kundebehandler' }).waitFor();
    await page.close();
  });
});

describe('small talk', () => {
  test('greetings, thanks and "er du en robot?" are answered in kind, without searching or offering a person', async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.los.url + '/');
    await ask(page, 'hei');
    const hei = answers(page).nth(0);
    assert.equal(await hei.locator('.text').textContent(), 'Hei! Hva kan jeg hjelpe deg med?');
    assert.equal(await hei.locator('.feedback, .sources').count(), 0, 'no thumbs, no sources');
    await ask(page, QUESTIONS[0]);
    await ask(page, 'Takk for hjelpen!');
    assert.equal(await answers(page).nth(2).locator('.text').textContent(),
      'Bare hyggelig! Si fra hvis det er noe mer jeg kan hjelpe deg med.');
    await ask(page, 'er du en robot?');
    assert.match(await answers(page).nth(3).locator('.text').textContent(), /^Ja, jeg er en KI-assistent, ikke et menneske\./);
    await ask(page, 'ha det');
    assert.equal(await answers(page).nth(4).locator('.text').textContent(), 'Ha det bra! Du kan skrive hit igjen når som helst.');
    assert.equal(await page.locator('.msg.bot.done .feedback').count(), 1, 'thumbs under the one answer from the knowledge base');
    await screenshot(page, 'small-talk');
    await page.close();

    // On the Nynorsk page, and in English on the Bokmål one.
    for (const [path, text, lang, reply] of [['/?lang=nn', 'takk for hjelpa', 'nn', /^Berre hyggeleg!/],
      ['/', 'Thank you so much!', 'en', /^You're welcome!/]]) {
      const p = await stack.browser.context.newPage();
      await p.goto(stack.los.url + path);
      await ask(p, text);
      assert.match(await answers(p).nth(0).locator('.text').textContent(), reply);
      assert.equal(await p.locator('#los-panel').getAttribute('lang'), lang);
      await p.close();
    }
  });
});
