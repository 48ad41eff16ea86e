// Printing prints the whole report: long evidence folded under a summary line (jjj.show's
// Table.folded) is opened first. (The PDF, `make pdf`, is built with it open.)
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.jjj-evidence").forEach((d) => { d.open = true; });
});
