// Browser tests of "Avslutt samtalen": the customer ends the conversation
// (POST /api/v1/conversations/{id}/close), is told that writing again
// starts a new one, and is asked for satisfaction once, as after an
// agent's or the quiet closing (see csat.test.mjs). Ending is asked first
// while a person is involved, and the agent's inbox shows it ended. One
// `los serve` (default quiet spell, 30 minutes), no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answers, ask, axe, conversationState, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const ENDED = 'Du har avsluttet samtalen. Skriver du igjen, starter en ny samtale.';
const CSAT = 'Hvor fornøyd er du med hjelpen du fikk?';
const EMAIL = 'kari@example.no';
const PASSWORD = 'riktig hest batteri stift';

const stack = useStack('close', { users: [['agent', EMAIL, PASSWORD]], browsers: 2 });

// state reads a conversation's transcript and state from this stack's API.
const state = (conv) => conversationState(stack.los.url, conv);


test('the customer ends the conversation and is asked for satisfaction once', async () => {
  const chat = await stack.customer.context.newPage();
  const seen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const end = chat.getByRole('button', { name: 'Avslutt samtalen' });
  await chat.locator('#los-chat .starter').first().waitFor();
  assert.equal(await end.isVisible(), false, 'nothing to end before the first message');
  const conv = await ask(chat, 'Hvordan får jeg e-faktura?');

  // With the bot, ending is not asked first: it loses nothing.
  await end.click();
  await chat.locator('.msg.system').filter({ hasText: ENDED }).waitFor();
  const form = chat.getByRole('form', { name: CSAT });
  await form.waitFor();
  assert.equal(await chat.locator('.confirm:not([hidden])').count(), 0, 'no confirmation with the bot');
  assert.equal(await chat.locator('.msg.system').filter({ hasText: 'stille en stund' }).count(), 0, 'the customer ended it, not the quiet');
  assert.equal(await end.isVisible(), false, 'an ended conversation cannot be ended again');
  const tr = await state(conv);
  assert.equal(tr.status, 'closed');
  assert.equal(tr.csat_answered, false);
  assert.equal(tr.messages.at(-1).text, ENDED);
  await screenshot(chat, 'close-ended');
  const violations = await axe(chat);
  assert.deepEqual(violations, [], violations.join('\n'));

  await form.getByRole('button', { name: '4 av 5' }).click();
  await form.getByLabel('Vil du si noe mer? (valgfritt)').fill('Greit å kunne avslutte selv');
  await form.getByRole('button', { name: 'Send svar' }).click();
  await chat.locator('.msg.system').filter({ hasText: 'Takk for svaret!' }).waitFor();
  assert.equal(await form.count(), 0);
  assert.equal((await state(conv)).csat_answered, true, 'the server has the answer');

  // Writing again starts a new conversation, without an error, and the
  // new one can be ended too.
  const next = await ask(chat, 'Hvordan melder jeg flytting?');
  assert.notEqual(next.id, conv.id);
  assert.equal((await state(next)).status, 'open');
  assert.equal(await chat.locator('.msg.error').count(), 0);
  assert.equal(await end.isVisible(), true);

  // A reload starts afresh: the ended conversation is not asked about again.
  await end.click();
  await form.waitFor();
  await chat.reload();
  await chat.locator('#los-chat .starter').first().waitFor();
  assert.equal(await chat.locator('.msg').count(), 1, 'only the greeting');
  assert.equal(await form.count(), 0);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  await chat.close();
});

test('ending is asked first while an agent holds it, and the inbox shows it ended', async () => {
  const inbox = await stack.agent.context.newPage();
  await inbox.goto(stack.los.url + '/agent/login');
  await signIn(inbox, EMAIL, PASSWORD);
  await inbox.waitForURL(/\/agent$/);

  const chat = await stack.customer.context.newPage();
  const seen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const conv = await ask(chat, 'Hvordan endrer jeg fakturaadressen min?');
  await chat.getByRole('button', { name: 'Snakk med et menneske' }).click();
  await answers(chat).nth(1).waitFor();

  await inbox.locator('#queue li').first().getByRole('button').click();
  await inbox.getByRole('button', { name: 'Ta samtalen' }).click();
  await inbox.getByLabel('Svar til kunden').waitFor();

  const end = chat.getByRole('button', { name: 'Avslutt samtalen' });
  await end.click();
  const box = chat.locator('.confirm').filter({ hasText: 'Vil du avslutte samtalen?' });
  await box.waitFor();
  await screenshot(chat, 'close-confirm');
  const cancel = box.getByRole('button', { name: 'Avbryt' });
  assert.equal(await cancel.evaluate((b) => b.getRootNode().activeElement === b), true, 'focus on the safe choice');
  await cancel.click();
  assert.equal(await box.isVisible(), false);
  assert.equal((await state(conv)).status, 'agent', 'cancelling changes nothing');

  await end.click();
  await box.getByRole('button', { name: 'Ja, avslutt' }).click();
  await chat.locator('.msg.system').filter({ hasText: ENDED }).waitFor();
  await chat.getByRole('form', { name: CSAT }).waitFor();
  const violations = await axe(chat);
  assert.deepEqual(violations, [], violations.join('\n'));

  // The inbox hears of it without a reload: the queue empties, the
  // transcript says the customer ended it, and replying is over.
  await inbox.locator('#queue-empty').waitFor();
  await inbox.locator('#transcript li').filter({ hasText: ENDED }).waitFor();
  assert.equal(await inbox.getByLabel('Svar til kunden').isVisible(), false);
  assert.equal(await inbox.locator('#queue li').count(), 0);
  await screenshot(inbox, 'close-inbox');
  assert.deepEqual(seen.errors, []);
  await chat.close();
  await inbox.close();
});

test('a message to a conversation that ended elsewhere starts a new one', async () => {
  const chat = await stack.customer.context.newPage();
  const seen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const first = await ask(chat, 'Hvordan får jeg e-faktura?');
  // Ended outside this page (another tab, an integrator): the chat does
  // not know yet when the customer writes again.
  const r = await fetch(`${stack.los.url}/api/v1/conversations/${first.id}/close`, {
    method: 'POST', headers: { Authorization: 'Bearer ' + first.token },
  });
  assert.equal(r.status, 200);
  const second = await ask(chat, 'Hvordan endrer jeg fakturaadressen min?');
  assert.notEqual(second.id, first.id, 'the message went to a new conversation');
  const tr = await state(second);
  assert.equal(tr.status, 'open');
  assert.ok(tr.messages.some((m) => m.role === 'customer' && m.text === 'Hvordan endrer jeg fakturaadressen min?'));
  assert.equal(await chat.locator('.msg.system.error').count(), 0, 'no error shown');
  assert.deepEqual(seen.errors, []);
  await chat.close();
});
