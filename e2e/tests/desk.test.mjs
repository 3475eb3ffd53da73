// Browser tests of the agent desk as people use it, with the customer in
// another browser: an administrator writes a canned response; an agent
// (shown to customers as "Kari fra kundeservice") reads a grief
// conversation in plain words, takes it over, inserts the canned response
// with "/", writes Markdown and sends with Enter while the customer sees
// them typing and the reply arrive live; notes stay internal; suggested
// passages go into the reply. Then a second customer: the earlier
// conversation from the same browser, unread counts in the tab title, a
// desktop notification, search. One `los serve`, no model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answers, ask, axe, conversationState, screenshot, signIn, useStack, watch } from '../lib/los.mjs';

const GRIEF = 'Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans';
const KARI = ['kari@example.no', 'riktig hest batteri stift'];
const ADA = ['ada@example.no', 'et annet langt passord'];
const NOTE = 'Enken ønsker å beholde avtalen; ring i morgen.';

const stack = useStack('desk', {
  users: [['agent', ...KARI, 'Kari'], ['admin', ...ADA]],
  browsers: 3,
});

// Pages kept from the first test for the second.
const pages = {};

async function signedIn(browser, path, [email, password]) {
  const page = await browser.context.newPage();
  await page.goto(stack.los.url + path);
  await signIn(page, email, password);
  await page.waitForURL((u) => u.pathname === path);
  return page;
}

function noProblems(seen) {
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
}

