// Browser test of a hand-over outside opening hours, in the floating
// widget on the help centre: the customer asks for a person, is told honestly that
// customer service is closed, leaves a phone number in the call-back form,
// closes the chat, and sees an unread marker on the launcher when an agent
// replies anyway. One `los serve`, closed but for one minute a week, no
// model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const EMAIL = 'ola@example.no';
const PASSWORD = 'korrekt hest batteri stift';
const REPLY = 'Hei, jeg så meldingen din og ringer deg i morgen tidlig.';

const stack = useStack('callback', { users: [['agent', EMAIL, PASSWORD]], browsers: 2, args: ['--opening-hours', 'mon 00:00-00:01'] });

test('closed: a call-back is requested, and an agent reply marks the launcher unread', async () => {
  const page = await stack.customer.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/artikler');
  const launcher = page.locator('#los-widget .launcher');
  await launcher.click();
  await page.getByRole('button', { name: 'Snakk med et menneske' }).click();

  // The honest answer: closed, when it opens, and the offer of a call-back.
  const answer = page.locator('.msg.bot:not(.greeting):not(.typing) .text').first();
  await answer.filter({ hasText: 'stengt' }).waitFor();
  assert.match(await answer.textContent(), /Kundeservice er stengt nå.*åpner igjen .*kl\. 00\.00/s);
  assert.match(await answer.textContent(), /ringer deg/);

  const form = page.getByRole('form', { name: 'Bli ringt opp' });
  await form.waitFor();
  const name = form.getByRole('textbox', { name: 'Navn' });
  const phone = form.getByRole('textbox', { name: 'Telefonnummer' });
  assert.equal(await name.getAttribute('autocomplete'), 'name');
  assert.equal(await phone.getAttribute('type'), 'tel');
  assert.deepEqual(await axe(page), [], 'axe on the call-back form');

  // Empty: the API's message shows under the name field, as an alert.
  const submit = form.getByRole('button', { name: 'Ring meg' });
  await submit.click();
  await form.getByRole('alert').filter({ hasText: 'Skriv navnet ditt' }).waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await name.evaluate((e) => e.getRootNode().activeElement === e), true, 'focus moves to the bad field');
  assert.deepEqual(await axe(page), [], 'axe on the call-back form with an error');
  await screenshot(page, 'callback-error');

  // By keyboard: a name, a bad number, then a good one.
  await page.keyboard.type('Kari Nordmann');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await form.getByRole('alert').filter({ hasText: 'gyldig telefonnummer' }).waitFor();
  assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  await phone.fill('912 34 567');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Gjelder strømavtalen');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('.msg.system .text').filter({ hasText: 'Vi ringer deg på 912 34 567' }).waitFor();
  assert.equal(await form.count(), 0, 'the form goes once sent');
  await screenshot(page, 'callback-sent');

  // The customer closes the chat; an agent takes over and replies.
  await page.keyboard.press('Escape');
  await page.locator('#los-panel').waitFor({ state: 'hidden' });
  assert.equal(await launcher.getAttribute('aria-label'), 'Chat med oss');

  const inbox = await stack.agent.context.newPage();
  await inbox.goto(stack.los.url + '/agent/login');
  await signIn(inbox, EMAIL, PASSWORD);
  await inbox.waitForURL(/\/agent$/);
  await inbox.locator('#queue li').first().getByRole('button').click();
  await inbox.getByRole('button', { name: 'Ta samtalen' }).click();
  const box = inbox.getByLabel('Svar til kunden');
  await box.fill(REPLY);
  await inbox.getByRole('button', { name: 'Send', exact: true }).click();
  await inbox.locator('#transcript .msg-agent').filter({ hasText: REPLY }).waitFor();

  const badge = launcher.locator('.unread');
  await badge.waitFor({ timeout: 20_000 });
  assert.equal(await badge.textContent(), '1');
  assert.equal(await launcher.getAttribute('aria-label'), 'Chat med oss – ny melding fra kundebehandler');
  assert.equal(await page.locator('#los-widget .sr[role="status"]').textContent(), 'Ny melding fra kundebehandler');
  await screenshot(page, 'launcher-unread');

  // Opening the chat clears the marker; the notice and the reply show once,
  // the reply labelled as from a person.
  await launcher.click();
  await badge.waitFor({ state: 'hidden' });
  assert.equal(await launcher.getAttribute('aria-label'), 'Chat med oss');
  const reply = page.locator('.msg.agent').filter({ hasText: REPLY });
  assert.equal(await reply.count(), 1);
  assert.equal(await reply.locator('.who').textContent(), 'Kundebehandler');
  assert.equal(await page.locator('.msg.system').filter({ hasText: 'har tatt over samtalen' }).count(), 1);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  await page.close();
  await inbox.close();
});
