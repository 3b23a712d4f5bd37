import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';
import { buildSite } from '../site-build.ts';

/** Debian's Chromium unless CHROMIUM_PATH points elsewhere. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** Collects what a reader would never want to see: console errors, warnings and page errors. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** The URLs of document (full page) loads from now on. */
export function recordDocumentLoads(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') urls.push(request.url());
  });
  return urls;
}

/** Records every Content-Security-Policy violation the page reports, from its first byte. */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as { __cspViolations?: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
  return () => page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations ?? []);
}

export interface ServedSite {
  /** The server's origin, without the base path. */
  url: string;
  outDir: string;
  /** Stops the server and removes the build. */
  close(): Promise<void>;
}

/** Builds `test/fixtures/<posts>` as `npm run build` does and serves it as a plain static host would. */
export async function serveBuild(posts: string, env: Record<string, string> = {}): Promise<ServedSite> {
  const site = await buildSite(posts, env);
  if (site.code !== 0) throw new Error(site.output);
  const server = await serveStatic(site.outDir, env.BASE_PATH ?? '/');
  return {
    url: server.url,
    outDir: site.outDir,
    close: async () => {
      await server.close();
      await rm(site.outDir, { recursive: true, force: true });
    },
  };
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations of any impact on the page as it is now, as `rule (impact): element` lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')}`));
}

/** What most browser test files share: a built site served as a static host would, and one Chromium. */
export interface SiteSuite {
  site: ServedSite;
  browser: Browser;
}

/**
 * Registers the hooks that build `posts` (a fixture name, a folder, or a function making
 * one) with `env`, serve it and launch Chromium before the file's tests, and close both
 * after. The returned object is filled in before the first test.
 */
export function setUpServedSite(posts: string | (() => Promise<string>), env: Record<string, string> = {}): SiteSuite {
  const suite = {} as SiteSuite;
  beforeAll(async () => {
    suite.site = await serveBuild(typeof posts === 'string' ? posts : await posts(), env);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.site?.close();
  });
  return suite;
}

export interface OpenOptions {
  width?: number;
  javaScriptEnabled?: boolean;
  colorScheme?: 'light' | 'dark';
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** The page's errors and failed requests (watchForErrors). */
  errors: string[];
  /** The CSP violations reported so far (none recorded without JavaScript). */
  csp: () => Promise<string[]>;
  /** Every URL the page requested. */
  requests: string[];
}

/**
 * A function that opens `path` of `suite`'s site in a fresh browser context (800 pixels high,
 * 1,000 wide unless told), checks that it answered 200 and records what the page does; each
 * context is closed after its test (or sooner, by the test).
 */
export function pageOpener(suite: SiteSuite): (path: string, options?: OpenOptions) => Promise<OpenedPage> {
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  return async (path, { width = 1000, ...options } = {}) => {
    const context = await suite.browser.newContext({ viewport: { width, height: 800 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const csp = options.javaScriptEnabled === false ? async () => [] : await recordCspViolations(page);
    const response = await page.goto(`${suite.site.url}/${path}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    return { context, page, errors, csp, requests };
  };
}
