// The worksheet's sticky save bar ([data-save-bar]): keeps the field that has focus from sitting under it, and keeps
// its "7 of 10 filled" count in step with what is typed.
(() => {
  'use strict';

  const bar = document.querySelector('[data-save-bar]');
  if (!bar) {
    return;
  }

  // site.css reserves this much room at the bottom for scrolling (scroll-padding) and focus moves (below).
  const measure = () => document.documentElement.style.setProperty('--save-bar-height', `${bar.offsetHeight}px`);
  measure();
  window.addEventListener('resize', measure);

  document.addEventListener('focusin', (event) => {
    const field = event.target;
    if (!(field instanceof Element) || bar.contains(field)) {
      return;
    }

    // After the browser's own scroll to the field, which may leave it just under the bar.
    requestAnimationFrame(() => {
      const covered = field.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
      if (covered > 0) {
        window.scrollBy({ top: covered + 8, behavior: 'instant' });
      }
    });
  });

  const count = bar.querySelector('[data-filled-count]');
  if (count) {
    const fields = () => Array.from(document.querySelectorAll(count.dataset.filledCount));
    const update = () => {
      const all = fields();
      const filled = all.filter((f) => f.value.trim() !== '').length;
      count.textContent = `${filled} of ${all.length} filled`;
    };
    // On change rather than each keystroke, so the live region speaks once per field.
    document.addEventListener('change', update);
  }
})();
