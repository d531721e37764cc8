// The only script: say that work is under way while the server analyses. The app works without it.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("analyze-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    var busy = document.getElementById("busy");
    var button = document.getElementById("submit");
    if (busy) busy.hidden = false;
    if (button) button.disabled = true;
  });
});
