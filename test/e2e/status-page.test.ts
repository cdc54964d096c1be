import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toId18 } from '../../src/core/salesforce-id.js';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TOKEN = 'status-page-token-3fK9qLm2Xw';
const HOSTILE = `Evil <img src=x onerror="document.title='pwned'"> Suite`;
const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where the screenshots go: the CI output folder (.ci/out is git-ignored and kept by .ci/run). */
const OUT = join(root, '.ci/out/status-page');
const missing = existsSync(CHROMIUM)
  ? null
  : `the status page browser test needs Chromium at ${CHROMIUM}: install the Debian package chromium (apt-get install chromium)`;
if (missing) console.warn(`SKIPPED: ${missing}`);

/** The default configuration, drift only reported: the page lists it. */
function reportDriftConfig(world: World): string {
  const config = JSON.parse(readFileSync(join(root, 'config/catalog-sync.json'), 'utf8')) as Json;
  config.sync.driftPolicy = 'report';
  const file = join(dirname(world.stateDb), 'catalog-sync.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
/** The page refreshes every 2 s while a run goes on (15 s when idle): wait longer than expect.poll's 1 s. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

describe('the status page', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });

  it('is served with a policy that runs only its own script, no sniffing, and a viewport for phones', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CONTROL_TOKEN: TOKEN, CHANGE_EVENTS: 'off' });
    await daemon.waitForLog((l) => l.msg === 'run finished');
    for (const path of ['/', '/page.js', '/page.css', '/page.json']) {
      const res = await fetch(daemon.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/);
      expect(res.headers.get('content-security-policy'), path).not.toMatch(/unsafe-inline/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(daemon.url)).text();
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\son\w+=/);
  });

  describe.skipIf(missing !== null)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    });
    afterAll(async () => browser?.close());

    it('shows runs and errors as text, releases held deletes with the token only, and fits a phone', async () => {
      world = await startWorld({ cb: { seed: 'empty' } });
      const db = world.sf.db;
      const products = db.records('Product2') as Json[];
      const evil = toId18(products.find((p) => p.ProductCode === 'CB-3Y')!.Id as string)!;
      db.update('Product2', evil, { Name: HOSTILE });
      world.cb.mutationFaults.add({ internalId: evil, code: 'INVALID_VALUE', message: 'value must be at most 1000.' });
      // And one Salesforce gives with a negative price: invalid, never sent; found by its product code.
      const invalid = toId18(products.find((p) => p.ProductCode === 'IS-BAS')!.Id as string)!;
      const entry = (db.records('PricebookEntry') as Json[]).find((e) => toId18(e.Product2Id as string) === invalid)!;
      db.update('PricebookEntry', entry.Id as string, { UnitPrice: -5 });
      daemon = startDaemonProcess(world, {
        CONTROL_TOKEN: TOKEN,
        CHANGE_EVENTS: 'off',
        CATALOG_SYNC_CONFIG: reportDriftConfig(world),
      });
      await daemon.waitForLog((l) => l.msg === 'run finished');
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(daemon.url);

      // The runs, and the failed product found by its name, its name shown as text.
      await eventually(() => text(page, '#runs-body')).toMatch(/#1\s+full\s+cli|#1\s+full\s+schedule/);
      expect(await text(page, '#runs-body')).toContain('partial');
      await page.fill('#search', 'evil');
      await eventually(() => page.locator('#errors-body tr').count()).toBe(1);
      const failed = await text(page, '#errors-body');
      expect(failed).toContain(HOSTILE);
      expect(failed).toContain('INVALID_VALUE');
      expect(await page.locator('#errors-body img').count()).toBe(0);
      expect(await page.title()).toBe('catalog-sync status');
      const href = await page.locator('#errors-body a').getAttribute('href');
      expect(href).toBe(`${world.sf.instanceUrl}/lightning/r/Product2/${evil}/view`);
      await page.fill('#search', 'is-bas');
      await eventually(() => text(page, '#errors-body')).toContain('PRICE_INVALID');
      // Every error of that product (a record can have several), and no other product's.
      const rows = await page.locator('#errors-body tr').allInnerTexts();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r).toContain(invalid);
      await page.fill('#search', 'no such product');
      await eventually(() => page.locator('#errors-body tr').count()).toBe(0);

      // Three products deleted in Salesforce (3 of the 8 managed, over the 10% limit), one edited in cleverbridge.
      const gone = products.filter((p) => p.IsActive && ![evil, invalid].includes(toId18(p.Id as string)!)).slice(0, 3);
      for (const p of gone) db.delete('Product2', p.Id);
      const goneIds = gone.map((p) => toId18(p.Id as string)!);
      const edited = [...world.cb.store.all()].find((p) => p.internalId && !goneIds.includes(p.internalId))!;
      world.cb.store.put({ ...edited, names: [{ language: 'EN', value: 'Edited in cleverbridge' }] });

      // Without the token, refused: nothing runs.
      const runsBefore = await page.locator('#runs-body tr').count();
      await page.click('#resync');
      await eventually(() => text(page, '#action-result')).toContain('Refused: the control token is missing or wrong');
      // With it, a full resync that holds the deletes, and the drift it reports.
      await page.fill('#token', TOKEN);
      await page.click('#resync');
      await eventually(() => text(page, '#action-result')).toMatch(/Full resync: run \d+ started \(full\)/);
      expect(await page.inputValue('#token')).toBe('');
      await eventually(() => text(page, '#held')).toContain('3 of 8 managed products');
      for (const id of goneIds) expect(await text(page, '#held')).toContain(id);
      await eventually(() => text(page, '#drift')).toContain(edited.internalId!);
      expect(await text(page, '#drift')).toContain('names');
      expect(await page.locator('#runs-body tr').count()).toBe(runsBefore + 1);
      expect([...world.cb.store.all()].filter((p) => goneIds.includes(p.internalId!))).toHaveLength(3);
      // The page as README shows it: deletes held, drift, a run's detail, the errors.
      await page.fill('#search', '');
      await page.click(`#runs-body tr[data-run="${runsBefore + 1}"]`);
      expect(await text(page, '#run-detail')).toMatch(/Deletes held: 3 of 8 managed products/);
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, 'status-page.png'), fullPage: true });

      // Released with the token the page kept in memory: the run it started shows its progress.
      world.cb.faults.configure({ latencyMs: 1500 });
      await page.click('#release');
      await eventually(() => text(page, '#action-result')).toMatch(/Release held deletes: run \d+ started/);
      const released = Number(/run (\d+) started/.exec(await text(page, '#action-result'))![1]);
      // cleverbridge slowed down: the run outlasts a few refreshes of the page, which follows it.
      await eventually(() => text(page, '#current')).toMatch(
        new RegExp(
          `Run ${released} \\(full, http\\) since .*: stage (read|apply|settle), [1-9]\\d* record\\(s\\) read`,
        ),
      );
      await eventually(() => text(page, '#action-run')).toMatch(new RegExp(`Run ${released} \\(full\\): partial`));
      world.cb.faults.reset();
      expect([...world.cb.store.all()].filter((p) => goneIds.includes(p.internalId!))).toEqual([]);
      await eventually(() => text(page, '#held')).toContain('No deletes held.');
      // The token was never stored where it outlives the page.
      expect(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
      expect(page.url()).not.toContain(TOKEN);

      expect(await text(page, '#usage')).toMatch(/Salesforce API \(Sforce-Limit-Info\): \d+ of \d+ in 24 h/);

      // A phone: nothing wider than the screen but the tables, which scroll in their own box.
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(OUT, 'status-page-phone.png'), fullPage: true });
      await page.close();
    });
  });
});
