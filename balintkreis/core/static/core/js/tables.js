// Wide tables scroll sideways on a phone (core/css/base.css). A table that
// scrolls gets tabindex=0, so keyboard users can scroll it too (WCAG 2.1.1);
// without this module the tables still scroll by touch and mouse.
const tables = document.querySelectorAll("main table");

function mark() {
  for (const table of tables) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.tabIndex = 0;
    } else {
      table.removeAttribute("tabindex");
    }
  }
}

if (tables.length) {
  mark();
  window.addEventListener("resize", mark, { passive: true });
}