test('an agent works a conversation at the desk and the customer follows it live', async () => {
  // The administrator writes a canned response.
  const admin = await signedIn(stack.browsers[2], '/admin/canned', ADA);
  await admin.getByLabel('Kortnavn').fill('takk');
  await admin.getByLabel('Tekst').fill('Takk for at du tok kontakt, {kunde}. Hilsen {agent}');
  await admin.getByRole('button', { name: 'Lagre' }).click();
  await admin.getByRole('status').filter({ hasText: 'Lagret.' }).waitFor();
  await admin.getByRole('cell', { name: '/takk' }).waitFor();
  await screenshot(admin, 'desk-admin-canned');
  assert.deepEqual(await axe(admin), [], 'accessibility problems on the canned responses page');

  const inbox = await signedIn(stack.agent, '/agent', KARI);
  const agentSeen = watch(inbox);
  await inbox.locator('#service-status').filter({ hasText: '1 pålogget' }).waitFor();
  assert.equal(await inbox.locator('#me-name').textContent(), 'Kundene ser deg som «Kari»');

  const chat = await stack.customer.context.newPage();
  const chatSeen = watch(chat);
  await chat.goto(stack.los.url + '/');
  const conv = await ask(chat, GRIEF);
  pages.chat = chat;
  pages.conv = conv;

  // The queue says what it is about in words, with the customer's words.
  const item = inbox.locator('#queue li').filter({ hasText: 'Dødsfall i familien' });
  await item.waitFor();
  assert.match(await item.locator('.words').textContent(), /^«Mannen min døde i forrige uke/);
  await item.getByRole('button').click();
  await inbox.locator('#fact-summary li').first().filter({ hasText: 'Skrev først: «Mannen min døde' }).waitFor();
  const why = inbox.locator('details.why');
  assert.equal(await why.locator('#why').isVisible(), false, 'the signals wait behind the toggle');
  await why.locator('summary').click();
  await why.locator('#why li').first().waitFor();
  assert.doesNotMatch(await inbox.locator('#conversation').innerText(), /bereavement|lexicon:|who:/);

  // Taking it over; the customer learns who.
  await inbox.getByRole('button', { name: 'Ta samtalen' }).click();
  await chat.locator('.msg.system').filter({ hasText: 'Kari fra kundeservice har tatt over samtalen' }).waitFor();
  // An offer to be phoned (made when nobody could take over) goes.
  await chat.getByRole('form', { name: 'Bli ringt opp' }).waitFor({ state: 'detached' });
  // The state line names Kari at once, before she writes anything, and
  // still after a reload.
  const stateLine = chat.locator('.bar .state');
  await stateLine.filter({ hasText: 'Du snakker med Kari' }).waitFor();
  assert.equal(await stateLine.textContent(), 'Du snakker med Kari');
  assert.equal(await chat.locator('.msg.agent').count(), 0, 'named before any agent message');
  await chat.reload();
  await chat.locator('.msg.system').filter({ hasText: 'Kari fra kundeservice har tatt over samtalen' }).waitFor();
  await stateLine.filter({ hasText: 'Du snakker med Kari' }).waitFor();
  assert.equal(await chat.locator('.msg.agent').count(), 0, 'named after a reload before any agent message');

  // "/" offers the canned response; Enter inserts it with the agent's
  // name, and the customer's name is left selected to type over.
  const box = inbox.getByLabel('Svar til kunden');
  await box.click();
  await box.pressSequentially('/tak');
  const option = inbox.getByRole('option', { name: /\/takk/ });
  await option.waitFor();
  await box.press('Enter');
  assert.equal(await box.inputValue(), 'Takk for at du tok kontakt, {kunde}. Hilsen Kari');
  await box.pressSequentially('Eva');
  // The customer sees Kari typing.
  await chat.locator('.msg.typing').filter({ hasText: 'Kari skriver' }).first().waitFor();
  await box.press('Control+End');
  await box.press('Shift+Enter');
  await box.pressSequentially('**Viktig:** du trenger ikke gjøre noe med avtalen nå.');
  assert.equal(await box.inputValue(), 'Takk for at du tok kontakt, Eva. Hilsen Kari\n**Viktig:** du trenger ikke gjøre noe med avtalen nå.');
  await box.press('Enter');
  await inbox.locator('#transcript .msg-agent strong').filter({ hasText: 'Viktig:' }).waitFor();
  assert.equal(await box.inputValue(), '', 'sent with Enter');

  // The customer's chat shows it at once, under Kari's name, as Markdown,
  // with the time; the typing indicator is gone.
  const reply = chat.locator('.msg.agent:not(.typing)').last();
  await reply.locator('strong').filter({ hasText: 'Viktig:' }).waitFor();
  assert.equal(await reply.locator('.who').textContent(), 'Kari fra kundeservice');
  assert.match(await reply.locator('time.at').textContent(), /^\d\d[:.]\d\d$/);
  assert.doesNotMatch(await reply.locator('.text').textContent(), /\*\*/);
  await chat.locator('.msg.typing').waitFor({ state: 'detached' });

  // Markup that is not Markdown stays text; only web and article links
  // become links.
  await box.fill('<img src=x onerror=alert(1)> [les her](javascript:alert(2)) [vilkår](https://example.no/vilkar)');
  await box.press('Enter');
  const odd = chat.locator('.msg.agent:not(.typing)').last();
  await odd.locator('a[href="https://example.no/vilkar"]').waitFor();
  assert.match(await odd.locator('.text').textContent(), /<img src=x onerror=alert\(1\)> les her/);
  assert.equal(await odd.locator('img, a[href^="javascript"]').count(), 0);

  // The agent sees the customer typing, then their message.
  const input = chat.getByRole('textbox', { name: 'Skriv meldingen din' });
  await input.pressSequentially('Takk, men hva med');
  await inbox.locator('#customer-typing').filter({ hasText: 'Kunden skriver' }).waitFor();
  await input.pressSequentially(' fakturaen hans?');
  await input.press('Enter');
  await inbox.locator('#transcript .msg-customer').filter({ hasText: 'hva med fakturaen hans?' }).waitFor();

  // Suggested passages for that message; "insert" puts one in the reply.
  const suggestion = inbox.locator('#suggestions li').first();
  await suggestion.getByRole('button', { name: /^Sett inn/ }).waitFor();
  await inbox.locator('#copilot-for').filter({ hasText: 'hva med fakturaen hans?' }).waitFor();
  await suggestion.getByRole('button', { name: /^Sett inn/ }).click();
  assert.match(await box.inputValue(), /Les mer: \[[^\]]+\]\(\/artikler\/[a-z0-9-]+/);
  await box.fill('');

  // An internal note: the desk shows it, the customer never sees it.
  await inbox.getByLabel('Nytt notat').fill(NOTE);
  await inbox.getByRole('button', { name: 'Lagre notatet' }).click();
  await inbox.locator('#notes li').filter({ hasText: NOTE }).waitFor();
  assert.doesNotMatch(await chat.locator('body').innerText(), /Enken ønsker/);
  assert.ok(!JSON.stringify(await conversationState(stack.los.url, conv)).includes('Enken'), 'the note is in the customer transcript');

  await screenshot(inbox, 'desk-conversation');
  await screenshot(chat, 'desk-chat-live');
  assert.deepEqual(await axe(inbox), [], 'accessibility problems in the desk');
  assert.deepEqual(await axe(chat), [], 'accessibility problems in the chat');
  noProblems(agentSeen);
  noProblems(chatSeen);
  pages.inbox = inbox;
});

