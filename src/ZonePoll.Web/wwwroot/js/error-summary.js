// The GOV.UK error summary, for any form: a [data-error-summary] block is focused when the page loads (so a screen
// reader reads it and a keyboard starts from it), and each of its #links moves focus to the field it names, with the
// field's label or legend scrolled to the top of the window rather than the field alone (a browser's plain jump
// would hide the label above the top edge). Pages need only the markup: an element with data-error-summary,
// tabindex="-1" and role="alert", holding <a href="#field-id"> links.
(() => {
  'use strict';

  const summary = document.querySelector('[data-error-summary]');
  if (!summary) {
    return;
  }

  // What names the field on screen: the legend of a radio or checkbox group, else the field's own label.
  const labelFor = (field) => {
    if (field.type === 'radio' || field.type === 'checkbox') {
      const legend = field.closest('fieldset')?.querySelector('legend');
      if (legend) {
        return legend;
      }
    }

    return (field.labels && field.labels[0]) || field.closest('label') || field;
  };

  const focusField = (id) => {
    const field = document.getElementById(id);
    if (!field) {
      return false;
    }

    // A link may name a block (a whole row) rather than a control: let it take focus without joining the tab order.
    if (field.tabIndex < 0 && !field.matches('input, select, textarea, button, a[href]')) {
      field.setAttribute('tabindex', '-1');
    }

    field.focus({ preventScroll: true });
    // The label's scroll-margin-top (site.css) keeps a little room above it.
    labelFor(field).scrollIntoView({ block: 'start' });
    return document.activeElement === field;
  };

  summary.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!link || !summary.contains(link)) {
      return;
    }

    const id = decodeURIComponent(link.getAttribute('href').slice(1));
    if (focusField(id)) {
      event.preventDefault();
    }
  });

  summary.focus();
})();
