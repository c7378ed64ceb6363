/* newsdigest search (issue 21): Material's search dialog (partials/search.html) over
   Pagefind's index, which `newsdigest build` writes into site/pagefind/. Pagefind fetches
   only the index fragments a query needs. Keys: "/", "s" or "f" open the dialog, Esc closes
   it, the arrows move between the box and the results, Enter opens one. Nothing here leaves
   the site's own host. */
(() => {
  "use strict";
  const root = document.querySelector("[data-nd-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const bundle = new URL(root.dataset.ndSearch, document.baseURI);
  const site = new URL("..", bundle).pathname;
  const MAX_RESULTS = 10;
  const DEBOUNCE_MS = 150;
  let engine = null;
  let merging = null;
  let latest = 0;
  let timer = 0;

  /* The index Pagefind's primary instance uses for a page language: exact, base, largest. */
  function primaryOf(languages, lang) {
    if (languages[lang]) return lang;
    if (languages[lang.split("-")[0]]) return lang.split("-")[0];
    return Object.keys(languages).sort((a, b) => languages[b].page_count - languages[a].page_count)[0];
  }

  /* Load Pagefind once (pagefind.js loads the primary shard's), with the index of the
     page's own language; every shard's pages live under the site's root. */
  async function start() {
    const pagefind = await import(bundle.href);
    await pagefind.options({ excerptLength: 24, baseUrl: site });
    await pagefind.init();
    return pagefind;
  }

  function load() {
    if (!engine) engine = start();
    return engine;
  }

  /* Merge every shard's indexes (generator/publish/search.py writes shards.json) and every
     other language's of the primary shard, so that a Chinese name is found from an English
     page too. Started after the first results are shown, which it would otherwise delay.
     Pagefind skips merging a path equal to its own, so shards are merged under their
     absolute URLs. */
  async function mergeOthers(pagefind) {
    const manifest = await (await fetch(new URL("shards.json", bundle))).json();
    const lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    const merges = [];
    for (const [shard, languages] of Object.entries(manifest.shards || {})) {
      const own = shard === manifest.primary ? primaryOf(languages, lang) : null;
      for (const other of Object.keys(languages).sort()) {
        if (other !== own) {
          merges.push(pagefind.mergeIndex(new URL(`${shard}/`, bundle).href,
            { language: other, baseUrl: site }));
        }
      }
    }
    await Promise.all(merges);
  }

  async function show(pagefind, query, ticket) {
    const found = await pagefind.search(query);
    if (ticket !== latest || !found) return;
    const shown = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (ticket !== latest) return;
    const focused = links().indexOf(document.activeElement);
    list.replaceChildren(...shown.map(item));
    meta.textContent = counted(found.results.length);
    root.dataset.ndShown = query;
    const again = links();  // results shown again: the reader's place among them is kept
    if (focused >= 0 && again.length) again[Math.min(focused, again.length - 1)].focus();
  }

  /* Copy Pagefind's excerpt as text, keeping only its <mark> highlights. */
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return Array.from(template.content.childNodes, (node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent || "");
    });
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(data.excerpt || ""));
    article.append(title, excerpt);
    a.append(article);
    li.append(a);
    return li;
  }

  function counted(n) {
    if (n === 0) return root.dataset.ndNone;
    if (n === 1) return root.dataset.ndOne;
    return root.dataset.ndOther.replace("#", String(n));
  }

  async function run(query) {
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      meta.textContent = root.dataset.ndPlaceholder || meta.textContent;
      return;
    }
    let pagefind;
    try {
      pagefind = await load();
    } catch (error) {  // no index: a site previewed with `serve` (only `build` writes one)
      engine = null;
      meta.textContent = root.dataset.ndMissing;
      return;
    }
    if (merging) {
      await merging;
      await show(pagefind, query, ticket);
      return;
    }
    await show(pagefind, query, ticket);
    merging = mergeOthers(pagefind);
    await merging;
    if (ticket === latest) await show(pagefind, query, ticket);  // with every language
    root.dataset.ndIndexes = "all";  // every language's index is in (tests wait for it)
  }

  function open() {
    toggle.checked = true;
    input.focus();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return Array.from(list.querySelectorAll(".md-search-result__link"));
  }

  /* Move focus from the box through the results and back with the arrow keys. */
  function move(step) {
    const all = [input, ...links()];
    const here = all.indexOf(document.activeElement);
    const next = all[Math.min(Math.max(here + step, 0), all.length - 1)];
    if (next) next.focus();
  }

  function typing(target) {
    return target instanceof HTMLElement
      && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  root.dataset.ndPlaceholder = meta.textContent.trim();
  input.addEventListener("focus", () => { toggle.checked = true; load().catch(() => {}); });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), DEBOUNCE_MS);
  });
  form.addEventListener("reset", () => { setTimeout(() => run(""), 0); input.focus(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  toggle.addEventListener("change", () => { if (toggle.checked) open(); else input.blur(); });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (!typing(event.target) && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    }
  });
})();
