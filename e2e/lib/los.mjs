// Helpers for the browser tests: a real `los serve` on a free port with a
// temporary data directory, a tiny host site for the widget, Debian's
// Chromium through playwright-core, and axe-core.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const output = resolve(here, '..', 'output');

export async function tempDir(prefix) {
  return mkdtemp(join(tmpdir(), prefix));
}

// losBin returns $LOS_BIN, or builds the binary into dir.
export async function losBin(dir) {
  if (process.env.LOS_BIN) return resolve(process.env.LOS_BIN);
  const bin = join(dir, 'los');
  await run('go', ['build', '-o', bin, './cmd/los'], { cwd: repo, env: { ...process.env, CGO_ENABLED: '0' } });
  return bin;
}

// Los never reaches a model in these tests: answers are extractive, and so
// the same on every machine.
const env = () => ({ ...process.env, OLLAMA_HOST: 'http://127.0.0.1:9', LOS_LOG_LEVEL: 'info' });

// importArticles writes Markdown articles into a folder and imports them
// with `los kb import` into the data directory, beside the demo knowledge
// base (--demo; without it, an empty store gets the folder alone).
export async function importArticles(bin, data, articles, { demo = true } = {}) {
  const dir = join(data, 'import');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(articles)) await writeFile(join(dir, name), text);
  await run(bin, ['kb', 'import', '--data', data, ...(demo ? ['--demo'] : []), dir], { env: env() });
}

// freePort asks the OS for a port that is free now.
export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

// startLos runs `los serve` and resolves when it logs that it serves.
// extra are more flags for `los serve`, moreEnv more environment.
export async function startLos(bin, data, widgetOrigin, extra = [], moreEnv = {}) {
  const port = await freePort();
  const args = ['serve', '--data', data, '--addr', `127.0.0.1:${port}`];
  if (widgetOrigin) args.push('--widget-origins', widgetOrigin);
  args.push(...extra);
  const proc = spawn(bin, args, { env: { ...env(), ...moreEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const waiting = new Set(); // [re, resolve] of waitLog calls
  const ready = new Promise((ok, fail) => {
    const onData = (chunk) => {
      log += chunk;
      if (log.includes('Los is serving')) ok();
      for (const w of waiting) {
        if (w[0].test(log)) {
          waiting.delete(w);
          w[1]();
        }
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => fail(new Error(`los serve exited with ${code}:\n${log}`)));
  });
  const timer = setTimeout(() => proc.kill(), 60_000);
  await ready.finally(() => clearTimeout(timer));
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    // waitLog resolves when the log matches re (now or later), and fails
    // after 30 s without it.
    waitLog: (re) => (re.test(log) ? Promise.resolve() : new Promise((ok, fail) => {
      const w = [re, () => { clearTimeout(timer); ok(); }];
      const timer = setTimeout(() => { waiting.delete(w); fail(new Error(`the log never matched ${re}:\n${log}`)); }, 30_000);
      waiting.add(w);
    })),
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    },
  };
}

// startHost serves one HTML page from another origin, as a customer's
// site that embeds the widget.
export async function startHost(html) {
  const srv = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html());
  });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  return {
    url: `http://127.0.0.1:${srv.address().port}`,
    stop: () => new Promise((ok) => srv.close(ok)),
  };
}

