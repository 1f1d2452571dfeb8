// Barcode scanners type the EFN like a keyboard and finish with Enter. That
// Enter must not submit the half-filled profile form: we tidy the number and
// move on to the next field instead (DOMAIN.md R1).
for (const input of document.querySelectorAll("[data-efn-input]")) {
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    input.value = input.value.replace(/[\s-]/g, "");
    const fields = Array.from(input.form.elements).filter(
      (el) => !el.disabled && el.type !== "hidden" && el.tabIndex >= 0
    );
    const next = fields[fields.indexOf(input) + 1];
    if (next) next.focus();
  });
}
