// A "copy" button for a read-only field: <button data-copy="#field" hidden>.
// Without JavaScript the button stays hidden and the field can be selected.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.querySelector(button.dataset.copy);
  const status = button.parentElement.querySelector("[data-copy-status]");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      return;
    }
    if (status) status.textContent = button.dataset.copied;
  });
}
