// "Nog een mijlpaal" / "Nog een vindplaats" without a reload: copy the formset's empty form
// (a <template>) with the next index and count it in the management form's TOTAL_FORMS.
// Without this script the same button posts the form and the server adds the row.
(function () {
  "use strict";

  function addRow(fieldset) {
    var prefix = fieldset.getAttribute("data-prefix");
    var total = fieldset.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var template = fieldset.querySelector("template.formset-empty");
    var rows = fieldset.querySelector(".formset-rows");
    if (!total || !template || !rows) {
      return false;
    }
    var index = parseInt(total.value, 10);
    if (isNaN(index)) {
      return false;
    }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), textarea, select");
    if (first) {
      first.focus();
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.formset-add") : null;
    if (!button) {
      return;
    }
    var fieldset = button.closest("fieldset.formset");
    if (fieldset && addRow(fieldset)) {
      event.preventDefault();
    }
  });
})();
