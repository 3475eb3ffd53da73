// Browser test of twin articles: an editor opens a Bokmål article's twins,
// makes a Nynorsk draft with "Lag nynorskutkast" (real Apertium), sees it
// marked as a machine translation and as a draft that customers do not
// see, publishes it, and the help centre then links the two ("Les på
// nynorsk"). The demo's linked twins show side by side. A second Los
// without Apertium (no apertium-wblank-mode on its PATH) explains why the
// button cannot work. Fails on a page or console error; axe on every view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const EMAIL = 'eva@example.no';
const PASSWORD = 'redaktør med langt passord';
const SOURCE = 'endre-forfallsdato';

const stack = useStack('twins', { users: [['editor', EMAIL, PASSWORD]], browsers: 1 });
const bare = useStack('twins-bare', { users: [['editor', EMAIL, PASSWORD]], browsers: 1, env: { PATH: '/nonexistent' } });

function watchEditor(page) {
  const seen = watch(page);
  seen.console = [];
  page.on('console', (m) => {
    const url = m.location().url || '';
    if (m.type() === 'error' && !url.endsWith('/favicon.ico')) seen.console.push(`${m.text()} (${url})`);
  });
  return seen;
}

async function openSignedIn(s, path) {
  const page = await s.browser.context.newPage();
  const seen = watchEditor(page);
  await page.goto(s.los.url + path);
  if (/\/agent\/login/.test(page.url())) {
    await signIn(page, EMAIL, PASSWORD);
    await page.waitForURL((u) => u.pathname === path);
  }
  return { page, seen };
}

test('a Nynorsk draft twin by machine translation, reviewed, published and linked in the help centre', async () => {
  const { page, seen } = await openSignedIn(stack, `/editor/articles/${SOURCE}`);
  await page.locator('#article-state').filter({ hasText: 'Publisert' }).waitFor();
  await page.getByRole('link', { name: 'Tvillingartikler' }).click();
  await page.waitForURL(new RegExp(`/editor/articles/${SOURCE}/twins`));
  await page.locator('#twins article').first().waitFor();
  assert.equal(await page.locator('#twins article').count(), 1);
  assert.equal(await page.locator('#twins-none').isVisible(), true);
  assert.deepEqual(await axe(page), [], 'twins of an article without twins');

  await page.getByRole('button', { name: 'Lag nynorskutkast' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/editor/articles/') && !u.pathname.includes(SOURCE + '/'));
  const draftPath = new URL(page.url()).pathname;
  await page.locator('#twin-note').filter({ hasText: 'Maskinoversatt utkast' }).waitFor();
  await page.locator('#article-state').filter({ hasText: 'Utkast' }).waitFor();
  assert.equal(await page.getByLabel('Målform').inputValue(), 'nn');
  assert.match(await page.getByLabel('Tekst', { exact: true }).inputValue(), /ikkje|forfallsdatoen/);
  assert.deepEqual(await axe(page), [], 'machine-translated draft');
  await screenshot(page, 'editor-twin-draft');

  // Customers see nothing of the draft.
  const draftSlug = draftPath.split('/').pop();
  const help = await stack.browser.context.newPage();
  const helpSeen = watch(help);
  let r = await help.goto(`${stack.los.url}/artikler/${draftSlug}`);
  assert.equal(r.status(), 404);

  // Side by side from the draft, then publish it.
  await page.getByRole('link', { name: /Tvillingartikler/ }).click();
  await page.locator('#twins article').nth(1).waitFor();
  assert.equal(await page.locator('#twins article').count(), 2);
  await page.locator('#twins article').first().filter({ hasText: 'Maskinoversatt utkast' }).waitFor();
  assert.equal(await page.locator('#make').isVisible(), false, 'no draft button when both standards exist');
  assert.deepEqual(await axe(page), [], 'twins side by side');
  await screenshot(page, 'editor-twins');
  await page.getByRole('link', { name: 'Tilbake til artikkelen' }).click();
  await page.locator('#article-state').waitFor();
  await page.getByRole('button', { name: 'Publiser' }).click();
  await page.locator('#article-state').filter({ hasText: 'Publisert' }).waitFor();
  await page.locator('#twin-note').waitFor({ state: 'hidden' });

  // The help centre links the twins both ways.
  r = await help.goto(`${stack.los.url}/artikler/${SOURCE}`);
  assert.equal(r.status(), 200);
  await help.getByRole('link', { name: 'Les på nynorsk' }).click();
  await help.waitForURL(new RegExp(`/artikler/${draftSlug}\\?lang=nn`));
  await help.getByRole('link', { name: 'Les på bokmål' }).waitFor();
  assert.deepEqual(await axe(help), [], 'help centre article with twins');
  assert.deepEqual(helpSeen.errors, [], 'help centre errors');

  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.console, [], 'editor console errors');
  await page.close();
  await help.close();
});

test('the demo twins side by side', async () => {
  const { page, seen } = await openSignedIn(stack, '/editor/articles/dodsfall-og-dodsbo/twins');
  await page.locator('#twins article').nth(1).waitFor();
  const langs = await page.locator('#twins article').evaluateAll((as) => as.map((a) => a.querySelector('.kb').getAttribute('lang')));
  assert.deepEqual(langs, ['nb', 'nn']);
  assert.equal(await page.locator('#twins-none').isVisible(), false);
  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.console, [], 'editor console errors');
  await page.close();
});

test('without Apertium the draft button says why it cannot work', async () => {
  const { page, seen } = await openSignedIn(bare, `/editor/articles/${SOURCE}/twins`);
  const button = page.getByRole('button', { name: 'Lag nynorskutkast' });
  await button.waitFor();
  assert.equal(await button.getAttribute('aria-disabled'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Lag bokmålsutkast' }).isVisible(), false, 'a Bokmål article offers no Bokmål draft');
  assert.equal(await page.getByRole('button', { name: 'Fjern fra tvillinggruppen' }).isVisible(), false, 'nothing to unlink');
  await page.locator('#make-unavailable').filter({ hasText: 'apertium-nno-nob' }).waitFor();
  // aria-disabled keeps it focusable, so its explanation is read; a
  // keyboard user who presses it anyway is told again.
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator('#twins-error').filter({ hasText: 'apertium-nno-nob' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/editor/articles/${SOURCE}/twins`, 'no draft was opened');
  assert.deepEqual(await axe(page), [], 'twins without Apertium');
  await screenshot(page, 'editor-twins-no-apertium');
  assert.deepEqual(seen.errors, [], 'editor page errors');
  assert.deepEqual(seen.console, [], 'editor console errors');
  await page.close();
});
