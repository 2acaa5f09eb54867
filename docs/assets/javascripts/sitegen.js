/*
 * Four corrections to Material for MkDocs' browser code. Loaded before Material's bundle.
 * The texts come from content/<lang>/theme.yaml, via the JSON in <script id="__sitegen">.
 */
(function () {
  "use strict";

  /*
   * 1. Language links without wasted requests.
   *
   * Material treats every <link rel="alternate" hreflang> as a separate site and fetches
   * "sitemap.xml" below it, to remap its language selector. Here those links point to the same
   * page in each language (for search engines), the selector already links to that page, and
   * every such request would only return "404 Not Found" (a whole error page on GitHub Pages).
   * These requests are left unsent. The same wrapper holds back the search index (2.); all
   * other requests are untouched.
   */
  var alternates = {};
  var links = document.querySelectorAll("link[rel=alternate][hreflang]");
  for (var i = 0; i < links.length; i++) {
    alternates[new URL("sitemap.xml", links[i].href).href] = true;
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var get = String(method).toUpperCase() === "GET";
    var address = new URL(String(url), document.baseURI);
    this.sitegenSkip = get && alternates[address.href] === true;
    this.sitegenHold = get && /\/search\/search_index\.json$/.test(address.pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sitegenSkip) return;
    if (this.sitegenHold && !searchOpened) {
      this.sitegenArguments = arguments;
      held.push(this);
      return;
    }
    return send.apply(this, arguments);
  };

  /*
   * 2. The search loads when the reader opens it.
   *
   * Material fetches the search index on every page load and starts its search worker, which
   * then loads lunr's word analysis for the language: nearly a quarter of the bytes of a first
   * visit (21 of 89 KB, compressed), spent for every reader, most of whom never search. Material
   * waits like this only for a site opened from a file, and has no setting for it (9.8.2).
   * Here the index request is held, and a stand-in takes the worker's place, until the search
   * is opened (its toggle switched on, or its field focused); then both start at once. Until
   * the search is ready, it says that it is starting ("search.result.initializer").
   * tests/test_page_weight.py checks that nothing of the search loads before.
   */
  var searchOpened = false;
  var held = [];
  var lateWorkers = [];

  function openSearch() {
    if (searchOpened) return;
    searchOpened = true;
    var requests = held;
    held = [];
    for (var h = 0; h < requests.length; h++) {
      if (requests[h].readyState === XMLHttpRequest.OPENED) send.apply(requests[h], requests[h].sitegenArguments);
    }
    for (var w = 0; w < lateWorkers.length; w++) lateWorkers[w].start();
  }

  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) openSearch();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target.form && event.target.form.name === "search") openSearch();
  }, true);

  var config = document.getElementById("__config");
  var searchWorker = config && JSON.parse(config.textContent).search;
  var Worker = window.Worker;
  if (searchWorker && Worker && constructible(window.EventTarget)) {
    searchWorker = new URL(searchWorker, document.baseURI).href;
    window.Worker = function (url, options) {
      if (searchOpened || new URL(String(url), document.baseURI).href !== searchWorker) {
        return new Worker(url, options);
      }
      return lateWorker(url, options);
    };
    window.Worker.prototype = Worker.prototype;
  }

  /* Older browsers (Safari before 14) cannot make an EventTarget of their own: no stand-in there. */
  function constructible(Type) {
    try {
      return Boolean(Type && new Type());
    } catch (error) {
      return false;
    }
  }

  /* A stand-in for the search worker, which starts the real one when the search is opened. */
  function lateWorker(url, options) {
    var standIn = new EventTarget();
    var worker = null;
    standIn.start = function () {
      if (worker) return;
      worker = new Worker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
    };
    standIn.postMessage = function () {
      standIn.start();
      worker.postMessage.apply(worker, arguments);
    };
    standIn.terminate = function () {
      if (worker) worker.terminate();
    };
    lateWorkers.push(standIn);
    return standIn;
  }

  /*
   * 3. Result counts in the reader's grammar.
   *
   * Material knows only "one" and "other" ("1 result", "# results"). Upper Sorbian has four
   * forms (one, two, few, other: 1 wuslědk, 2 wuslědkaj, 3 wuslědki, 5 wuslědkow), and CLDR
   * assigns every number to one of them. sitegen gives Material a bare "#" for counts above one,
   * and the CLDR category of each number from 0 to 999 (Material shortens larger counts to
   * "1.2k", which take the "other" form); here the bare number becomes the right phrase.
   */
  var data = document.getElementById("__sitegen");
  if (!data) return;
  var search = JSON.parse(data.textContent);
  var categories = { z: "zero", o: "one", t: "two", f: "few", m: "many", x: "other" };

  function phrase(forms, count) {
    var letter = /^\d+$/.test(count) ? search.plural.charAt(Number(count)) : "x";
    var form = forms[categories[letter]] || forms.other;
    return form.replace("#", count);
  }

  function correct(element, forms) {
    var text = element.textContent;
    if (/^\d+(\.\d)?k?$/.test(text)) element.textContent = phrase(forms, text);
  }

  function update(root) {
    var meta = root.querySelector(".md-search-result__meta");
    if (meta) correct(meta, search.forms["search.result"]);
    var more = root.querySelectorAll(".md-search-result__more > summary > div");
    for (var j = 0; j < more.length; j++) correct(more[j], search.forms["search.result.more"]);
  }

  /*
   * 4. The header's menu and search buttons work from the keyboard.
   *
   * Material draws them as <label> elements for its hidden checkboxes: a mouse or finger can
   * use them, but a keyboard cannot reach them and screen readers get no name. On phones they
   * are the only way to the navigation and the search. Each gets a real button in its place,
   * named in the reader's language, which works the label (Material listens to its clicks).
   */
  function keyboardButtons() {
    var labels = document.querySelectorAll("label.md-header__button[for]");
    for (var k = 0; k < labels.length; k++) {
      var label = labels[k];
      var target = label.getAttribute("for");
      var name = search.labels[target];
      if (!name) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("data-sitegen-for", target);
      button.setAttribute("aria-label", name);
      button.innerHTML = label.innerHTML;
      button.addEventListener("click", label.click.bind(label));
      label.parentNode.insertBefore(button, label);
      label.hidden = true;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    keyboardButtons();
    var result = document.querySelector(".md-search-result");
    if (!result) return;
    update(result);
    new MutationObserver(function () { update(result); })
      .observe(result, { childList: true, characterData: true, subtree: true });
  });
})();
