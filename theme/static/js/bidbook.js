/* Bidbook chooser (progressive enhancement): tick municipalities, go straight to that edition.
   Without JavaScript the form stays hidden and the list of all editions does the same job. Where
   scripting is on, bidbook.css shows the form from the first paint (no layout shift); this script
   shows it only in browsers that do not know the (scripting) media feature.
   The list is the source of truth: the chosen slugs, in the list's order, name a link there. */
(function () {
  "use strict";
  var form = document.querySelector("[data-bidbook-chooser]");
  if (!form) { return; }
  var message = form.querySelector("[data-bidbook-message]");
  var boxes = form.querySelectorAll('input[name="gemeente"]');
  if (!window.matchMedia("(scripting: enabled)").matches) { form.style.display = "block"; }

  function edition(slug) {
    return document.querySelector('a[data-edition="' + slug + '"]');
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = [];
    for (var i = 0; i < boxes.length; i += 1) {
      if (boxes[i].checked) { chosen.push(boxes[i].value); }
    }
    if (chosen.length === 0) {
      message.textContent = "Kies ten minste één gemeente.";
      boxes[0].focus();
      return;
    }
    var link = edition(chosen.join("-")) || edition("regio");
    window.location.href = link.href;
  });
}());
