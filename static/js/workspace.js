/* Staff workspaces: progressive enhancement only. Every page works without this file.
 *
 * - Keyboard shortcuts (listed on the page, can be switched off: WCAG 2.1.4): j/k move through a
 *   ticket list, n opens the next ticket, o claims, a / i switch the composer to answer / note.
 * - Standard answers: filter the list while typing, insert without a round trip (the server has
 *   already filled in the placeholders, in data-text).
 * - List rows in Beheer (data-list-rows): move up / down, remove and add rows.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "via-sneltoetsen";

  function shortcutsOn() {
    try { return window.localStorage.getItem(STORAGE_KEY) !== "uit"; } catch (e) { return true; }
  }

  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function setupShortcutToggle() {
    var toggle = document.getElementById("sneltoetsen-aan");
    if (!toggle) return;
    toggle.closest(".shortcut-toggle").hidden = false;
    toggle.checked = shortcutsOn();
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(STORAGE_KEY, toggle.checked ? "aan" : "uit"); } catch (e) { /* private mode */ }
    });
  }

  function chooseKind(value) {
    var radio = document.querySelector('#composer input[name="kind"][value="' + value + '"]');
    if (!radio) return false;
    radio.checked = true;
    var body = document.querySelector("#composer textarea[name='body']");
    if (body) body.focus();
    return true;
  }

  function moveInList(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-ticket-list] tbody a"));
    if (!links.length) return false;
    var index = links.indexOf(document.activeElement);
    var next = index === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(index + step, 0), links.length - 1);
    links[next].focus();
    return true;
  }

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || !shortcutsOn()) return;
    var done = false;
    switch (event.key) {
      case "j": done = moveInList(1); break;
      case "k": done = moveInList(-1); break;
      case "n": {
        var next = document.querySelector('[data-shortcut="next"]');
        if (next) { next.click(); done = true; }
        break;
      }
      case "o": {
        var claim = document.querySelector('[data-shortcut="claim"]');
        if (claim) { claim.click(); done = true; }
        break;
      }
      case "a": done = chooseKind("antwoord"); break;
      case "i": done = chooseKind("notitie"); break;
    }
    if (done) event.preventDefault();
  }

  function setupStandardAnswers() {
    var box = document.querySelector("[data-standard-answers]");
    if (!box) return;
    var search = box.querySelector('input[name="standard_q"]');
    var select = box.querySelector('select[name="standard_answer"]');
    var insert = box.querySelector('button[value="insert_standard"]');
    var body = document.querySelector("#composer textarea[name='body']");
    if (search && select) {
      search.addEventListener("input", function () {
        var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
        var firstVisible = null;
        Array.prototype.forEach.call(select.options, function (option) {
          var text = (option.textContent + " " + (option.getAttribute("data-text") || "")).toLowerCase();
          var match = words.every(function (word) { return text.indexOf(word) !== -1; });
          option.hidden = !match;
          option.disabled = !match;
          if (match && firstVisible === null) firstVisible = option;
        });
        if (firstVisible) select.value = firstVisible.value;
      });
    }
    if (insert && select && body) {
      insert.addEventListener("click", function (event) {
        var option = select.options[select.selectedIndex];
        if (!option || !option.hasAttribute("data-text")) return;
        event.preventDefault();
        var text = option.getAttribute("data-text");
        var current = body.value.trim();
        body.value = current ? current + "\n\n" + text : text;
        body.focus();
      });
    }
  }

  function renumber(list) {
    var rows = list.querySelectorAll("[data-list-row]");
    Array.prototype.forEach.call(rows, function (row, index) {
      var order = row.querySelector("input[data-order]");
      if (order) order.value = index + 1;
    });
  }

  function setupListRows() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-list-rows]"), function (list) {
      list.classList.add("list-rows-enhanced");
      list.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-row-action]");
        if (!button) return;
        event.preventDefault();
        var row = button.closest("[data-list-row]");
        var action = button.getAttribute("data-row-action");
        if (action === "up" && row.previousElementSibling) {
          row.parentNode.insertBefore(row, row.previousElementSibling);
        } else if (action === "down" && row.nextElementSibling) {
          row.parentNode.insertBefore(row.nextElementSibling, row);
        } else if (action === "remove") {
          var text = row.querySelector("textarea, input[type='text']");
          if (text) text.value = "";
          row.hidden = true;
        }
        renumber(list);
        button.focus();
      });
      var add = list.parentNode.querySelector("button[data-row-add]");
      if (add) {
        add.hidden = false;
        add.addEventListener("click", function (event) {
          event.preventDefault();
          var empty = list.querySelector('[data-list-row][data-row-kind="spare"]:not([data-shown])');
          if (empty) {
            empty.setAttribute("data-shown", "");
            empty.classList.remove("list-row-spare");
            var field = empty.querySelector("textarea, input[type='text']");
            if (field) field.focus();
          }
        });
      }
    });
  }

  /* Beheer: Django's filter widget (SelectFilter2) adds icon spans with an aria-label but no role,
   * which ARIA does not allow on a generic span (axe: aria-prohibited-attr). Give them role="img",
   * whenever they appear (the widget builds them on page load). */
  function fixAdminIcons(root) {
    Array.prototype.forEach.call(root.querySelectorAll("span.help-tooltip[aria-label]:not([role])"), function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function watchAdminIcons() {
    if (!document.body || !document.body.classList.contains("change-form")) return;
    fixAdminIcons(document);
    new MutationObserver(function () { fixAdminIcons(document); }).observe(document.body, { childList: true, subtree: true });
  }

  document.addEventListener("keydown", onKey);
  watchAdminIcons();
  setupShortcutToggle();
  setupStandardAnswers();
  setupListRows();
})();
