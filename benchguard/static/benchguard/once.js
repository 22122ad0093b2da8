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

  // Tokens are kept per history entry (an id in history.state, which the browser keeps
  // with the entry even when it fetches the page anew) and per form action: going Back
  // to the page a form was sent from gets its token back, while the page the sending
  // led to (often the same address: the gate desk) and any other form keep their own.
  // Keyed by address and position instead, a guard who went Back to the desk had the
  // last visitor's used token put into the next check-in, which was then dropped.
  function entryId() {
    var state = window.history.state;
    if (state && typeof state === "object" && state.onceEntry) {
      return state.onceEntry;
    }
    var id = Date.now().toString(36) + Math.random().toString(36).slice(2);
    try {
      var next = {};
      if (state && typeof state === "object") {
        Object.keys(state).forEach(function (key) { next[key] = state[key]; });
      }
      next.onceEntry = id;
      window.history.replaceState(next, "");
    } catch (error) {
      // No history state: Back-and-resubmit is then caught by the server alone.
    }
    return id;
  }
  var ENTRY = entryId();

  function storageKey(input) {
    var form = input.form;
    var action = form ? form.getAttribute("action") || window.location.pathname : "";
    var same = tokenInputs().filter(function (other) {
      return other.form && (other.form.getAttribute("action") || window.location.pathname) === action;
    });
    return "once:" + ENTRY + ":" + action + "#" + same.indexOf(input);
  }

  function remember(form) {
    var input = form.querySelector('input[type=hidden][name="_once"]');
    if (!input) {
      return;
    }
    try {
      window.sessionStorage.setItem(storageKey(input), input.value);
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
    tokenInputs().forEach(function (input) {
      var stored = null;
      try {
        stored = window.sessionStorage.getItem(storageKey(input));
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
