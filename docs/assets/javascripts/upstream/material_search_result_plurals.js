/*
 * Result counts in the reader's grammar.
 *
 * Works around: Material for MkDocs 9.8.2, which knows only "one" and "other" ("1 result",
 * "# results"). Upper Sorbian has four forms (one, two, few, other: 1 wuslědk, 2 wuslědkaj,
 * 3 wuslědki, 5 wuslědkow), and CLDR assigns every number to one of them. sitegen gives Material a
 * bare "#" for counts above one, and the CLDR category of each number from 0 to 999 (Material
 * shortens larger counts to "1.2k", which take the "other" form); here the bare number becomes the
 * right phrase. Python twin: publish/mkdocs/upstream/material_search_result_plurals.py (the data, in
 * <script id="__sitegen">).
 */
(function () {
  "use strict";

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

  document.addEventListener("DOMContentLoaded", function () {
    var result = document.querySelector(".md-search-result");
    if (!result) return;
    update(result);
    new MutationObserver(function () { update(result); })
      .observe(result, { childList: true, characterData: true, subtree: true });
  });
})();
