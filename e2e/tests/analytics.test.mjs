// Browser test of the analytics dashboard: three conversations are seeded
// through the public API (messages, thumbs, a handoff an admin takes, CSAT
// answers); an admin signs in, sees the figures, the server-drawn SVG
// trend charts, and downloads a table as CSV. One `los serve`, no model.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { axe, output, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const EMAIL = 'ada@example.no';
const PASSWORD = 'riktig hest batteri stift';

// api calls the customer API of a conversation.
async function api(method, path, token, body) {
  const r = await fetch(stack.los.url + '/api/v1/' + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function conversation() {
  return api('POST', 'conversations', '', { lang: 'nb' });
}

// Conversations the bot holds close after 2 s of quiet, so the widget
// asks for satisfaction soon.
const stack = useStack('analytics', { users: [['admin', EMAIL, PASSWORD]], browsers: 1, args: ['--idle-close', '2s'] });

test('an admin sees seeded figures, SVG charts, and downloads CSV', async () => {
  // A: answered, thumbs up, very satisfied.
  const a = await conversation();
  const ra = await api('POST', `conversations/${a.id}/messages`, a.token, { text: 'Hvordan endrer jeg fakturaadressen min?' });
  assert.ok(ra.message_id, 'the answer has an id');
  await api('POST', `conversations/${a.id}/feedback`, a.token, { message_id: ra.message_id, rating: 1 });
  await api('POST', `conversations/${a.id}/csat`, a.token, { score: 5 });
  // B: answered, thumbs down, dissatisfied; a later CSAT replaces the first.
  const b = await conversation();
  const rb = await api('POST', `conversations/${b.id}/messages`, b.token, { text: 'Hvordan melder jeg flytting?' });
  await api('POST', `conversations/${b.id}/feedback`, b.token, { message_id: rb.message_id, rating: -1 });
  await api('POST', `conversations/${b.id}/csat`, b.token, { score: 1 });
  await api('POST', `conversations/${b.id}/csat`, b.token, { score: 2, comment: 'Fant ikke svaret' });
  // C: the customer asks for a person; satisfied.
  const c = await conversation();
  await api('POST', `conversations/${c.id}/messages`, c.token, { text: 'Hvordan får jeg e-faktura?' });
  await api('POST', `conversations/${c.id}/handoff`, c.token);
  await api('POST', `conversations/${c.id}/csat`, c.token, { score: 4 });
  // A bad score is refused.
  const bad = await fetch(`${stack.los.url}/api/v1/conversations/${c.id}/csat`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + c.token }, body: '{"score": 9}',
  });
  assert.equal(bad.status, 422);

  // The admin signs in through the sign-in page, which brings them back.
  const page = await stack.browser.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/admin/analytics');
  await page.waitForURL(/\/agent\/login\?next=%2Fadmin%2Fanalytics/);
  await signIn(page, EMAIL, PASSWORD);
  await page.waitForURL(/\/admin\/analytics$/);

  // The admin takes the handed-over conversation, so there is a waiting time.
  const claimed = await page.evaluate(async (id) => {
    const me = await (await fetch('/api/v1/agent/me')).json();
    const r = await fetch(`/api/v1/agent/conversations/${id}/claim`, { method: 'POST', headers: { 'X-CSRF-Token': me.csrf } });
    return r.status;
  }, c.id);
  assert.equal(claimed, 200);
  await page.reload();

  const metric = (name) => page.locator(`[data-metric="${name}"]`).textContent();
  assert.equal(await metric('conversations'), '3');
  assert.equal(await metric('handoff_rate'), '33,3 %');
  // What became of the questions, side by side: A confirmed (CSAT 5), B not
  // resolved (thumbs down, CSAT 2), C handed over; nothing is assumed from
  // silence, and nothing is "resolved by the bot" as one number.
  assert.equal(await metric('confirmed_rate'), '33,3 %');
  assert.equal(await metric('not_resolved_rate'), '33,3 %');
  assert.equal(await metric('assumed_rate'), '0,0 %');
  assert.equal(await metric('pending'), '0');
  assert.equal(await page.getByText('Løst av boten', { exact: true }).count(), 0);
  await page.locator('.definitions dt').filter({ hasText: 'Antatt løst' }).waitFor();
  // The per-day table has today's row only, not 30 rows of zeros.
  assert.equal(await page.locator('#table-days tbody tr').count(), 1);
  assert.equal(await metric('csat_bot'), '3,50');
  assert.equal(await metric('csat_human'), '4,00');
  assert.match(await metric('waiting_median_ms'), /^\d+,\d\d s$/);
  assert.equal(await page.locator('#table-handoffs tbody tr').count(), 1);
  assert.match(await page.locator('#table-handoffs tbody tr').textContent(), /Ba om et menneske/);
  const articles = await page.locator('#table-articles tbody tr').allTextContents();
  assert.ok(articles.length >= 1, `article rows: ${articles}`);

  // Three charts, drawn by the server as SVG, with bars and lines.
  assert.equal(await page.locator('svg.chart').count(), 3);
  assert.ok(await page.locator('#chart-outcomes rect.bar').count() >= 1);
  assert.equal(await page.locator('#chart-resolution path.line').count(), 1);
  assert.equal(await page.locator('#chart-csat circle.point').count(), 1);

  // The CSV link downloads the table.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#table-resolution a.csv').click()]);
  assert.match(download.suggestedFilename(), /^los-resolution-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^resolution,conversations,share\r?\n/);
  assert.match(csv, /\nconfirmed,1,0\.3333\r?\n/);
  assert.match(csv, /\nhanded_over,1,0\.3333\r?\n/);
  const summary = await page.evaluate(async () => (await fetch('/admin/analytics?format=csv&table=summary')).text());
  assert.match(summary, /\nconversations,3\r?\n/);
  assert.match(summary, /\ncsat_human,4\.00\r?\n/);

  const violations = await axe(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  assert.deepEqual(seen.errors, []);
  await mkdir(output, { recursive: true });
  await page.screenshot({ path: join(output, 'analytics.png'), fullPage: true });
});

test('the widget asks for satisfaction when the server closes a quiet conversation, and the answer counts', async () => {
  const page = await stack.browser.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/');
  const input = page.getByRole('textbox', { name: 'Skriv meldingen din' });
  await input.fill('Hvordan får jeg e-faktura?');
  await input.press('Enter');
  const form = page.locator('form.csat');
  await form.waitFor();
  assert.equal(await form.locator('h3').textContent(), 'Hvor fornøyd er du med hjelpen du fikk?');
  await form.getByRole('button', { name: 'Send svar' }).click();
  assert.equal(await form.locator('[role=alert]').textContent(), 'Velg et tall fra 1 til 5.');
  await form.getByRole('button', { name: '4 av 5' }).click();
  assert.equal(await form.getByRole('button', { name: '4 av 5' }).getAttribute('aria-pressed'), 'true');
  await form.getByLabel('Vil du si noe mer? (valgfritt)').fill('Raskt svar');
  await screenshot(page, 'csat-widget');
  const violations = await axe(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await form.getByRole('button', { name: 'Send svar' }).click();
  await page.locator('.msg.system').filter({ hasText: 'Takk for svaret!' }).waitFor();
  assert.equal(await form.count(), 0);
  assert.deepEqual(seen.errors, []);

  // The admin (signed in by the first test) sees it among bot-only answers.
  const admin = await stack.browser.context.newPage();
  await admin.goto(stack.los.url + '/admin/analytics');
  const csv = await admin.evaluate(async () => (await fetch('/admin/analytics?format=csv&table=csat')).text());
  assert.match(csv, /\nbot,3,3\.67,0\.6667\r?\n/);
});
