import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/static-server.mjs';
import { buildSite, root } from '../site-build.ts';
import { launchChromium, recordCspViolations, watchForErrors } from './browser.ts';

/**
 * The signup form with a provider set in src/settings.ts, built from a copy of the project
 * whose settings name Buttondown. The provider's address is answered by the test, never the
 * network: what matters is what the form sends, and that the policy lets it.
 */
const ACTION = 'https://buttondown.com/api/emails/embed-subscribe/mehrdad';
let project = '';
let outDir = '';
let server: StaticServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'blog-newsletter-'));
  for (const entry of [
    'index.html',
    'vite.config.ts',
    'package.json',
    'package-lock.json',
    'src',
    'plugins',
    'public',
  ]) {
    await cp(path.join(root, entry), path.join(project, entry), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  const settingsFile = path.join(project, 'src/settings.ts');
  const settings = await readFile(settingsFile, 'utf8');
  const withProvider = settings.replace(
    'newsletter: null as NewsletterSetting | null,',
    `newsletter: { provider: 'buttondown', action: '${ACTION}' } as NewsletterSetting | null,`,
  );
  expect(withProvider).not.toBe(settings);
  await writeFile(settingsFile, withProvider);
  const site = await buildSite(path.join(root, 'test/fixtures/site'), {}, project);
  if (site.code !== 0) throw new Error(site.output);
  outDir = site.outDir;
  server = await serveStatic(outDir);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
  await rm(project, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** Answers the provider's form address and records what reached it. */
async function fakeProvider(context: BrowserContext): Promise<Request[]> {
  const received: Request[] = [];
  await context.route(`${ACTION}*`, async (route) => {
    received.push(route.request());
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Check your inbox to confirm.</p>' });
  });
  return received;
}

test('with JavaScript, the address goes to the provider from the page, which says to confirm by email', async () => {
  context = await browser.newContext();
  const received = await fakeProvider(context);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const cspViolations = await recordCspViolations(page);
  const response = await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("form-action 'self' https://buttondown.com;");
  expect(policy).toContain("connect-src 'self' https://buttondown.com;");
  const signup = page.getByRole('region', { name: 'Sign Up for My Newsletter!' });
  expect(await signup.textContent()).toContain('Subscriptions are handled by Buttondown');
  await page.getByLabel('Email address').fill('reader@example.org');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect
    .poll(() => signup.getByRole('status').textContent())
    .toBe(
      'Almost done: check your inbox at reader@example.org and confirm your subscription in the email from Buttondown.',
    );
  expect(received.map((request) => [request.method(), request.postDataBuffer()?.toString()])).toEqual([
    ['POST', expect.stringContaining('name="email"\r\n\r\nreader@example.org')],
  ]);
  expect(page.url()).toBe(`${server.url}/`);
  expect(errors).toEqual([]);
  expect(await cspViolations()).toEqual([]);
});

test("without JavaScript, the form posts to the provider's own page", async () => {
  context = await browser.newContext({ javaScriptEnabled: false });
  const received = await fakeProvider(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/posts/hello-world/`);
  await page.getByLabel('Email address').fill('reader@example.org');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(ACTION);
  expect(await page.textContent('body')).toContain('Check your inbox to confirm.');
  expect(received).toHaveLength(1);
  expect(received[0]!.method()).toBe('POST');
  expect(received[0]!.postData()).toBe('email=reader%40example.org');
});
