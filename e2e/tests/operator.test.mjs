// Browser tests of running Los for a company: it starts with its own
// articles (`los kb import` into an empty data directory, no demo), an
// editor removes the demo where it was loaded, an admin copies the embed
// code and learns why a site that is not allowed gets no chat, reads the
// audit log as actions, and every sign-in page says where it leads. Two
// `los serve`s: one with the company's articles alone, one with the demo.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  addUser, ask, axe, importArticles, launch, losBin, screenshot, signIn, startHost, startLos, tempDir, useStack, watch,
} from '../lib/los.mjs';

const PASSWORD = 'riktig hest batteri stift';
const EDITOR = 'eva@example.no';
const ADMIN = 'ada@example.no';

const OWN = {
  'varmepumpe.md': `---
title: Bestille varmepumpe
lang: nb
tags: [varmepumpe]
published: true
---
Du bestiller varmepumpe fra Fjordvarme på fjordvarme.example/bestill. Montering tar to uker.
`,
  'garanti.md': `---
title: Garanti på varmepumpe
lang: nb
tags: [garanti]
published: true
---
Varmepumpene har fem års garanti.
`,
};

// own is a Los with the company's two articles alone.
const own = {};
before(async () => {
  own.work = await tempDir('los-e2e-own-');
  const bin = await losBin(own.work);
  const data = `${own.work}/data`;
  await addUser(bin, data, 'editor', EDITOR, PASSWORD);
  await addUser(bin, data, 'admin', ADMIN, PASSWORD);
  await importArticles(bin, data, OWN, { demo: false });
  own.los = await startLos(bin, data, '');
  own.browser = await launch(); // the admin's
  own.editor = await launch();
});
after(async () => {
  await own.browser?.close();
  await own.editor?.close();
  await own.los?.stop();
  if (own.work) await rm(own.work, { recursive: true, force: true });
});

// demo is a Los with the demo knowledge base, as the quick start runs it.
const demo = useStack('operator-demo', { users: [['editor', EDITOR, PASSWORD]] });

// signedIn opens path in browser, signing in on the way.
async function signedIn(browser, url, path, email) {
  const page = await browser.context.newPage();
  await page.goto(url + path);
  if (page.url().includes('/agent/login')) {
    await signIn(page, email, PASSWORD);
    await page.waitForURL((u) => u.pathname === path.split('?')[0]);
  }
  return page;
}

describe("a company's own content", () => {
  test('los kb import into an empty data directory brings the articles alone', async () => {
    const page = await own.browser.context.newPage();
    await page.goto(own.los.url + '/artikler');
    const titles = await page.locator('.article-list a').allTextContents();
    assert.deepEqual(titles.sort(), ['Bestille varmepumpe', 'Garanti på varmepumpe']);
    await page.goto(own.los.url + '/');
    await ask(page, 'Hvordan bestiller jeg varmepumpe?');
    assert.match(await page.locator('.msg.bot.done .sources a').first().getAttribute('href'), /\/artikler\/varmepumpe$/);
    await page.close();

    // With no demo articles, the editor does not offer to remove them.
    const editor = await signedIn(own.editor, own.los.url, '/editor/import', EDITOR);
    await editor.locator('#import-form').waitFor();
    await editor.waitForLoadState('networkidle');
    assert.equal(await editor.locator('#demo').isVisible(), false);
    await editor.close();
  });

  test('an editor removes the demo articles, and the help centre has none left', async () => {
    const page = await signedIn(demo.browser, demo.los.url, '/editor/import', EDITOR);
    const seen = watch(page);
    const status = page.locator('#demo-status');
    await status.filter({ hasText: '56 av 56 demoartikler er slik de ble levert og kan fjernes.' }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe on the import page with the demo section');
    await page.getByRole('button', { name: 'Fjern demoartiklene' }).click();
    await page.locator('#confirm-text').filter({ hasText: 'Flytte 56 demoartikler til papirkurven?' }).waitFor();
    await page.locator('#confirm-ok').click();
    await status.filter({ hasText: '56 demoartikler er flyttet til papirkurven.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Fjern demoartiklene' }).isVisible(), false);
    await screenshot(page, 'editor-demo-removed');
    assert.deepEqual(seen.errors, []);

    await page.goto(demo.los.url + '/artikler');
    assert.equal(await page.locator('.article-list a').count(), 0);
    await page.getByText('Det er ingen hjelpesider her ennå.').waitFor();
    await screenshot(page, 'helpcentre-empty');
    await page.goto(demo.los.url + '/editor/bin');
    await page.locator('#bin tbody tr').nth(55).waitFor();
    await page.close();
  });
});