test('earlier conversations, unread counts, notifications and search', async () => {
  const inbox = pages.inbox;
  const agentSeen = watch(inbox);
  // Notifications on: the browser allows them; record what is shown.
  await stack.agent.context.grantPermissions(['notifications'], { origin: stack.los.url });
  await inbox.evaluate(() => {
    window.__shown = [];
    window.Notification = class extends window.Notification {
      constructor(title, opts) { super(title, opts); window.__shown.push(opts.body); }
    };
  });
  await inbox.getByLabel('Varsle meg (lyd og skrivebordsvarsel)').check();
  assert.equal(await inbox.locator('#notify-note').isVisible(), false);

  // A second customer asks the bot, ends, then asks for a person.
  const other = await stack.browsers[2].context.newPage();
  await other.goto(stack.los.url + '/');
  await ask(other, 'Hvordan endrer jeg fakturaadressen min?');
  await other.getByRole('button', { name: 'Avslutt samtalen' }).click();
  await other.locator('.msg.system').filter({ hasText: 'Du har avsluttet samtalen' }).waitFor();
  const n = await answers(other).count();
  await other.getByRole('textbox', { name: 'Skriv meldingen din' }).fill('Jeg vil snakke med et menneske');
  await other.getByRole('textbox', { name: 'Skriv meldingen din' }).press('Enter');
  await other.locator('.msg.bot:not(.greeting):not(.typing)').nth(n).filter({ hasText: 'kundebehandler' }).waitFor();

  const item = inbox.locator('#queue li').filter({ hasText: 'Ønsker å snakke med et menneske' });
  await item.waitFor();
  await item.getByRole('button').click();
  await inbox.locator('#earlier li').filter({ hasText: 'Hvordan endrer jeg fakturaadressen min?' }).filter({ hasText: 'Bare med Los' }).waitFor();
  assert.match(await inbox.locator('#context-page a').getAttribute('href'), /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.equal(await inbox.locator('#context-lang').textContent(), 'Bokmål');

  // The first customer writes while Kari looks at the second: the tab
  // title and the entry count it.
  const chatInput = pages.chat.getByRole('textbox', { name: 'Skriv meldingen din' });
  await chatInput.fill('Er du der fortsatt?');
  await chatInput.press('Enter');
  const mine = inbox.locator('#queue li').filter({ hasText: 'Dødsfall i familien' });
  await mine.locator('.unread').filter({ hasText: '1 nye' }).waitFor();
  assert.equal(await inbox.title(), '(1) Innboks – Los');
  await mine.getByRole('button').click();
  await inbox.waitForFunction(() => document.title === 'Innboks – Los');

  // Away from the tab, a customer's message brings a desktop notification.
  await inbox.evaluate(() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }));
  await chatInput.fill('Hallo?');
  await chatInput.press('Enter');
  await inbox.waitForFunction(() => window.__shown.includes('Ny melding fra kunden'));
  assert.equal(await inbox.title(), '(1) Innboks – Los');
  await inbox.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await inbox.waitForFunction(() => document.title === 'Innboks – Los');

  // Search: by text, and the agent's own.
  await inbox.getByRole('tab', { name: 'Søk' }).click();
  await inbox.getByLabel('Tekst').fill('strømavtalen');
  await inbox.getByRole('button', { name: 'Søk', exact: true }).click();
  await inbox.locator('#search-count').filter({ hasText: '1 samtale' }).waitFor();
  assert.match(await inbox.locator('#search-results li').first().textContent(), /Dødsfall.*Mannen min døde/s);
  await inbox.getByLabel('Tekst').fill('');
  await inbox.getByLabel('Bare mine').check();
  await inbox.getByRole('button', { name: 'Søk', exact: true }).click();
  await inbox.locator('#search-results li').first().filter({ hasText: 'Mannen min døde' }).waitFor();
  assert.equal(await inbox.locator('#search-results li').count(), 1);
  await screenshot(inbox, 'desk-search');
  assert.deepEqual(await axe(inbox), [], 'accessibility problems in search');
  noProblems(agentSeen);
});

test('the desk speaks English and Nynorsk', async () => {
  for (const [lang, reason, summary] of [['en', 'A death in the family', 'First wrote:'], ['nn', 'Dødsfall i familien', 'Skreiv først:']]) {
    const page = await stack.agent.context.newPage();
    await page.goto(stack.los.url + '/agent?lang=' + lang);
    const item = page.locator('#queue li').filter({ hasText: reason });
    await item.waitFor();
    await item.getByRole('button').click();
    await page.locator('#fact-summary li').first().filter({ hasText: summary }).waitFor();
    assert.deepEqual(await axe(page), [], `accessibility problems in the ${lang} desk`);
    await page.close();
  }
});
