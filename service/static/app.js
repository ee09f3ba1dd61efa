// Progressive enhancement only: pages read fine without it.
// Hovering or focusing a claim pair highlights its two claims in the side columns.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  function mark(pair, on) {
    ["a", "b"].forEach(function (key) {
      var claim = document.getElementById("claim-" + pair.dataset[key]);
      if (claim) { claim.classList.toggle("paired", on); }
    });
  }
  document.querySelectorAll("article.pair").forEach(function (pair) {
    pair.tabIndex = 0;
    ["mouseenter", "focus"].forEach(function (ev) { pair.addEventListener(ev, function () { mark(pair, true); }); });
    ["mouseleave", "blur"].forEach(function (ev) { pair.addEventListener(ev, function () { mark(pair, false); }); });
  });
});
