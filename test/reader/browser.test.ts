import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { readerApp } from '../helpers/reader.js';
import { overSocket } from '../helpers/socket.js';

// The reader as a person meets it: Debian's Chromium, headless, driven by playwright-core over a real
// socket, with axe-core checking each kind of page. CI installs Chromium (.ci/run); elsewhere the file
// is skipped, saying why, when it is missing.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Gitignored: the screenshots a run leaves for a person to look at. */
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

type Page_<T> = { items: T[]; nextCursor: string | null };
type Fact = { id: string; topics: string[]; sourceCount: number };
type Claim = { id: string; text: string; span: { start: number; end: number } };
type Wording = { sourceId: string; claims: Claim[] };
type Source = { id: string; text: string; offEvent: string | null; boilerplate: Array<{ text: string; reason: string }>; claims: Claim[] };
type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

if (!existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package when it is absent`);
  else t.plan(0, `${CHROMIUM} is missing: apt-get install chromium to run the reader's browser tests`);
} else {
  await browserTests();
}

/** The violations axe-core finds on the page that are serious or critical, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (no script at all) does not govern.
  await page.evaluate(axe.source);
  const { violations } = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: Violation[] };
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}, at ${violation.nodes.map((node) => node.target.join(' ')).join('; ')}`);
}

async function browserTests(): Promise<void> {
  const app = await readerApp(t);
  const { url: base } = await overSocket(t, app);
  const json = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  mkdirSync(OUTPUT, { recursive: true });

  /** A fresh page, and what the browser reports refusing or failing to load on it (a CSP violation is a console error). */
  async function open(t: Test): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    t.teardown(() => page.close());
    return { page, problems };
  }

  const factIdsOn = (page: Page) => page.locator('li.fact').evaluateAll((items) => items.map((item) => item.getAttribute('data-fact-id')));

  await t.test('the facts, most sources first as GET /facts ranks them, styled by the stylesheet the CSP allows', async (t) => {
    const { page, problems } = await open(t);
    await page.goto(`${base}/`);
    const facts = (await json<Page_<Fact>>('/facts?limit=20')).items;
    t.same(await factIdsOn(page), facts.map((fact) => fact.id), 'the order of the JSON API');
    const counts = (await page.locator('li.fact').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-source-count'))))) as number[];
    t.equal(counts[0], Math.max(...counts), 'the first fact has the highest source count');
    t.equal(await page.locator('li.fact').first().locator('.count strong').textContent(), String(facts[0]!.sourceCount), 'and shows it');
    t.equal(await page.locator('html').getAttribute('lang'), 'en');
    t.same(await page.locator('h1, h2').allTextContents(), ['Facts, most corroborated first', 'All facts'], 'headings in order');
    t.equal(await page.evaluate('getComputedStyle(document.querySelector("button[type=submit]")).backgroundColor'), 'rgb(26, 26, 26)', 'the stylesheet applies');
    t.same(await seriousViolations(page), [], 'axe: no serious or critical violation');
    const path = `${OUTPUT}reader-home.png`;
    await page.screenshot({ path, fullPage: true });
    t.comment(`screenshot: ${path}`);
    // The check can fail: with a filter's label removed, axe reports the unlabelled control as critical.
    await page.evaluate('document.querySelector("label[for=topic]").remove()');
    t.match(await seriousViolations(page), [/^(label|select-name) \(critical\)/], 'axe catches an unlabelled control');
    t.same(problems, [], 'nothing refused or failed to load, no console error');
  });

  await t.test('a topic chosen in the form narrows the list to the facts with that topic', async (t) => {
    const { page, problems } = await open(t);
    await page.goto(`${base}/`);
    const all = await factIdsOn(page);
    await page.selectOption('#topic', 'taiwan');
    await page.locator('button[type="submit"]').press('Enter');
    await page.waitForURL(`${base}/?topic=taiwan&speaker=`);
    const listed = await factIdsOn(page);
    const expected = (await json<Page_<Fact>>('/facts?topic=taiwan&limit=100')).items;
    t.same(listed, expected.map((fact) => fact.id), 'the facts GET /facts?topic=taiwan lists');
    t.ok(listed.length > 0 && listed.length < all.length, `narrowed: ${listed.length} of ${all.length} on the first page`);
    for (const fact of expected) t.ok(fact.topics.includes('taiwan'), `${fact.id} is about taiwan`);
    t.equal(await page.locator('#topic').inputValue(), 'taiwan', 'the form shows the filter in use');
    t.same(await seriousViolations(page), []);
    t.same(problems, [], 'nothing refused or failed to load, no console error');
  });

  await t.test('the keyboard alone reaches a fact: Tab through the skip link, the navigation and the filters, then Enter', async (t) => {
    const { page, problems } = await open(t);
    await page.goto(`${base}/`);
    const focused = () => page.evaluate('[document.activeElement.tagName, document.activeElement.getAttribute("href"), document.activeElement.textContent.trim()]') as Promise<[string, string | null, string]>;
    await page.keyboard.press('Tab');
    t.same(await focused(), ['A', '#main', 'Skip to the content'], 'the first Tab lands on the skip link');
    t.ok(await page.locator('.skip-link').isVisible(), 'which shows when focused');
    const stops: string[] = [];
    for (let tab = 0; tab < 30; tab++) {
      await page.keyboard.press('Tab');
      const [tag, href] = await focused();
      stops.push(href ?? tag);
      if (href?.startsWith('/read/facts/')) break;
    }
    const target = stops.at(-1)!;
    t.ok(target.startsWith('/read/facts/'), `a fact link is reached after ${stops.length} more stops: ${stops.join(', ')}`);
    t.same(stops.slice(0, 6), ['/', '/', '/read/sources', '/docs', 'SELECT', 'SELECT'], 'home, the navigation, then the two filters');
    t.not(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.waitForURL(base + target);
    t.equal(new URL(page.url()).pathname, target, 'Enter opens the fact');
    t.same(problems, [], 'nothing refused or failed to load, no console error');
  });

  await t.test("a fact's page: one column per source, each claim in <mark> exactly as its article words it", async (t) => {
    const { page, problems } = await open(t);
    const fact = (await json<Page_<Fact>>('/facts?limit=1')).items[0]!;
    const { wordings } = await json<{ wordings: Wording[] }>(`/facts/${fact.id}`);
    await page.goto(`${base}/read/facts/${fact.id}`);
    const columns = page.locator('section.wording');
    t.equal(await columns.count(), wordings.length, `${wordings.length} columns`);
    t.equal(wordings.length, fact.sourceCount, 'one for each source');
    for (const wording of wordings) {
      const source = await json<Source>(`/sources/${wording.sourceId}`);
      const column = page.locator(`section.wording[data-source-id="${wording.sourceId}"]`);
      const marks = await column.locator('mark').allTextContents();
      t.same(marks, wording.claims.map((claim) => source.text.slice(claim.span.start, claim.span.end)), `${wording.sourceId}: the span of each claim`);
      t.same(marks, wording.claims.map((claim) => claim.text), `${wording.sourceId}: the text of each claim`);
    }
    t.ok((await page.locator('table.differences').count()) > 0, 'the differences between the sources are tabled');
    t.ok((await page.locator('section.wording span.variant').count()) > 0, "and the words carrying them marked in the sources' text");
    t.same(await seriousViolations(page), [], 'axe: no serious or critical violation');
    const path = `${OUTPUT}reader-fact.png`;
    await page.screenshot({ path, fullPage: true });
    t.comment(`screenshot: ${path}`);
    t.same(problems, [], 'nothing refused or failed to load, no console error');
  });

  await t.test("a source's page shows its removed lines with their reasons, and why it is off-event", async (t) => {
    const { page, problems } = await open(t);
    const sources = (await json<Page_<{ id: string; offEvent: string | null }>>('/sources?limit=100')).items;
    for (const { id } of [sources[0]!, sources.find((source) => source.offEvent !== null)!]) {
      const source = await json<Source>(`/sources/${id}`);
      await page.goto(`${base}/read/sources/${id}`);
      t.equal(await page.locator('#article-text').textContent(), source.text, `${id}: the article verbatim`);
      t.same(await page.locator('#article-text mark').allTextContents(), source.claims.map((claim) => claim.text), `${id}: its claims marked`);
      const rows = await page.locator('table.removed-lines tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      t.ok(source.boilerplate.length > 0, `${id} has removed lines`);
      t.same(rows, source.boilerplate.map((line) => [line.text, line.reason]), `${id}: each removed line with its reason`);
      t.same(await page.locator('#article-text del.removed').allTextContents(), source.boilerplate.map((line) => line.text), `${id}: struck through in the text`);
      const notice = page.locator('.notice.off-event');
      if (source.offEvent === null) t.equal(await notice.count(), 0, `${id}: about the event`);
      else t.match(await notice.textContent(), source.offEvent, `${id}: off-event, and why`);
      t.same(await seriousViolations(page), [], `${id}: axe finds no serious or critical violation`);
    }
    await page.goto(`${base}/read/sources`);
    t.equal(await page.locator('table.sources tbody tr').count(), sources.length, 'the list of sources');
    t.same(await seriousViolations(page), [], 'axe: no serious or critical violation on the list');
    t.same(problems, [], 'nothing refused or failed to load, no console error');
  });
}
