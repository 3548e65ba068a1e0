// A field's maxlength makes the browser cut a long paste short without a word, and what was cut is lost. With this
// script the limit becomes a count that shows as the text nears it; the server refuses what is over, says by how
// much, and gives the whole text back to shorten. Without the script, maxlength still holds.
(() => {
  'use strict';

  // As the server counts: line breaks as one character, spaces at either end not at all.
  const lengthOf = (field) => field.value.replace(/\r\n/g, '\n').trim().length;

  document.querySelectorAll('input[maxlength], textarea[maxlength]').forEach((field, index) => {
    const limit = field.maxLength;
    if (limit <= 0) {
      return;
    }

    field.removeAttribute('maxlength');
    const count = document.createElement('div');
    count.id = `${field.id || `field-${index}`}-length`;
    count.className = 'form-text length-count';
    count.hidden = true;
    // After a group the field sits in, so the group's rounded corners and widths stay as they are.
    (field.closest('.input-group') ?? field).insertAdjacentElement('afterend', count);
    const described = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', described ? `${described} ${count.id}` : count.id);

    // After a refused save the server's error beside the field already says how long the text is: the count waits
    // until the text changes rather than say it twice.
    let refused = field.getAttribute('aria-invalid') === 'true' || field.classList.contains('input-validation-error');
    // The server's "Keep the name to 80 characters (this one has 150)." counts the text as it was saved. Once the text
    // changes that number is wrong, and beside the live count the length would be said twice in two numbers: the
    // count takes over, and the field is invalid while it is still over.
    const lengthError = (described ?? '').split(/\s+/)
      .map((id) => id && document.getElementById(id))
      .find((element) => element && /\(this one has \d+\)\.$/.test(element.textContent.trim()));
    const show = () => {
      const length = lengthOf(field);
      count.hidden = refused || length < limit * 0.9;
      const over = length - limit;
      count.textContent = over > 0
        ? `${length} characters: ${over} over the ${limit} allowed. Shorten it before you save.`
        : `${length} of ${limit} characters.`;
      count.classList.toggle('text-danger', over > 0);
    };
    // Script that empties or restores a field (the worksheet's Remove, Undo and "Did you mean") says so with a change
    // rather than an input, which would read as the rep typing: without this the count of the old text stays beside it.
    const changed = () => {
      refused = false;
      if (lengthError) {
        lengthError.hidden = true;
        if (lengthOf(field) > limit) {
          field.setAttribute('aria-invalid', 'true');
        } else {
          field.removeAttribute('aria-invalid');
          field.classList.remove('input-validation-error', 'is-invalid');
        }
      }
      show();
    };
    field.addEventListener('input', changed);
    field.addEventListener('change', changed);
    show();
  });
})();
