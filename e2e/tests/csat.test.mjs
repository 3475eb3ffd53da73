// Browser tests of the satisfaction question (CSAT): the chat asks when
// the server has closed the conversation, by an agent or for quiet
// (LOS_IDLE_CLOSE, here 3 s, which the server tells the chat), once per
// conversation, and never before an answer. One `los serve`, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ask, axe, conversationState, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const GRIEF = 'Mannen min døde i forrige uke, og jeg trenger hjelp med strømavtalen hans';
const REPLY = 'Kondolerer. Jeg har ordnet avtalen, du trenger ikke gjøre noe mer.';
const QUIET = 'Samtalen ble avsluttet fordi det var stille en stund.';
const EMAIL = 'kari@example.no';
const PASSWORD = 'riktig hest batteri stift';

const stack = useStack('csat', { users: [['agent', EMAIL, PASSWORD]], browsers: 2, args: ['--idle-close', '3s'] });

// state reads a conversation's transcript and state from this stack's API.
const state = (conv) => conversationState(stack.los.url, conv);


test('CSAT comes when the agent closes the conversation, and only once', async () => {
  const inbox = await stack.agent.context.newPage();
  await inbox.goto(stack.los.url + '/agent/login');
  await signIn(inbox, EMAIL, PASSWORD);
  await inbox.waitForURL(/\/agent$/);

  const chat = await stack.customer.context.newPage();
  const seen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const conv = await ask(chat, GRIEF);

  await inbox.locator('#queue li').first().filter({ hasText: 'Dødsfall' }).waitFor();
  await inbox.locator('#queue li').first().getByRole('button').click();
  await inbox.getByRole('button', { name: 'Ta samtalen' }).click();
  await inbox.getByLabel('Svar til kunden').fill(REPLY);
  await inbox.getByRole('button', { name: 'Send', exact: true }).click();
  await chat.locator('.msg.agent .text').filter({ hasText: REPLY }).waitFor({ timeout: 20_000 });
  // An agent holds it: no quiet spell counts down, and nobody asks.
  const held = await state(conv);
  assert.equal(held.status, 'agent');
  assert.equal(held.closes_in_seconds, undefined);
  assert.equal(await chat.locator('form.csat').count(), 0, 'no CSAT while an agent holds the conversation');

  await inbox.getByRole('button', { name: 'Avslutt samtalen' }).click();
  const form = chat.getByRole('form', { name: 'Hvor fornøyd er du med hjelpen du fikk?' });
  await form.waitFor({ timeout: 20_000 });
  assert.equal(await chat.locator('.msg.system').filter({ hasText: 'har avsluttet samtalen' }).count(), 1);
  assert.equal(await chat.locator('.msg.system').filter({ hasText: QUIET }).count(), 0, 'the agent closed it, not the quiet');
  assert.equal(await form.count(), 1);
  const violations = await axe(chat);
  assert.deepEqual(violations, [], violations.join('\n'));
  await form.getByRole('button', { name: '5 av 5' }).click();
  await form.getByRole('button', { name: 'Send svar' }).click();
  await chat.locator('.msg.system').filter({ hasText: 'Takk for svaret!' }).waitFor();

  // A reload starts afresh: the ended conversation is not asked about again.
  await chat.reload();
  await chat.locator('#los-chat .starter').first().waitFor();
  assert.equal(await chat.locator('.msg').count(), 1, 'only the greeting');
  assert.equal(await form.count(), 0);
  assert.deepEqual(seen.errors, []);
  await chat.close();
  await inbox.close();
});

test('CSAT comes when the server closes a quiet conversation', async () => {
  const chat = await stack.customer.context.newPage();
  const seen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const conv = await ask(chat, 'Hvordan får jeg e-faktura?');
  const form = chat.getByRole('form', { name: 'Hvor fornøyd er du med hjelpen du fikk?' });
  await form.waitFor({ timeout: 20_000 });
  await chat.locator('.msg.system').filter({ hasText: QUIET }).waitFor();
  assert.equal(await form.count(), 1);
  assert.equal((await state(conv)).status, 'closed', 'the server closed it');
  await screenshot(chat, 'csat-quiet');
  const violations = await axe(chat);
  assert.deepEqual(violations, [], violations.join('\n'));
  await form.getByRole('button', { name: '3 av 5' }).click();
  await form.getByRole('button', { name: 'Send svar' }).click();
  await chat.locator('.msg.system').filter({ hasText: 'Takk for svaret!' }).waitFor();
  assert.equal(await form.count(), 0);

  // Writing again starts a new conversation, without an error.
  await ask(chat, 'Hvordan melder jeg flytting?');
  assert.equal(await chat.locator('.msg.error').count(), 0);
  assert.deepEqual(seen.errors, []);
  await chat.close();
});

test('a conversation that closed while the page was away asks once on return', async () => {
  const chat = await stack.customer.context.newPage();
  // A conversation nobody writes in, started first.
  const r = await fetch(`${stack.los.url}/api/v1/conversations`, { method: 'POST' });
  const empty = await r.json();
  assert.equal(empty.idle_close_seconds, 3, 'the server tells its quiet spell');

  await chat.goto(stack.los.url + '/');
  const conv = await ask(chat, 'Hvordan endrer jeg fakturaadressen min?');

  // Away: the tab shows another page while the server closes the
  // conversation (reading it after the quiet spell closes it).
  await chat.goto('about:blank');
  let tr = await state(conv);
  assert.ok(tr.closes_in_seconds >= 1 && tr.closes_in_seconds <= 3, `closes in ${tr.closes_in_seconds} s`);
  for (let i = 0; i < 200 && tr.status !== 'closed'; i++) {
    await new Promise((ok) => setTimeout(ok, 100)); // between looks at the condition, bounded
    tr = await state(conv);
  }
  assert.equal(tr.status, 'closed');
  assert.equal(tr.csat_answered, false);
  // The empty one is older, yet stays open: there is nothing to ask about.
  const still = await state(empty);
  assert.equal(still.status, 'open');
  assert.equal(still.closes_in_seconds, undefined);

  await chat.goto(stack.los.url + '/');
  const form = chat.getByRole('form', { name: 'Hvor fornøyd er du med hjelpen du fikk?' });
  await form.waitFor();
  assert.equal(await chat.locator('.msg.customer .text').first().textContent(), 'Hvordan endrer jeg fakturaadressen min?');
  await chat.locator('.msg.system').filter({ hasText: QUIET }).waitFor();

  // Left unanswered, it is not asked again.
  await chat.reload();
  await chat.locator('#los-chat .starter').first().waitFor();
  assert.equal(await chat.locator('.msg').count(), 1, 'only the greeting');
  assert.equal(await form.count(), 0);
  await chat.close();
});
