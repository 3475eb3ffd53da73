// Browser tests of the customer side: the hosted chat page, the widget on
// another site, the help centre, XSS and accessibility. One `los serve`
// with the demo knowledge base and no model (answers are extractive).
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { axe, importArticles, launch, losBin, screenshot, startHost, startLos, tempDir, watch } from '../lib/los.mjs';

const QUESTION = 'Hvordan endrer jeg fakturaadressen min?';
const XSS = '<img src=x onerror=alert(1)>';

// An article with script in every place Markdown allows it. Its odd word
// (sjørøverkaffe) lets a question find it.
const EVIL = `---
slug: xss-test
title: Sjørøverkaffe <script>alert("title")</script>
lang: nb
tags: [sjørøverkaffe]
published: true
---
Sjørøverkaffe brygges slik <img src=x onerror=alert("body")> og <script>alert("script")</script>.

## Trinn <svg onload=alert("heading")>
Trykk [her](javascript:alert("link")) eller <a href="javascript:alert('a')">her</a>.

<iframe src="javascript:alert('frame')"></iframe>
`;

let work;
let los;
let host;
let browser;

before(async () => {
  work = await tempDir('los-e2e-');
  const bin = await losBin(work);
  const data = `${work}/data`;
  await importArticles(bin, data, { 'xss-test.md': EVIL });
  let losURL = '';
  host = await startHost(() => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nordlys shop</title></head>
<body><main><h1>Nordlys shop</h1><p><a href="#top">A link on the shop's page</a></p></main>
<script src="${losURL}/widget.js" data-lang="nn" data-color="#0b5" data-position="left" data-title="Nordlys kundeservice"></script>
</body></html>`);
  los = await startLos(bin, data, host.url);
  losURL = los.url;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await los?.stop();
  await host?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

// lastAnswer waits for the turn to finish (its feedback buttons appear
// with the final answer) and returns the last bot message.
async function lastAnswer(page, n) {
  const answers = page.locator('.msg.bot:not(.greeting):not(.typing)');
  await answers.nth(n - 1).locator('.feedback').waitFor();
  return answers.nth(n - 1);
}

describe('hosted chat page', () => {
  test('answers with a citation that leads to the article', async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(los.url + '/');
    await page.getByText('KI-assistent', { exact: true }).first().waitFor();
    assert.match(await page.locator('.msg.greeting').textContent(), /KI-assistent/);
    assert.equal(await page.locator('.starter').count(), 4);

    const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
    await input.fill(QUESTION);
    await input.press('Enter');
    const answer = await lastAnswer(page, 1);
    assert.match(await answer.locator('.text').textContent(), /Min side/);
    assert.equal(await page.locator('.starter:visible').count(), 0, 'starters hide after the first question');
    assert.equal(await page.locator('#los-panel').getAttribute('lang'), 'nb');

    // Citation markers and the source list link to the articles.
    const cite = answer.locator('a.cite').first();
    assert.match(await cite.getAttribute('href'), /\/artikler\/endre-fakturaadresse$/);
    assert.match(await cite.getAttribute('aria-label'), /^Kilde 1: Endre fakturaadresse/);

    // Feedback is recorded and shown.
    const up = answer.getByRole('button', { name: 'Ja, nyttig' });
    await up.click();
    await answer.getByText('Takk! Tilbakemeldingen er lagret.').waitFor();
    assert.equal(await up.getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'chat-answer');

    // The conversation survives a reload, feedback included.
    await page.reload();
    const restored = await lastAnswer(page, 1);
    assert.equal(await page.locator('.msg.customer .text').first().textContent(), QUESTION);
    assert.equal(await restored.getByRole('button', { name: 'Ja, nyttig' }).getAttribute('aria-pressed'), 'true');

    await restored.locator('.sources a').first().click();
    await page.waitForURL(/\/artikler\/endre-fakturaadresse$/);
    assert.equal(await page.locator('h1').textContent(), 'Endre fakturaadresse');
    await screenshot(page, 'article');
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

  test('switches to the written standard of the first message', async () => {
    const page = await browser.context.newPage();
    await page.goto(los.url + '/');
    const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
    await input.fill('Korleis melder eg flytting når eg skal flytte heimanfrå?');
    await input.press('Enter');
    await lastAnswer(page, 1);
    assert.equal(await page.locator('#los-panel').getAttribute('lang'), 'nn');
    await page.getByRole('button', { name: 'Snakk med eit menneske' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Skriv meldinga di' }).count(), 1);
    await page.close();
  });

  test('follows the conversation\'s standard when the customer changes it later', async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(los.url + '/');
    const say = async (text, n) => {
      const input = page.locator('#los-chat textarea');
      await input.fill(text);
      await input.press('Enter');
      await lastAnswer(page, n);
    };
    await say(QUESTION, 1);
    assert.equal(await page.locator('#los-panel').getAttribute('lang'), 'nb');
    await page.getByRole('button', { name: 'Snakk med et menneske' }).waitFor();
    // Not only the first reply: a later switch changes the buttons and
    // notices too, both ways.
    await say('Kan du svare på nynorsk?', 2);
    assert.equal(await page.locator('#los-panel').getAttribute('lang'), 'nn');
    await page.getByRole('button', { name: 'Snakk med eit menneske' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Skriv meldinga di' }).count(), 1);
    await say('Kan du svare på bokmål igjen?', 3);
    assert.equal(await page.locator('#los-panel').getAttribute('lang'), 'nb');
    await page.getByRole('button', { name: 'Snakk med et menneske' }).waitFor();
    assert.deepEqual(await axe(page), [], 'chat after switching back');
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

  test('"Snakk med et menneske" hands over and follows the conversation live', async () => {
    const page = await browser.context.newPage();
    await page.goto(los.url + '/');
    const human = page.getByRole('button', { name: 'Snakk med et menneske' });
    await human.waitFor();
    const followed = page.waitForRequest((r) => r.method() === 'GET' && /\/api\/v1\/conversations\/[^/?]+\/stream\?/.test(r.url()));
    await human.click();
    await page.locator('.msg.bot:not(.greeting):not(.typing) .text').first().waitFor();
    assert.match(await page.locator('.msg.bot:not(.greeting) .text').first().textContent(), /menneske|kundebehandler/i);
    await followed; // one event stream while the conversation waits for an agent
    await page.close();
  });
});

describe('privacy', () => {
  test('"Last ned samtalen" downloads it and "Slett samtalen" deletes it', async () => {
    const page = await browser.context.newPage();
    await page.goto(los.url + '/');
    const download = page.getByRole('button', { name: 'Last ned samtalen' });
    await page.locator('#los-chat .starter').first().waitFor();
    assert.equal(await download.isVisible(), false, 'nothing to download before the first message');
    await page.locator('#los-chat .starter').first().click();
    await lastAnswer(page, 1);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const text = await readFile(await file.path(), 'utf8');
    assert.match(text, /Hvordan endrer jeg fakturaadressen min\?/);

    await page.getByRole('button', { name: 'Slett samtalen' }).click();
    const no = page.getByRole('button', { name: 'Avbryt' });
    await no.waitFor();
    await page.getByRole('button', { name: 'Ja, slett' }).click();
    await page.getByText('Samtalen er slettet.').waitFor();
    assert.equal(await page.locator('.msg.customer').count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await page.reload();
    await page.locator('#los-chat .starter').first().waitFor();
    assert.equal(await page.locator('.msg').count(), 1, 'only the greeting after a reload');
    await page.close();
  });
});

describe('widget on another site', () => {
  test('opens, answers and works by keyboard alone', async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(host.url + '/');
    const launcher = page.locator('#los-widget .launcher');
    await launcher.waitFor();
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await launcher.getAttribute('aria-controls'), 'los-panel');
    assert.ok(await launcher.getAttribute('aria-label'));
    // data-color: the site's colour, with dark text that reads on it.
    const colors = await launcher.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    assert.deepEqual(colors, ['rgb(0, 187, 85)', 'rgb(17, 17, 17)']);
    // data-position="left"
    assert.ok((await launcher.boundingBox()).x < 100);

    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      const inner = a?.shadowRoot?.activeElement;
      return inner ? inner.className || inner.localName : a?.localName;
    });
    // Tab past the site's own link to the launcher.
    for (let i = 0; i < 4 && (await focused()) !== 'launcher'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'launcher');
    await page.keyboard.press('Enter');
    const panel = page.locator('#los-panel');
    await panel.waitFor();
    assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    assert.equal(await focused(), 'textarea', 'focus moves to the input when the panel opens');
    assert.equal(await panel.getAttribute('lang'), 'nn');
    assert.match(await panel.locator('h2').textContent(), /Nordlys kundeservice/);
    assert.equal(await page.locator('#los-widget .log').getAttribute('role'), 'log');
    assert.equal(await page.locator('#los-widget .log').getAttribute('aria-live'), 'polite');

    await page.keyboard.type('Korleis endrar eg rekningsadressa mi?');
    await page.keyboard.press('Enter');
    const answer = await lastAnswer(page, 1);
    assert.ok((await answer.locator('.sources a').count()) > 0, 'the answer cites an article');
    assert.match(await answer.locator('.sources a').first().getAttribute('href'), new RegExp('^' + los.url + '/artikler/'));
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'send', 'Tab goes from the input to the send button');
    await screenshot(page, 'widget-open');
    assert.deepEqual(await axe(page), [], 'axe on the open widget');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await focused(), 'launcher', 'focus returns to the launcher');
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
});

describe('XSS', () => {
  test('a question with markup is shown as text', async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(los.url + '/');
    const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
    await input.fill(XSS);
    await input.press('Enter');
    await page.locator('.msg.bot:not(.greeting):not(.typing), .msg.error').first().waitFor();
    assert.equal(await page.locator('.msg.customer .text').textContent(), XSS);
    assert.equal(await page.locator('#los-chat img').count(), 0);

    // A bot answer quoting the article with script in it.
    await input.fill('Hvordan brygger jeg sjørøverkaffe?');
    await input.press('Enter');
    const answer = await lastAnswer(page, 2);
    assert.match(await answer.textContent(), /onerror=alert\("body"\)/, 'the markup shows as text');
    assert.equal(await page.locator('#los-chat img, #los-chat script, #los-chat iframe, #los-chat svg[onload]').count(), 0);
    await screenshot(page, 'xss-chat');
    assert.deepEqual(seen.dialogs, []);
    await page.close();
  });

  test('an article with script in it is sanitized', async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(los.url + '/artikler/xss-test');
    assert.match(await page.locator('h1').textContent(), /<script>alert\("title"\)<\/script>/);
    const article = page.locator('article');
    assert.equal(await article.locator('script, img, iframe, svg, [onerror], [onload], a[href^="javascript"]').count(), 0);
    await screenshot(page, 'xss-article');
    assert.deepEqual(seen.dialogs, []);
    await page.close();
  });
});

describe('accessibility', () => {
  for (const [name, path] of [['chat page', '/'], ['article page', '/artikler/endre-fakturaadresse'], ['help centre', '/artikler?q=faktura'], ['not found', '/artikler/finnes-ikke']]) {
    test(`axe finds no serious or critical violations: ${name}`, async () => {
      const page = await browser.context.newPage();
      await page.goto(los.url + path);
      await page.locator(path === '/' ? '#los-chat .starter' : '#los-widget .launcher').first().waitFor();
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }

  test('reduced motion stops the typing animation', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(los.url + '/');
    await page.locator('#los-chat .starter').first().waitFor();
    const anim = await page.evaluate(() => {
      const root = document.getElementById('los-chat').shadowRoot;
      const dot = document.createElement('i');
      const box = Object.assign(document.createElement('div'), { className: 'msg bot typing' });
      const dots = Object.assign(document.createElement('span'), { className: 'dots' });
      dots.append(dot);
      box.append(dots);
      root.querySelector('.log').append(box);
      return getComputedStyle(dot).animationName;
    });
    assert.equal(anim, 'none');
    await page.close();
  });
});
