// Runs gazette's search matcher (themes/default/static/js/search.js, unchanged) in node
// against a built site's index files, with no browser.
// Usage: node search-node.mjs PUBLIC_DIR QUERY... ; prints one JSON object
// {query: {words, total, results: [{path, title, lang, rtl, score}]}}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const [publicDir, ...queries] = process.argv.slice(2);
const context = vm.createContext({});
vm.runInContext(readFileSync(join(publicDir, 'js/search.js'), 'utf8'), context, { filename: 'search.js' });
const gazetteSearch = context.gazetteSearch;
// A "script tag" in node: run the index file in the same context.
const load = async (url) => {
  vm.runInContext(readFileSync(join(publicDir, url), 'utf8'), context, { filename: url });
};
const engine = gazetteSearch.engine('search/index.js', load);
const out = {};
for (const query of queries) {
  const { words, hits } = await engine.search(query);
  const docs = await engine.documents(hits.map((h) => h.id));
  out[query] = {
    words: Array.from(words),
    total: hits.length,
    results: docs.map((d, i) => ({ path: d.path, title: d.title, lang: d.lang, rtl: d.rtl, score: hits[i].score })),
  };
}
console.log(JSON.stringify(out, null, 2));
