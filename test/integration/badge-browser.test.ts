/**
 * The badge is valid SVG as a browser reads it: a real headless Chromium (the one screenshots
 * use) opens badge.svg as a document, and its XML parser would put a <parsererror> in place of
 * the document for anything malformed — shown by a badge broken on purpose.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { connect } from 'puppeteer-core';
import { badgeSvg, badgeText } from '../../src/report/badge.ts';
import { findBrowser, withBrowser } from '../../src/screenshot/browser.ts';
import { tempDir } from '../support/temp-dir.ts';

interface Parsed {
  root: string;
  namespace: string | null;
  parseErrors: number;
  width: number;
  title: string;
}

/** What the browser made of the document it opened. */
const READ_DOCUMENT = `({
  root: document.documentElement.localName,
  namespace: document.documentElement.namespaceURI,
  parseErrors: document.getElementsByTagName('parsererror').length,
  width: document.documentElement.getBoundingClientRect().width,
  title: document.querySelector('title')?.textContent ?? '',
})`;

async function openInChromium(files: string[]): Promise<Parsed[]> {
  const found = findBrowser();
  assert.ok('path' in found, 'error' in found ? found.error : '');
  return withBrowser(
    found.path,
    {
      viewport: { width: 400, height: 100 },
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    },
    async (endpoint) => {
      const browser = await connect({ browserWSEndpoint: endpoint });
      try {
        const page = await browser.newPage();
        const parsed: Parsed[] = [];
        for (const file of files) {
          await page.goto(pathToFileURL(file).href);
          // A string: this project compiles without the DOM's types.
          parsed.push((await page.evaluate(READ_DOCUMENT)) as Parsed);
        }
        return parsed;
      } finally {
        await browser.disconnect();
      }
    },
  );
}

test('Chromium parses each badge as an SVG document; a broken one it refuses', async () => {
  const dir = tempDir('recipe-ci-badge-');
  const badges = [
    badgeText('notes', 5, 'passed'),
    badgeText('nextcloud-collabora', 0, 'failed'),
    badgeText('a<b>&"c', undefined, 'incomplete'),
  ];
  const files = badges.map((badge, index) => {
    const file = join(dir, `badge-${String(index)}.svg`);
    writeFileSync(file, badgeSvg(badge));
    return file;
  });
  const broken = join(dir, 'broken.svg');
  writeFileSync(broken, badgeSvg(badges[0] ?? badgeText('x', 1, 'passed')).replace('</g>', ''));
  const parsed = await openInChromium([...files, broken]);
  for (const [index, badge] of badges.entries()) {
    const one = parsed[index];
    assert.equal(one?.root, 'svg');
    assert.equal(one.namespace, 'http://www.w3.org/2000/svg');
    assert.equal(one.parseErrors, 0);
    assert.equal(one.title, `${badge.label}: ${badge.message}`);
    assert.ok(one.width > 40, `${badge.label} is drawn ${String(one.width)} px wide`);
  }
  assert.ok((parsed[3]?.parseErrors ?? 0) > 0, 'the broken badge is a parse error');
});
