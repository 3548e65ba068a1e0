// The worksheet's rows, edited in place: a zone move clears the ticks it makes stale, a name typed over last time's
// customer starts a new customer, Remove asks the reason on the row and Undo puts the row back, and "Did you mean"
// fills in the known name. Without this script the server does each of these through the form.
(() => {
  const form = document.getElementById('worksheet-form');
  if (!form) {
    return;
  }

  // As Customer.Normalize on the server: accents and invisible characters gone, spaces collapsed, case folded.
  const normalize = (text) => text.normalize('NFD').replace(/[\p{Mn}\p{Me}\p{Cf}]/gu, '').trim().replace(/\s+/g, ' ').toLowerCase();
  const listed = (items) => (items.length === 1 ? `${items[0]} was` : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]} were`);

  for (const row of form.querySelectorAll('.worksheet-row[data-row]')) {
    const i = row.dataset.row;
    const field = (id) => document.getElementById(`row-${i}-${id}`);
    const name = field('name');
    const pinch = field('pinch');
    const note = field('note');
    const status = field('cleared');
    const zones = [...row.querySelectorAll(`input[type=radio][name="Rows[${i}].Zone"]`)];
    const causes = [...row.querySelectorAll(`input[type=checkbox][name="Rows[${i}].Causes"]`)];
    const say = (text) => {
      status.textContent = text;
      status.hidden = !text;
    };

    // The ticks that no longer apply go as the zone changes, and the row says which.
    for (const zone of zones) {
      zone.addEventListener('change', () => {
        const said = [];
        if (zone.value !== 'Expectations' && pinch.checked) {
          pinch.checked = false;
          said.push('"Feeling a pinch" was cleared: it applies only in Service Expectations.');
        }
        const ticked = causes.filter((c) => c.checked);
        if (zone.value === 'Surprises' && ticked.length > 0) {
          ticked.forEach((c) => { c.checked = false; });
          said.push(`${listed(ticked.map((c) => c.value))} cleared: the Three R's say what fell short, so they belong to Recovery and Expectations.`);
        }
        say(said.join(' '));
      });
    }

    // "Did you mean …?": take the known name here rather than posting the form.
    const useKnown = field('use-known');
    if (useKnown) {
      useKnown.addEventListener('click', (event) => {
        event.preventDefault();
        name.value = useKnown.dataset.known;
        name.dispatchEvent(new Event('change', { bubbles: true }));
        field('didyoumean').hidden = true;
        const message = row.querySelector(`[data-valmsg-for="Rows[${i}].Name"]`);
        if (message) {
          message.textContent = '';
        }
        name.removeAttribute('aria-invalid');
        name.focus();
      });
    }

    const carriedName = row.dataset.carriedName;
    const remove = field('remove');
    if (!carriedName || !remove) {
      continue;
    }

    const removed = field('removed');
    const reason = field('drop-reason');
    const last = field('last');
    const type = field('type');
    let kept = null;

    // Off the list: the row is emptied of this customer's details, the reason is asked here, and Undo can put it back.
    const drop = (keepName) => {
      if (!kept) {
        kept = {
          // Called from typing over the name, the field already holds what was typed: Undo and typing the old name
          // back should give last time's customer, not the first keystroke of the new one.
          name: keepName ? name.defaultValue : name.value,
          zone: zones.find((z) => z.checked)?.value,
          pinch: pinch.checked,
          causes: causes.filter((c) => c.checked).map((c) => c.value),
          type: type.value,
          note: note.value,
        };
      }
      if (!keepName) {
        name.value = '';
      }
      zones.forEach((z) => { z.checked = false; });
      pinch.checked = false;
      causes.forEach((c) => { c.checked = false; });
      note.value = '';
      note.dispatchEvent(new Event('input', { bubbles: true }));
      // Script setting a value fires no change: without one the save bar would still count the emptied row as filled.
      name.dispatchEvent(new Event('change', { bubbles: true }));
      field('carried').disabled = true;
      field('dropped').disabled = false;
      reason.disabled = false;
      removed.hidden = false;
      remove.hidden = true;
      if (last) {
        last.hidden = true;
      }
      say('');
    };

    const undo = () => {
      name.value = kept.name;
      zones.forEach((z) => { z.checked = z.value === kept.zone; });
      pinch.checked = kept.pinch;
      causes.forEach((c) => { c.checked = kept.causes.includes(c.value); });
      type.value = kept.type;
      note.value = kept.note;
      note.dispatchEvent(new Event('input', { bubbles: true }));
      name.dispatchEvent(new Event('change', { bubbles: true }));
      kept = null;
      field('carried').disabled = false;
      field('dropped').disabled = true;
      reason.disabled = true;
      reason.value = '';
      removed.hidden = true;
      remove.hidden = false;
      if (last) {
        last.hidden = false;
      }
    };

    remove.addEventListener('click', (event) => {
      event.preventDefault();
      drop(false);
      reason.focus();
    });

    field('undo').addEventListener('click', () => {
      undo();
      name.focus();
    });

    // A different name is a different customer: nothing of last time's carries over to them. Typing the old name
    // back is the old customer again, as they were.
    name.addEventListener('input', () => {
      const typed = normalize(name.value);
      if (kept) {
        if (typed === carriedName) {
          undo();
        }
      } else if (typed !== carriedName) {
        drop(true);
      }
    });
  }
})();
