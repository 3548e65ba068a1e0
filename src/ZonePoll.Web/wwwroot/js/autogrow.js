// Textareas marked data-autogrow grow with their text, so a long note is never cut off: on load (a saved note) and
// as it is typed. Browsers with CSS field-sizing: content (site.css) do this themselves; this is for the others.
(() => {
  'use strict';

  if (window.CSS && CSS.supports('field-sizing', 'content')) {
    return;
  }

  const fit = (area) => {
    // Set through the CSSOM, which the page's Content-Security-Policy allows (a style attribute it would not).
    area.style.height = 'auto';
    const style = getComputedStyle(area);
    const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    area.style.height = `${area.scrollHeight + borders}px`;
  };

  const areas = document.querySelectorAll('textarea[data-autogrow]');
  areas.forEach((area) => {
    area.style.overflowY = 'hidden';
    fit(area);
  });
  document.addEventListener('input', (event) => {
    if (event.target instanceof HTMLTextAreaElement && event.target.matches('[data-autogrow]')) {
      fit(event.target);
    }
  });
  // A wider or narrower window rewraps the text.
  window.addEventListener('resize', () => areas.forEach(fit));
})();
