/* Progressive enhancement: a "copy" button next to text that is also selectable without JavaScript.
   <button data-copy-target="ID" data-copied-label="..." hidden> is shown only when the clipboard works. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var status = button.parentElement.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied-label");
        }
      });
    });
  });
})();
