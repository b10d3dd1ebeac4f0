// Opens each URL in Debian's Chromium, runs axe-core and collects console errors.
// Usage: node a11y.mjs URL... ; prints one JSON object {url: {violations, consoleErrors}}.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const results = {};
try {
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage();
    const consoleErrors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    page.on('requestfailed', (req) => consoleErrors.push(`request failed: ${req.url()}`));
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || response.status() !== 200) consoleErrors.push(`HTTP ${response && response.status()} for ${url}`);
    await page.addScriptTag({ path: axePath });
    // Both colour schemes: the theme has a dark palette whose contrast must pass too.
    const violations = [];
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of axe.violations) {
        violations.push({ scheme: colorScheme, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) });
      }
    }
    results[url] = { violations, consoleErrors };
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results, null, 2));
