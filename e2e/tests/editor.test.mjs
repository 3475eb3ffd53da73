// Browser test of the knowledge-base editor: an editor signs in, writes an
// article and publishes it; a customer's question in the chat is answered
// from it with a citation; the editor changes and republishes it, then
// rolls back to the first version, and the chat answers with the old text
// again. A second test opens the other views (bin, synonyms, gaps, tester,
// export and import preview) so every script module runs. Both fail on a
// page error or a console error. One `los serve`, no model (answers quote
// the knowledge base).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askAlone, axe, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const EMAIL = 'eva@example.no';
const PASSWORD = 'redaktør med langt passord';
const TITLE = 'Sjokoladepenger i kantina';
const SLUG = 'sjokoladepenger-i-kantina';
const OLD = 'Vi tar imot sjokoladepenger i kantina hver fredag.';
const NEW = 'Sjokoladepenger tas ikke lenger imot i kantina.';
const QUESTION = 'Kan jeg betale med sjokoladepenger i kantina?';

const stack = useStack('editor', { users: [['editor', EMAIL, PASSWORD]], browsers: 1 });

// watchEditor is watch() plus the console's errors: a module that does
// not load, or a script the CSP refuses, is logged there, not thrown. The
// browser's own try at /favicon.ico (the editor links no icon) is not the
// page's.
function watchEditor(page) {
  const seen = watch(page);
  seen.console = [];
  page.on('console', (m) => {
    const url = m.location().url || '';
    if (m.type() === 'error' && !url.endsWith('/favicon.ico')) seen.console.push(`${m.text()} (${url})`);
  });
  return seen;
}

const ask = (question) => askAlone(stack, question);

test('an editor publishes an article, the chat cites it, and a rollback restores the old text', async () => {
  const page = await stack.browser.context.newPage();
  const seen = watchEditor(page);

  // Signing in through the shared sign-in page brings the editor back.
  await page.goto(stack.los.url + '/editor');
  await page.waitForURL(/\/agent\/login/);
  await signIn(page, EMAIL, PASSWORD);
  await page.waitForURL(/\/editor$/);
  await page.locator('#articles tbody tr').first().waitFor();
  assert.deepEqual(await axe(page), [], 'article list');
  await screenshot(page, 'editor-articles');

  // Write and publish.
  await page.getByRole('link', { name: 'Skriv ny artikkel' }).click();
  await page.waitForURL(/\/editor\/new/);
  await page.getByLabel('Tittel').fill(TITLE);
  assert.equal(await page.getByLabel('Adresse').inputValue(), SLUG);
  await page.getByLabel('Stikkord').fill('betaling, kantine');
  await page.getByLabel('Tekst', { exact: true }).fill('## Betaling i kantina\n\n' + OLD);
  await page.locator('#preview h2').filter({ hasText: 'Betaling i kantina' }).waitFor();
  assert.deepEqual(await axe(page), [], 'new article');
  const start = Date.now();
  await page.getByRole('button', { name: 'Publiser' }).click();
  await page.waitForURL(new RegExp(`/editor/articles/${SLUG}`));
  await page.locator('#article-state').filter({ hasText: 'Publisert' }).waitFor();

  let answer = await ask(QUESTION);
  console.log(`publish click -> cited in the chat: ${Date.now() - start} ms (browser round trips included)`);
  assert.match(answer.text, /hver fredag/);
  assert.ok(answer.cites.some((h) => h.endsWith(`/artikler/${SLUG}`)), `citations ${answer.cites}`);

  // Change it and publish again.
  await page.getByLabel('Tekst', { exact: true }).fill('## Betaling i kantina\n\n' + NEW);
  await page.getByRole('button', { name: 'Publiser' }).click();
  await page.locator('#edit-status').filter({ hasText: 'Publisert' }).waitFor();
  assert.deepEqual(await axe(page), [], 'edit article');
  answer = await ask(QUESTION);
  assert.match(answer.text, /ikke lenger/);

  // History shows the change; roll back to version 1, published at once.
  await page.getByRole('link', { name: 'Historikk' }).click();
  await page.waitForURL(/\/history/);
  await page.locator('#diff li.op-add').filter({ hasText: NEW }).waitFor();
  assert.equal(await page.locator('#diff li.op-del').filter({ hasText: OLD }).count(), 1);
  assert.deepEqual(await axe(page), [], 'history');
  await page.getByRole('button', { name: 'Gå tilbake til versjon 1' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Publiser med en gang').isChecked(), true);
  await dialog.getByRole('button', { name: 'Gå tilbake til versjon 1' }).click();
  await page.locator('#history-status').filter({ hasText: 'publisert' }).waitFor();
  await screenshot(page, 'editor-history');

  answer = await ask(QUESTION);
  assert.match(answer.text, /hver fredag/);
  assert.doesNotMatch(answer.text, /ikke lenger/);
  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.console, [], 'editor console errors');
  assert.deepEqual(seen.dialogs, [], 'unexpected browser dialogs');
});

test('every other editor view runs its script', async () => {
  const page = await stack.browser.context.newPage();
  const seen = watchEditor(page);
  await page.goto(stack.los.url + '/editor/bin');
  if (/\/agent\/login/.test(page.url())) {
    await signIn(page, EMAIL, PASSWORD);
    await page.waitForURL(/\/editor\/bin$/);
  }
  await page.locator('#bin-status').filter({ hasText: 'Papirkurven er tom.' }).waitFor();
  assert.deepEqual(await axe(page), [], 'bin');

  await page.getByRole('link', { name: 'Synonymer' }).click();
  await page.locator('#syn-status').filter({ hasText: /\S/ }).waitFor();
  assert.deepEqual(await axe(page), [], 'synonyms');

  await page.getByRole('link', { name: 'Ubesvarte spørsmål' }).click();
  await page.locator('#gaps-status').filter({ hasText: /spørsmål/ }).waitFor();
  assert.deepEqual(await axe(page), [], 'gaps');

  await page.getByRole('link', { name: 'Test et spørsmål' }).click();
  await page.getByLabel('Spørsmål', { exact: true }).fill(QUESTION);
  await page.locator('#test-form button[type=submit]').click();
  await page.locator('#test-result').waitFor();
  assert.ok(await page.locator('#t-hits tbody tr').count() > 0, 'tester hits');
  assert.notEqual((await page.locator('#t-answer').textContent()).trim(), '', 'tester answer');
  assert.deepEqual(await axe(page), [], 'tester');

  // Export the knowledge base and preview it as an import: nothing new.
  await page.getByRole('link', { name: 'Import og eksport' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned kunnskapsbasen (zip)' }).click();
  await page.locator('#zip').setInputFiles(await (await download).path());
  await page.getByRole('button', { name: 'Vis hva som vil endres' }).click();
  await page.locator('#import-summary').filter({ hasText: /^0 nye, 0 endret, \d+ uendret, 0 med feil/ }).waitFor();
  assert.ok(await page.locator('#import-items tbody tr').count() > 0, 'import items');
  assert.deepEqual(await axe(page), [], 'import');
  await screenshot(page, 'editor-import');

  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.console, [], 'editor console errors');
  assert.deepEqual(seen.dialogs, [], 'unexpected browser dialogs');
  await page.close();
});
