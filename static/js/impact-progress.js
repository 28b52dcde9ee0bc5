// Progress page of an impact report: reload every 3 seconds while the report is being made.
// Without JavaScript the page has a "Nu verversen" link; with it, the page follows by itself.
(function () {
  "use strict";
  var marker = document.querySelector("[data-report-pending]");
  if (marker) {
    window.setTimeout(function () { window.location.reload(); }, 3000);
  }
})();
