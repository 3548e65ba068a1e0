// A wide table on a phone (the movement matrix, the Recovery list, the per-rep tables) scrolls inside its box, and
// nothing showed there was more to the right: a table cut at a column edge reads as complete. A box that scrolls says
// so above it and takes keyboard focus, so arrow keys scroll it too; one that fits says nothing.
(() => {
  'use strict';

  if (!('ResizeObserver' in window)) {
    return;
  }

  document.querySelectorAll('.table-responsive').forEach((box, index) => {
    const hint = document.createElement('p');
    hint.id = `scroll-hint-${index}`;
    hint.className = 'scroll-hint form-text mt-0 mb-1';
    hint.textContent = 'Wider than the screen: scroll sideways for every column.';
    hint.hidden = true;
    box.insertAdjacentElement('beforebegin', hint);

    const check = () => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      hint.hidden = !scrolls;
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute('aria-describedby', hint.id);
      } else {
        box.removeAttribute('tabindex');
        box.removeAttribute('aria-describedby');
      }
    };

    // The box changes with the window, and its table with every live update of the tally.
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) {
      observer.observe(box.firstElementChild);
    }

    check();
  });
})();
