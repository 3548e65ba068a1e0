// "Copy link" buttons: copy the named field's text and say so; where the clipboard is unavailable (plain http on
// another host), select the text so Ctrl+C works.
document.querySelectorAll('[data-copy-target]').forEach((button) => {
  const label = button.textContent;
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copyTarget);
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = 'Copied';
    } catch {
      field.focus();
      field.select();
      button.textContent = 'Press Ctrl+C';
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
});
