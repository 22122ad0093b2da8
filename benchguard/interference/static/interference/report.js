// The print button of the quarterly report: the browser's print dialogue (A4).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
