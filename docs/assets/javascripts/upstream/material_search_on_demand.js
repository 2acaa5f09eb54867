/*
 * The search loads when the reader opens it.
 *
 * Works around: Material for MkDocs 9.8.2, which fetches the search index on every page load and
 * starts its search worker, which then loads lunr's word analysis for the language: nearly a quarter
 * of the bytes of a first visit (21 of 89 KB, compressed), spent for every reader, most of whom never
 * search. Material waits like this only for a site opened from a file, and has no setting for it.
 * Here the index request is held, and a stand-in takes the worker's place, until the search is
 * opened (its toggle switched on, or its field focused); then both start at once. Until the search
 * is ready, it says that it is starting ("search.result.initializer").
 * Delete when: Material loads its search on demand (see publish/UPGRADING.md);
 * tests/browser/test_page_weight.py checks that nothing of the search loads before.
 */
(function () {
  "use strict";

  var searchOpened = false;
  var held = [];
  var lateWorkers = [];

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var get = String(method).toUpperCase() === "GET";
    var address = new URL(String(url), document.baseURI);
    this.sitegenHold = get && /\/search\/search_index\.json$/.test(address.pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sitegenHold && !searchOpened) {
      this.sitegenArguments = arguments;
      held.push(this);
      return;
    }
    return send.apply(this, arguments);
  };

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
})();
