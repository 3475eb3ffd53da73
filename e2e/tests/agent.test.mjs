// Browser test of the agent side: a customer writes about a death in the
// family; an agent, signed in in another browser, sees it at the top of
// the live queue with its reason, takes it over and replies; the customer
// sees the reply in the chat. One `los serve`, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const GRIEF = 'Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans';
const REPLY = 'Kondolerer. Jeg heter Kari og hjelper deg med avtalen, du trenger ikke gjøre noe nå.';
const EMAIL = 'kari@example.no';
const PASSWORD = 'riktig hest batteri stift';

const stack = useStack('agent', { users: [['agent', EMAIL, PASSWORD]], browsers: 2 });

test('an agent takes over a grief conversation and the customer sees the reply', async () => {
  // The agent signs in and opens the inbox, which streams the queue.
  const inbox = await stack.agent.context.newPage();
  const agentSeen = watch(inbox);
  await inbox.goto(stack.los.url + '/agent');
  await inbox.waitForURL(/\/agent\/login/);
  await signIn(inbox, EMAIL, PASSWORD);
  await inbox.waitForURL(/\/agent$/);
  await inbox.locator('#service-status').filter({ hasText: '1 pålogget' }).waitFor();
  assert.equal(await inbox.locator('#queue li').count(), 0);

  // The customer writes in the chat.
  const chat = await stack.customer.context.newPage();
  const chatSeen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const input = chat.getByRole('textbox', { name: 'Skriv meldingen din' });
  await input.fill(GRIEF);
  await input.press('Enter');
  const answer = chat.locator('.msg.bot:not(.greeting):not(.typing) .text').first();
  await answer.filter({ hasText: 'lei for det' }).waitFor();

  // It appears at the top of the queue, pushed, with its reason in plain
  // words and the customer's first words.
  const top = inbox.locator('#queue li').first();
  await top.filter({ hasText: 'Dødsfall i familien' }).waitFor();
  assert.equal(await top.locator('.reason').textContent(), 'Dødsfall i familien');
  assert.match(await top.locator('.words').textContent(), /^«Mannen min døde i forrige uke/);
  assert.match(await top.locator('.badge').textContent(), /Høy/);
  await top.getByRole('button').click();
  await inbox.locator('#fact-summary').filter({ hasText: 'Skrev først: «Mannen min døde' }).waitFor();
  assert.match(await inbox.locator('#fact-reason').textContent(), /Dødsfall i familien/);
  assert.doesNotMatch(await inbox.locator('#conversation').innerText(), /bereavement|lexicon:|who:self/);

  // The agent takes it over and replies.
  await inbox.getByRole('button', { name: 'Ta samtalen' }).click();
  const box = inbox.getByLabel('Svar til kunden');
  await box.waitFor();
  await box.fill(REPLY);
  await inbox.getByRole('button', { name: 'Send', exact: true }).click();
  await inbox.locator('#transcript .msg-agent').filter({ hasText: REPLY }).waitFor();
  await inbox.locator('#queue li .who.mine').first().waitFor();
  await screenshot(inbox, 'agent-inbox');

  // The customer's chat shows the reply.
  await chat.locator('.msg.agent .text').filter({ hasText: REPLY }).waitFor({ timeout: 20_000 });
  await screenshot(chat, 'chat-agent-reply');

  assert.deepEqual(await axe(inbox), [], 'accessibility problems in the inbox');
  assert.deepEqual(agentSeen.errors, []);
  assert.deepEqual(chatSeen.errors, []);
  assert.deepEqual(agentSeen.dialogs, []);
});

test('the sign-in page speaks Nynorsk and English and refuses a wrong password', async () => {
  const page = await stack.customer.context.newPage(); // not signed in
  await page.goto(stack.los.url + '/agent/login?lang=en');
  await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong email address or password.' }).waitFor();
  await page.goto(stack.los.url + '/agent/login?lang=nn');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nn');
  assert.deepEqual(await axe(page), [], 'accessibility problems on the sign-in page');
  await page.close();
});