describe('sign-in and icon', () => {
  test('the sign-in page says where it leads', async () => {
    const page = await own.browser.context.newPage();
    for (const [path, heading] of [['/admin/analytics', 'Logg inn i administrasjonen'], ['/editor', 'Logg inn i redigeringsverktøyet'],
      ['/agent', 'Logg inn i innboksen']]) {
      await page.goto(own.los.url + path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      assert.equal(await page.title(), `${heading} – Los`);
    }
    await page.goto(own.los.url + '/admin/analytics');
    await screenshot(page, 'login-admin');
    assert.deepEqual(await axe(page), []);
    const icon = await page.request.get(own.los.url + '/favicon.ico');
    assert.equal(icon.status(), 200);
    assert.equal(icon.headers()['content-type'], 'image/x-icon');
    await page.close();
  });
});

describe('admin', () => {
  test('the embed code is copied, and a site that is not allowed is told why in the console and the log', async () => {
    await own.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: own.los.url });
    const page = await signedIn(own.browser, own.los.url, '/admin/embed', ADMIN);
    const seen = watch(page);
    await page.getByLabel('Overskrift').fill('Fjordvarme kundeservice');
    await page.getByLabel('Plassering').selectOption('left');
    await page.getByRole('button', { name: 'Lag koden på nytt' }).click();
    const code = page.locator('#snippet');
    await code.filter({ hasText: 'data-title="Fjordvarme kundeservice"' }).waitFor();
    await page.getByRole('button', { name: 'Kopier koden' }).click();
    await page.getByRole('status').filter({ hasText: 'Koden er kopiert.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await code.textContent());
    assert.match(copied, new RegExp(`^<script src="${own.los.url}/widget.js" defer data-title="Fjordvarme kundeservice" data-color="#17456e" data-position="left"></script>$`));
    await page.getByText('Ingen nettsteder er tillatt ennå').waitFor();
    await screenshot(page, 'admin-embed');
    assert.deepEqual(await axe(page), [], 'axe on the embed page');
    assert.deepEqual(seen.errors, []);

    // The company pastes it into its site, which LOS_WIDGET_ORIGINS does
    // not allow: no chat, one console message and one warning that say so.
    const host = await startHost(() => `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Fjordvarme</title></head>
<body><h1>Fjordvarme</h1>${copied}</body></html>`);
    try {
      const site = await own.browser.context.newPage();
      const errors = [];
      site.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const ours = site.waitForEvent('console', { predicate: (m) => m.text().includes('LOS_WIDGET_ORIGINS') });
      const warned = own.los.waitLog(new RegExp(`level=WARN msg="a site that is not allowed is using the chat widget.*origin=${host.url}`));
      await site.goto(host.url + '/');
      assert.match((await ours).text(), new RegExp(`add ${host.url} to LOS_WIDGET_ORIGINS`));
      await warned;
      await site.waitForLoadState('networkidle');
      assert.equal(errors.filter((m) => m.includes('LOS_WIDGET_ORIGINS')).length, 1, `console: ${errors.join('\n')}`);
      assert.equal(await site.locator('#los-widget').count(), 0, 'no chat on a site that is not allowed');
      await site.close();
    } finally {
      await host.stop();
    }
    await page.close();
  });

  test('the audit log tells what people did, with the HTTP details behind a toggle', async () => {
    // The editor writes and publishes an article through the editor's API.
    const editor = await signedIn(own.editor, own.los.url, '/editor', EDITOR);
    const published = await editor.evaluate(async () => {
      const csrf = document.body.dataset.csrf;
      const send = (method, url, body) => fetch(url, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
      const a = await (await send('POST', '/api/v1/articles', { title: 'Service på varmepumpe', body: 'Vi tar service hvert år.' })).json();
      return (await send('POST', `/api/v1/articles/${a.slug}/publish`, { version: a.version })).status;
    });
    assert.equal(published, 200);
    await editor.close();

    const page = await signedIn(own.browser, own.los.url, '/admin/audit', ADMIN);
    const row = page.locator('tbody tr').filter({ hasText: `${EDITOR} publiserte «Service på varmepumpe» v1` });
    await row.waitFor();
    assert.equal(await page.locator('tbody tr').filter({ hasText: `${EDITOR} opprettet «Service på varmepumpe»` }).count(), 1);
    assert.equal(await page.locator('tbody').getByText('/editor/import', { exact: false }).count(), 0, 'page views are left out');
    const details = row.locator('code');
    assert.equal(await details.isVisible(), false, 'the HTTP details are behind a toggle');
    await row.getByText('HTTP-detaljer').click();
    assert.match(await details.textContent(), /^POST \/api\/v1\/articles\/:slug\/publish · slug=service-pa-varmepumpe · 200$/);
    await screenshot(page, 'admin-audit');
    assert.deepEqual(await axe(page), [], 'axe on the audit log');

    await page.getByLabel('Vis').selectOption('all');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.locator('tbody tr').filter({ hasText: `${ADMIN} åpnet /admin/embed` }).first().waitFor();
    await page.close();
  });
});
