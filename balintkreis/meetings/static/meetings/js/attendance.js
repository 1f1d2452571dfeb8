// Attendance sheet: "all present" marks every member not yet marked as
// present, so the leader only taps the exceptions. The page works without it.
const button = document.querySelector("[data-mark-all]");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => {
    for (const row of document.querySelectorAll(".sheet-row")) {
      if (!row.querySelector("input[type=radio]:checked")) {
        const present = row.querySelector("input[type=radio][value=present]");
        if (present) present.checked = true;
      }
    }
  });
}
