// Browser test of the example questions ("Spørsmål denne artikkelen svarer
// på", issue 12): a customer's question the chat answers badly (a thumbs
// down) shows up among the content gaps; the editor adds it to an
// article from there, and the chat then answers that wording from that
// article. In the article form the editor adds another wording, publishes,
// and the chat finds the article by it too. axe runs on the gaps view with
// its new form and on the article form. One `los serve`, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askAlone, axe, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const EMAIL = 'eva@example.no';
const PASSWORD = 'redaktør med langt passord';
const SLUG = 'papirfaktura-og-fakturagebyr'; // where the ways of paying are chosen
const TITLE = 'Papirfaktura og fakturagebyr';
const GAP = 'Kan jeg betale regningen med Vipps?';
const WORDING = 'Tek de imot bitcoin som betaling?';

const stack = useStack('editor-questions', { users: [['editor', EMAIL, PASSWORD]], browsers: 1 });

// ask puts a question to the chat in a new tab and returns the links its
// answer cites; with thumbsDown the customer says an answer did not help
// (a "no answer" has no thumbs: it is a content gap already).
async function ask(question, thumbsDown) {
  const { cites } = await askAlone(stack, question, async (answer, cites) => {
    if (thumbsDown && cites.length > 0) {
      await answer.getByRole('button', { name: 'Nei, ikke nyttig' }).click();
      await answer.locator('.fb-note').filter({ hasText: 'Takk' }).waitFor();
    }
  });
  return cites;
}

const citesSlug = (cites) => cites.length > 0 && cites[0].endsWith(`/artikler/${SLUG}`);

test('a question from the content gaps is added to an article, and the chat then finds the article by it', async () => {
  assert.ok(!citesSlug(await ask(GAP, true)), 'the gap question already finds the article');

  const page = await stack.browser.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/editor/gaps');
  await page.waitForURL(/\/agent\/login/);
  await signIn(page, EMAIL, PASSWORD);
  await page.waitForURL(/\/editor\/gaps$/);

  const item = page.locator('#gaps > li').filter({ hasText: GAP });
  await item.waitFor();
  const select = item.getByLabel('Legg spørsmålet til i artikkelen');
  assert.notEqual(await select.inputValue(), '', 'an article is suggested');
  assert.deepEqual(await axe(page), [], 'gaps with the add form');
  await select.selectOption(SLUG);
  await item.getByRole('button', { name: 'Legg til' }).click();
  await item.getByRole('status').filter({ hasText: `Lagt til i «${TITLE}». Spørsmål med denne ordlyden finner nå artikkelen.` }).waitFor();
  await screenshot(page, 'editor-gaps-added');

  assert.ok(citesSlug(await ask(GAP)), 'the chat cites the article for the gap question');

  // The article form shows the question; another wording is added there.
  await page.goto(stack.los.url + `/editor/articles/${SLUG}`);
  const questions = page.getByLabel('Spørsmål denne artikkelen svarer på');
  await page.locator('#article-state').filter({ hasText: 'Publisert' }).waitFor();
  assert.match(await questions.inputValue(), new RegExp(GAP.replace('?', '\\?')));
  assert.ok(!citesSlug(await ask(WORDING)), 'the new wording already finds the article');
  await questions.fill((await questions.inputValue()) + '\n' + WORDING);
  assert.deepEqual(await axe(page), [], 'article form with questions');
  await page.getByRole('button', { name: 'Publiser' }).click();
  await page.locator('#edit-status').filter({ hasText: 'Publisert' }).waitFor();
  assert.ok(citesSlug(await ask(WORDING)), 'the chat cites the article for the wording added in the form');

  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.dialogs, [], 'unexpected browser dialogs');
  await page.close();
});
