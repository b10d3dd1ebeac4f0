// Types queries into gazette's search page in Debian's Chromium, as a reader would, and
// reports what the page shows; runs axe-core (light and dark) on the page with the last
// query's results on it (http URLs only); then opens the first result of the last query.
// Usage: node search-browser.mjs SEARCH_PAGE_URL QUERY... ; prints one JSON object
// {queries: {query: {status, results: [{title, href, lang, dir}]}}, violations: [...],
//  opened: {url, h1}, consoleErrors: [...]}.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const [url, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const out = { queries: {}, violations: [], opened: null, consoleErrors: [] };
try {
  const page = await browser.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') out.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => out.consoleErrors.push(String(err)));
  await page.goto(url, { waitUntil: 'load' });
  const input = page.locator('input[type="search"]#search-q');
  for (const query of queries) {
    await input.fill('');
    await input.pressSequentially(query, { delay: 20 });
    // The status line names the query once its results are on the page.
    await page.waitForFunction(
      (q) => (document.getElementById('search-status').textContent || '').includes(q),
      query, { timeout: 10000 },
    );
    out.queries[query] = await page.evaluate(() => ({
      status: document.getElementById('search-status').textContent,
      results: Array.from(document.querySelectorAll('#search-results > li')).map((li) => ({
        title: li.querySelector('a').textContent,
        href: li.querySelector('a').href,
        lang: li.getAttribute('lang'),
        dir: li.getAttribute('dir'),
      })),
    }));
  }
  // axe reads the stylesheets, which file:// pages may not: check served pages only.
  for (const colorScheme of url.startsWith('http') ? ['light', 'dark'] : []) {
    if (colorScheme === 'light') await page.addScriptTag({ path: axePath });
    await page.emulateMedia({ colorScheme });
    const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of axe.violations) {
      out.violations.push({ scheme: colorScheme, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) });
    }
  }
  const first = queries.length ? out.queries[queries[queries.length - 1]].results[0] : null;
  if (first) {
    await Promise.all([page.waitForURL(first.href), page.locator('#search-results > li a').first().click()]);
    out.opened = { url: page.url(), h1: await page.locator('h1').first().textContent() };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out, null, 2));
