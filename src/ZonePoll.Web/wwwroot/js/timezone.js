// Tells the server this browser's time zone, so the app shows dates and times in the person's own zone. Posts only
// when the zone differs from the one the page says is stored, and at most once a browser session for each zone (a
// zone the server refuses is not sent again on every page).
(function () {
    'use strict';
    var script = document.currentScript;
    if (!script || !window.fetch || !window.Intl) {
        return;
    }

    var zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
        return;
    }

    if (!zone || zone === script.dataset.stored) {
        return;
    }

    var key = 'zonepoll-time-zone-sent';
    try {
        if (sessionStorage.getItem(key) === zone) {
            return;
        }

        sessionStorage.setItem(key, zone);
    } catch (e) {
        // Storage blocked: post anyway, it is one small request.
    }

    var body = new URLSearchParams();
    body.append('timeZone', zone);
    body.append('__RequestVerificationToken', script.dataset.token || '');
    fetch(script.dataset.url, { method: 'POST', body: body, credentials: 'same-origin' }).catch(function () {
        try {
            sessionStorage.removeItem(key);
        } catch (e) {
            // Nothing to undo.
        }
    });
})();
