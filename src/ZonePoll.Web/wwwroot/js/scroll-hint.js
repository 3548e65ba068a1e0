// A wide table on a phone (the movement matrix, the Recovery list, the per-rep tables) scrolls inside its box, and
// nothing showed there was more to the right: a table cut at a column edge reads as complete. A box that scrolls says
// so above it and takes keyboard focus, so arrow keys scroll it too; one that fits says nothing.
(() => {
  'use strict';

  if (!('ResizeObserver' in window)) {
    return;
  }

  let count = 0;

  const wire = (box) => {
    if (box.dataset.scrollHint !== undefined) {
      return;
    }

    const hint = document.createElement('p');
    hint.id = `scroll-hint-${count++}`;
    box.dataset.scrollHint = hint.id;
    hint.className = 'scroll-hint form-text mt-0 mb-1';
    hint.textContent = 'Wider than the screen: scroll sideways for every column.';
    hint.hidden = true;
    box.insertAdjacentElement('beforebegin', hint);

    const check = () => {
      if (!box.isConnected) {
        observer.disconnect();
        return;
      }

      const scrolls = box.scrollWidth > box.clientWidth + 1;
      hint.hidden = !scrolls;
      if (scrolls) {
        // Focusable, so a screen reader names it: the table's caption, as the box it scrolls in.
        const caption = box.querySelector('caption')?.textContent.trim();
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', caption || 'Wide table');
        box.setAttribute('aria-describedby', hint.id);
      } else {
        ['tabindex', 'role', 'aria-label', 'aria-describedby'].forEach((name) => box.removeAttribute(name));
      }
    };

    // The box changes with the window, and its table with every live update of the tally.
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) {
      observer.observe(box.firstElementChild);
    }

    check();
  };

  const wireWithin = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }

    if (node.matches('.table-responsive')) {
      wire(node);
    }

    node.querySelectorAll('.table-responsive').forEach(wire);
  };

  wireWithin(document.body);
  // The meeting page's live tally (dashboard.js) swaps in freshly fetched sections: their table boxes come without a
  // hint, and a box that scrolled would no longer say so or take focus.
  new MutationObserver((records) => {
    records.forEach((record) => record.addedNodes.forEach(wireWithin));
  }).observe(document.body, { childList: true, subtree: true });
})();
