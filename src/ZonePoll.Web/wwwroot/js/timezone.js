// Tells the server this browser's time zone, so the app shows dates and times in the person's own zone. The server
// answers a stored zone with a cookie naming the person and the zone, so the script posts only when this browser has
// not told it yet for this person, or the zone has changed; and at most once a browser session for each zone (a zone
// the server refuses is not sent again on every page). No page looks the zone up just to tell the script.
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

    if (!zone) {
        return;
    }

    var told = script.dataset.user + ' ' + zone;
    var cookie = document.cookie.split('; ').find(function (c) { return c.indexOf('zonepoll_tz=') === 0; });
    if (cookie && decodeURIComponent(cookie.substring('zonepoll_tz='.length)) === told) {
        return;
    }

    var key = 'zonepoll-time-zone-sent';
    try {
        if (sessionStorage.getItem(key) === told) {
            return;
        }

        sessionStorage.setItem(key, told);
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
