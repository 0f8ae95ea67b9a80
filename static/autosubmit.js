// Sends a prepared form on at once (the OCI call-up into a supplier's shop). Without JavaScript the visible
// button does the same.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-autosubmit]");
  if (form) {
    form.submit();
  }
});