// launch starts Debian's Chromium, headless, with a fresh profile.
export async function launch() {
  const profile = await tempDir('los-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 800 },
    locale: 'nb-NO',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// watch records dialogs (an alert from injected script would be one) and
// page errors.
export function watch(page) {
  const seen = { dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe runs axe-core on the page (shadow roots included) and returns the
// serious and critical violations.
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(await axeSource);
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' > ')).join('\n  ')}`);
}

export async function screenshot(page, name) {
  await mkdir(output, { recursive: true });
  await page.screenshot({ path: join(output, name + '.png') });
}

// addUser runs `los users add` with the password on standard input, as an
// operator would, and checks that the password is not echoed; name is the
// display name customers see (none when left out).
export async function addUser(bin, data, role, email, password, name) {
  const args = ['users', 'add', '--data', data, '--role', role, '--email', email];
  if (name) args.push('--name', name);
  const proc = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (c) => { out += c; });
  proc.stderr.on('data', (c) => { out += c; });
  proc.stdin.end(password + '\n');
  const [code] = await once(proc, 'exit');
  assert.equal(code, 0, `los users add: ${out}`);
  assert.ok(!out.includes(password), 'the password was echoed');
}

// signIn fills in the Bokmål sign-in page the browser is on.
export async function signIn(page, email, password) {
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

// createKey runs `los keys create` and returns the key it prints last.
export async function createKey(bin, data, name, scopes) {
  const { stdout } = await run(bin, ['keys', 'create', '--data', data, '--name', name, '--scope', scopes], { env: env() });
  return stdout.trim().split('\n').at(-1);
}

// startStack builds los, adds users ([role, email, password, name?] each),
// API keys (name -> scopes, into stack.keys) and articles (file name ->
// Markdown, beside the demo ones), serves it with extra serve flags (and
// environment) and launches browsers. stop() undoes all of it, also after
// a partial start.
export async function startStack(name, { users = [], keys = {}, articles = {}, browsers = 1, args = [], env: moreEnv = {} } = {}) {
  const stack = { browsers: [] };
  stack.stop = async () => {
    for (const b of stack.browsers) await b.close();
    await stack.los?.stop();
    if (stack.work) await rm(stack.work, { recursive: true, force: true });
  };
  stack.work = await tempDir(`los-e2e-${name}-`);
  const bin = await losBin(stack.work);
  const data = `${stack.work}/data`;
  for (const [role, email, password, name] of users) await addUser(bin, data, role, email, password, name);
  stack.keys = {};
  for (const [key, scopes] of Object.entries(keys)) stack.keys[key] = await createKey(bin, data, key, scopes);
  if (Object.keys(articles).length) await importArticles(bin, data, articles);
  stack.los = await startLos(bin, data, '', args, moreEnv);
  for (let i = 0; i < browsers; i++) stack.browsers.push(await launch());
  return stack;
}

// useStack starts a stack (see startStack) before the file's tests and
// stops it after them. The object it returns is filled in when they start:
// los, and the browsers as customer (the first, also browser) and agent
// (the second).
export function useStack(name, options) {
  const stack = {};
  before(async () => {
    Object.assign(stack, await startStack(name, options));
    [stack.customer, stack.agent] = stack.browsers;
    stack.browser = stack.customer;
  });
  after(async () => {
    await stack.stop?.();
  });
  return stack;
}

// answers are the bot's finished replies in a chat page's log (not the
// greeting, not the typing indicator, not an answer still streaming).
export const answers = (page) => page.locator('.msg.bot.done:not(.greeting)');

// ask sends a question in the hosted chat on page, waits for its answer
// and returns the conversation the chat keeps ({id, token}).
export async function ask(page, text) {
  const input = page.getByRole('textbox', { name: /^(Skriv meldingen din|Skriv meldinga di|Write your message)$/ });
  const n = await answers(page).count();
  await input.fill(text);
  await input.press('Enter');
  await answers(page).nth(n).waitFor();
  return page.evaluate(() => JSON.parse(Object.entries(sessionStorage).find(([k]) => k.startsWith('los:'))[1]));
}

// askAlone puts a question to the hosted chat of stack in a new tab (a
// new conversation) and returns the answer's text and the links it cites;
// then, when given, acts on the answer's locator before the tab closes.
// It fails on a page error in the tab.
export async function askAlone(stack, question, then) {
  const page = await stack.browser.context.newPage();
  const seen = watch(page);
  await page.goto(stack.los.url + '/');
  await ask(page, question);
  const answer = answers(page).last();
  const text = await answer.locator('.text').textContent();
  const cites = await answer.locator('a.cite, .sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  if (then) await then(answer, cites);
  assert.deepEqual(seen.errors, [], 'chat page errors');
  await page.close();
  return { text, cites };
}

// conversationState reads a conversation's transcript and state from the
// API of the Los at url, with the conversation's own token.
export async function conversationState(url, conv) {
  const r = await fetch(`${url}/api/v1/conversations/${conv.id}`, { headers: { Authorization: 'Bearer ' + conv.token } });
  assert.equal(r.status, 200);
  return r.json();
}

