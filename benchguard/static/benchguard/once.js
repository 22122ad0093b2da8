// One-time submission (issue 9): once a POST form is sent, its submit buttons are
// disabled until the next page arrives, so a double click sends it once. The server
// refuses repeats anyway (the form's one-time token); this spares the user the wait.
// Buttons are disabled just after the submit event, so the clicked button's own
// name and value are still sent. A page restored by the Back button is usable again.
(function () {
  "use strict";

  function buttons(form) {
    var inside = Array.prototype.slice.call(form.querySelectorAll("button, input[type=submit]"));
    var outside = form.id ? Array.prototype.slice.call(document.querySelectorAll('[form="' + form.id + '"]')) : [];
    return inside.concat(outside).filter(function (el) {
      return el.type === "submit";
    });
  }

  function setBusy(form, busy) {
    if (busy) {
      form.setAttribute("data-submitting", "");
      form.setAttribute("aria-busy", "true");
    } else {
      form.removeAttribute("data-submitting");
      form.removeAttribute("aria-busy");
    }
    buttons(form).forEach(function (button) {
      if (busy && !button.disabled) {
        button.disabled = true;
        button.setAttribute("data-once-disabled", "");
      } else if (!busy && button.hasAttribute("data-once-disabled")) {
        button.disabled = false;
        button.removeAttribute("data-once-disabled");
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    if (form.hasAttribute("data-submitting")) {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) {
      return;
    }
    form.setAttribute("data-submitting", "");
    window.setTimeout(function () {
      setBusy(form, true);
    }, 0);
    // An answer that is not a new page (a download) would leave the form locked.
    window.setTimeout(function () {
      setBusy(form, false);
    }, 15000);
  });

  // htmx requests in flight: the element's form is busy until the answer arrives.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (form && event.detail.requestConfig && event.detail.requestConfig.verb !== "get") {
      setBusy(form, true);
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (form) {
      setBusy(form, false);
    }
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      Array.prototype.forEach.call(document.querySelectorAll("form[data-submitting]"), function (form) {
        setBusy(form, false);
      });
    }
  });
})();
