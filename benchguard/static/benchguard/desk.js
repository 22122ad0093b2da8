// The gatehouse desk: an ID-card reader types the number (and then the name) like a
// keyboard and often ends with Enter. Enter in those two fields moves on to the next
// field instead of sending a half-filled form; Enter elsewhere sends it as usual.
document.addEventListener("keydown", function (event) {
  var field = event.target;
  if (event.key !== "Enter" || !field.form || !field.form.hasAttribute("data-enter-advances")) {
    return;
  }
  if (field.name !== "document_number" && field.name !== "visitor_name") {
    return;
  }
  event.preventDefault();
  var fields = Array.prototype.filter.call(field.form.elements, function (el) {
    return el.type !== "hidden" && !el.disabled && el.tagName !== "BUTTON";
  });
  var next = fields[fields.indexOf(field) + 1];
  if (next) {
    next.focus();
  }
});
