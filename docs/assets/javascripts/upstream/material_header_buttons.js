/*
 * The header's menu and search buttons work from the keyboard.
 *
 * Works around: Material for MkDocs 9.8.2, which draws them as <label> elements for its hidden
 * checkboxes: a mouse or finger can use them, but a keyboard cannot reach them and screen readers
 * get no name. On phones they are the only way to the navigation and the search. Each gets a real
 * button in its place, named in the reader's language, which works the label (Material listens to
 * its clicks). Python twin: publish/mkdocs/upstream/material_header_buttons.py (the names, in
 * <script id="__sitegen">); sitegen.css shows each button where Material shows the label.
 */
(function () {
  "use strict";

  var data = document.getElementById("__sitegen");
  if (!data) return;
  var labels = JSON.parse(data.textContent).labels;

  function keyboardButtons() {
    var found = document.querySelectorAll("label.md-header__button[for]");
    for (var k = 0; k < found.length; k++) {
      var label = found[k];
      var target = label.getAttribute("for");
      var name = labels[target];
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

  document.addEventListener("DOMContentLoaded", keyboardButtons);
})();
