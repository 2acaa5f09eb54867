/*
 * Language links without wasted requests.
 *
 * Works around: Material for MkDocs 9.8.2, which treats every <link rel="alternate" hreflang> as a
 * separate site and fetches "sitemap.xml" below it, to remap its language selector. Here those links
 * point to the same page in each language (for search engines, publish/mkdocs/upstream/hreflang_links.py),
 * the selector already links to that page, and every such request would only return "404 Not Found"
 * (a whole error page on GitHub Pages). These requests are left unsent; all others are untouched.
 * Delete when: Material fetches no sitemap below hreflang links (see publish/UPGRADING.md).
 */
(function () {
  "use strict";

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
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sitegenSkip) return;
    return send.apply(this, arguments);
  };
})();
