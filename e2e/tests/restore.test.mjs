// Browser test of a reload in the middle of a conversation, outside
// opening hours: the restored answer names its sources by their article
// titles, and the call-back form comes back until the customer has used
// it. One `los serve`, closed but for one minute a week, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, screenshot, useStack, watch } from '../lib/los.mjs';

// An article whose title is nothing like its slug, so a title made from
// the slug shows.
const ARTICLE = `---
slug: sjokabel
title: Tillegg for sjøkabel på fakturaen, forklart
lang: nb
tags: [sjøkabeltillegg]
published: true
---
Sjøkabeltillegget dekker strømkabelen til øya. Det står som en egen linje på fakturaen hver måned.
`;
const TITLE = 'Tillegg for sjøkabel på fakturaen, forklart';

const stack = useStack('restore', { articles: { 'sjokabel.md': ARTICLE }, args: ['--opening-hours', 'mon 00:00-00:01'] });

// answer waits for the n-th bot reply to finish.
async function answer(page, n) {
  const answers = page.locator('.msg.bot.done:not(.greeting)');
  await answers.nth(n - 1).waitFor();
  return answers.nth(n - 1);
}

test('a reload keeps the titles of the sources and the call-back form', async () => {
  const page = await stack.browser.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/');
  const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
  await input.fill('Hva er sjøkabeltillegget?');
  await input.press('Enter');
  const live = await answer(page, 1);
  assert.equal(await live.locator('.sources a').first().textContent(), TITLE);

  // Nobody can take over: the answer says so and offers a call-back.
  await page.getByRole('button', { name: 'Snakk med et menneske' }).click();
  const form = page.getByRole('form', { name: 'Bli ringt opp' });
  await form.waitFor();

  await page.reload();
  const restored = await answer(page, 1);
  assert.equal(await page.locator('.msg.customer .text').first().textContent(), 'Hva er sjøkabeltillegget?');
  assert.equal(await restored.locator('.sources a').first().textContent(), TITLE, 'the source keeps its title');
  assert.equal(await restored.locator('a.cite').first().getAttribute('aria-label'), 'Kilde 1: ' + TITLE);
  assert.match(await page.locator('.msg.bot:not(.greeting) .text').last().textContent(), /ringer deg/);
  await form.waitFor();
  assert.equal(await form.count(), 1, 'one call-back form after the reload');
  await screenshot(page, 'restore-callback');
  const violations = await axe(page);
  assert.deepEqual(violations, [], violations.join('\n'));

  // Used, it stays gone after the next reload.
  await form.getByRole('textbox', { name: 'Navn' }).fill('Kari Nordmann');
  await form.getByRole('textbox', { name: 'Telefonnummer' }).fill('912 34 567');
  await form.getByRole('button', { name: 'Ring meg' }).click();
  await page.locator('.msg.system .text').filter({ hasText: 'Vi ringer deg på 912 34 567' }).waitFor();
  await page.reload();
  await answer(page, 1);
  await page.locator('.msg.bot:not(.greeting) .text').filter({ hasText: 'ringer deg' }).waitFor();
  assert.equal(await form.count(), 0, 'no call-back form once one was asked for');
  assert.deepEqual(seen.errors, []);
  await page.close();
});
