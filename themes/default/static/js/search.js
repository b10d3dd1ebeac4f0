// gazette search: loads the index the build writes under search/ and shows results as the
// reader types. No dependencies, no network beyond the site's own files.
//
// The index files are JSON wrapped in `gazetteSearch.add(kind, key, data)` calls and are
// loaded with <script> tags: that works on any host, under any sub-path (the URL comes
// from the page, relative to it) and from file://, where fetch() is refused.
//
// Matching mirrors src/render/search.rs exactly: words are runs of letters, digits and
// marks; each is decomposed (NFD), stripped of marks, lowercased and folded with the
// index's own table; stop words and one-letter words are dropped; Arabic proclitics are
// stripped. Every query word must match the beginning of some indexed word (AND).
(function (global) {
  'use strict';

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/u;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var FORMAT_VERSION = 1;
  var PAGE_SIZE = 20;

  // Everything the index files have handed in, by "kind:key".
  var received = new Map();

  function add(kind, key, data) {
    received.set(kind + ':' + key, data);
  }

  function normaliseWord(word, meta) {
    if (ASCII.test(word)) return word.toLowerCase();
    var out = '';
    for (var c of word.normalize('NFD')) {
      if (MARK.test(c)) continue;
      for (var lower of c.toLowerCase()) {
        var folded = meta.folds[lower];
        if (folded !== undefined) out += folded;
        else if (ALNUM.test(lower)) out += lower;
      }
    }
    return out;
  }

  function charCount(text) {
    var n = 0;
    for (var _ of text) n++; // eslint-disable-line no-unused-vars
    return n;
  }

  // A normalised word → the indexed term, or null when it is not searchable.
  function termOf(word, meta) {
    var n = charCount(word);
    if (n < meta.min || n > meta.max || meta.stop.indexOf(word) >= 0) return null;
    for (var i = 0; i < meta.arabic_prefixes.length; i++) {
      var p = meta.arabic_prefixes[i];
      if (word.startsWith(p) && charCount(word.slice(p.length)) >= meta.min) {
        return word.slice(p.length);
      }
    }
    return word;
  }

  function terms(text, meta) {
    var out = [];
    for (var m of String(text).matchAll(WORD)) {
      var t = termOf(normaliseWord(m[0], meta), meta);
      if (t !== null) out.push(t);
    }
    return out;
  }

  function shardFile(key) {
    if (key === '') return 'terms-all.js';
    var hex = [];
    for (var c of key) hex.push(c.codePointAt(0).toString(16));
    return 'terms-' + hex.join('-') + '.js';
  }

  // First index in sorted `keys` whose key is >= `word`.
  function lowerBound(keys, word) {
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // A search engine over the index at `indexUrl`; `load(url)` runs one index file and
  // resolves once it has called add().
  function engine(indexUrl, load) {
    var base = indexUrl.slice(0, indexUrl.lastIndexOf('/') + 1);
    var pending = new Map();
    var sortedKeys = new Map();

    function get(kind, key, file) {
      var id = kind + ':' + key;
      if (!pending.has(id)) {
        var promise = Promise.resolve(received.has(id) ? null : load(base + file)).then(function () {
          if (!received.has(id)) throw new Error('the search index file ' + file + ' is missing');
          return received.get(id);
        });
        promise.catch(function () { pending.delete(id); });
        pending.set(id, promise);
      }
      return pending.get(id);
    }

    function meta() {
      return get('meta', '', indexUrl.slice(base.length)).then(function (m) {
        if (m.version !== FORMAT_VERSION) throw new Error('unknown search index version ' + m.version);
        return m;
      });
    }

    // doc id → score for one query word: the best of its matching terms
    // (an exact match scores 2, a prefix 1; times 3 in the title, region or tags).
    // A term lives in the shard with the longest key that is a prefix of it, so the
    // word's terms are in the shards whose key is a prefix of the word or starts with it.
    function matchWord(m, word) {
      var keys = m.shards.filter(function (k) { return word.startsWith(k) || k.startsWith(word); });
      return Promise.all(keys.map(function (key) {
        return get('terms', key, shardFile(key)).then(function (shard) { return [key, shard]; });
      })).then(function (shards) {
        var scores = new Map();
        shards.forEach(function (pair) {
          var shard = pair[1];
          var terms = sortedKeys.get(pair[0]);
          if (!terms) {
            terms = Object.keys(shard).sort();
            sortedKeys.set(pair[0], terms);
          }
          for (var i = lowerBound(terms, word); i < terms.length && terms[i].startsWith(word); i++) {
            var exact = terms[i] === word ? 2 : 1;
            var id = 0;
            var postings = shard[terms[i]];
            for (var j = 0; j < postings.length; j++) {
              var v = postings[j];
              id += Math.floor(v / 2);
              var score = exact * (v % 2 === 1 ? 3 : 1);
              if (!(scores.get(id) >= score)) scores.set(id, score);
            }
          }
        });
        return scores;
      });
    }

    // → {words, hits: [{id, score}]}, best first, newest first among equals.
    function search(query) {
      return meta().then(function (m) {
        var words = Array.from(new Set(terms(query, m)));
        if (words.length === 0) return { words: words, hits: [] };
        return Promise.all(words.map(function (w) { return matchWord(m, w); })).then(function (maps) {
          maps.sort(function (a, b) { return a.size - b.size; });
          var hits = [];
          maps[0].forEach(function (score, id) {
            for (var k = 1; k < maps.length; k++) {
              var s = maps[k].get(id);
              if (s === undefined) return;
              score += s;
            }
            hits.push({ id: id, score: score });
          });
          hits.sort(function (a, b) { return b.score - a.score || b.id - a.id; });
          return { words: words, hits: hits };
        });
      });
    }

    // Documents by id, loading the files that hold them.
    function documents(ids) {
      return meta().then(function (m) {
        var files = Array.from(new Set(ids.map(function (id) { return Math.floor(id / m.docs_per_file); })));
        return Promise.all(files.map(function (f) { return get('docs', String(f), 'docs-' + f + '.js'); })).then(function () {
          return ids.map(function (id) {
            var f = Math.floor(id / m.docs_per_file);
            var d = received.get('docs:' + f)[id - f * m.docs_per_file];
            return {
              id: id, path: d[0], title: d[1], date: d[2], date_display: d[3],
              region: d[4], lang: d[5], rtl: d[6] === 1, snippet: d[7],
            };
          });
        });
      });
    }

    return { meta: meta, search: search, documents: documents };
  }

  // ---- the search page ------------------------------------------------------------

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = function () { script.remove(); resolve(); };
      script.onerror = function () { script.remove(); reject(new Error('cannot load ' + url)); };
      document.head.appendChild(script);
    });
  }

  // Append `text` to `parent`, with words that match a query word in <mark>.
  function appendHighlighted(parent, text, words, meta) {
    var last = 0;
    for (var m of text.matchAll(WORD)) {
      var term = termOf(normaliseWord(m[0], meta), meta);
      var hit = term !== null && words.some(function (w) { return term.startsWith(w); });
      if (!hit) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function page() {
    var form = document.querySelector('form.search-form[data-index]');
    if (!form) return;
    var input = form.querySelector('input[type="search"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var root = form.getAttribute('data-root') || './';
    // Opened from the file system, a folder is a directory listing: link its index.html.
    var folderIndex = location.protocol === 'file:' ? 'index.html' : '';
    var search = engine(form.getAttribute('data-index'), loadScript);
    var run = 0;
    var state = null;
    // The status texts, in the page's language: the search page's template writes them
    // from the theme's i18n file (English here is the fallback for an older template).
    function text(name, fallback) { return form.getAttribute('data-' + name) || fallback; }
    var matchForms = {};
    try { matchForms = JSON.parse(form.getAttribute('data-matches') || '{}'); } catch (e) { /* keep {} */ }
    var lang = document.documentElement.lang || 'en';
    var plural = null;
    try { plural = new Intl.PluralRules(lang); } catch (e) { /* no Intl: one/other */ }
    function number(n) {
      var s = String(n);
      if (form.getAttribute('data-numerals') !== 'arab') return s;
      return s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0660 + Number(d)); });
    }
    function fill(template, n, query) {
      return template.split('{count}').join(number(n)).split('{query}').join(query);
    }
    function matching(n, query) {
      if (n === 0) return fill(text('none', 'No articles match \u201c{query}\u201d.'), n, query);
      var category = plural ? plural.select(n) : (n === 1 ? 'one' : 'other');
      var template = matchForms[category] || matchForms.other
        || (n === 1 ? '{count} article matches \u201c{query}\u201d.' : '{count} articles match \u201c{query}\u201d.');
      return fill(template, n, query);
    }
    var more = el('button', 'search-more');
    more.type = 'button';
    more.textContent = text('more', 'More results');
    more.hidden = true;
    list.after(more);

    function say(text) { status.textContent = text; }

    // Append the next page of results (replacing the list when `fresh`), then `done`.
    function show(current, meta, fresh, done) {
      var slice = state.hits.slice(state.shown, state.shown + PAGE_SIZE);
      return search.documents(slice.map(function (h) { return h.id; })).then(function (docs) {
        if (current !== run) return;
        if (fresh) list.replaceChildren();
        docs.forEach(function (d) {
          var item = el('li', 'search-result');
          item.lang = d.lang;
          item.dir = d.rtl ? 'rtl' : 'ltr';
          var title = el('a', 'search-title');
          title.href = root + d.path + (/\/$/.test(d.path) ? folderIndex : '');
          appendHighlighted(title, d.title, state.words, meta);
          var heading = el('h2', 'card-title');
          heading.appendChild(title);
          var line = el('p', 'meta');
          var time = el('time');
          time.dateTime = d.date;
          time.textContent = d.date_display;
          var region = el('span', 'region');
          region.textContent = d.region;
          line.append(time, ' · ', region);
          item.append(heading, line);
          if (d.snippet) {
            var snippet = el('p', 'summary');
            appendHighlighted(snippet, d.snippet, state.words, meta);
            item.appendChild(snippet);
          }
          list.appendChild(item);
        });
        state.shown += slice.length;
        more.hidden = state.shown >= state.hits.length;
        if (done) done();
      });
    }

    function update() {
      var query = input.value.trim();
      var current = ++run;
      try {
        history.replaceState(null, '', query ? '?q=' + encodeURIComponent(query) : location.pathname);
      } catch (e) { /* file:// in some browsers */ }
      if (!query) {
        list.replaceChildren();
        more.hidden = true;
        say('');
        return Promise.resolve();
      }
      return search.meta().then(function (meta) {
        return search.search(query).then(function (result) {
          if (current !== run) return;
          state = { words: result.words, hits: result.hits, shown: 0 };
          if (result.words.length === 0) {
            list.replaceChildren();
            more.hidden = true;
            say(text('too-short', 'Type a longer word to search.'));
            return;
          }
          var n = result.hits.length;
          // The status (a live region) speaks once the results are on the page.
          return show(current, meta, true, function () {
            say(matching(n, query));
          });
        });
      }).catch(function () {
        if (current === run) say(text('failed', 'The search index could not be loaded.'));
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 80);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      update();
    });
    more.addEventListener('click', function () {
      search.meta().then(function (meta) { return show(run, meta, false, null); });
    });
    input.addEventListener('focus', function () { search.meta().catch(function () {}); }, { once: true });
    var initial = new URLSearchParams(location.search).get('q');
    if (initial) {
      input.value = initial;
      update();
    }
  }

  global.gazetteSearch = {
    add: add, engine: engine, terms: terms, normaliseWord: normaliseWord, termOf: termOf,
    shardFile: shardFile,
  };
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', page);
    else page();
  }
})(typeof globalThis !== 'undefined' ? globalThis : window);
