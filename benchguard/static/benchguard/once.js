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
    remember(form);
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

  // Back-and-resubmit: going Back, the browser may fetch the form page anew (a new
  // token) yet put back what the user had typed, and the old form would be sent as a
  // new one. So a sent form's token is kept for this tab (sessionStorage), and a page
  // reached by Back or Forward gets its forms' tokens back; the server then sends the
  // user to the first submission's result instead of making a second record.
  function tokenInputs() {
    return Array.prototype.slice.call(document.querySelectorAll('form input[type=hidden][name="_once"]'));
  }

  function storageKey(index) {
    return "once:" + window.location.pathname + window.location.search + "#" + index;
  }

  function remember(form) {
    var input = form.querySelector('input[type=hidden][name="_once"]');
    var index = tokenInputs().indexOf(input);
    if (index < 0) {
      return;
    }
    try {
      window.sessionStorage.setItem(storageKey(index), input.value);
    } catch (error) {
      // Storage refused (private mode, quota): the server still refuses the repeat
      // of a double click; only Back-and-resubmit is then not recognised.
    }
  }

  function reachedByHistory() {
    var entries = window.performance && window.performance.getEntriesByType
      ? window.performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  if (reachedByHistory()) {
    tokenInputs().forEach(function (input, index) {
      var stored = null;
      try {
        stored = window.sessionStorage.getItem(storageKey(index));
      } catch (error) {
        stored = null;
      }
      if (stored) {
        input.value = stored;
      }
    });
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      Array.prototype.forEach.call(document.querySelectorAll("form[data-submitting]"), function (form) {
        setBusy(form, false);
      });
    }
  });
})();
