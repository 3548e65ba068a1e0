// The manager's meeting page: when the tally changes, re-fetch the page and swap in the fresh tally and
// submissions sections (parsed, never innerHTML), leaving the prompt editor and anything being typed alone.
(function () {
    "use strict";

    const root = document.getElementById("live-dashboard");
    if (!root || typeof signalR === "undefined") {
        return;
    }

    const meetingId = Number(root.dataset.meetingId);
    let refreshing = false;
    let again = false;

    async function refresh() {
        if (refreshing) {
            again = true;
            return;
        }
        refreshing = true;
        try {
            const response = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
            if (response.ok) {
                const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
                for (const id of ["tally", "submissions-card"]) {
                    const next = fresh.getElementById(id);
                    const current = document.getElementById(id);
                    if (next && current) {
                        current.replaceWith(document.adoptNode(next));
                    }
                }
            }
        } finally {
            refreshing = false;
            if (again) {
                again = false;
                refresh();
            }
        }
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(root.dataset.hubUrl)
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (context) { return Math.min(10000, 1000 * (context.previousRetryCount + 1)); } })
        .build();
    connection.on("tally", refresh);
    connection.onreconnected(function () { connection.invoke("Join", meetingId).then(refresh); });

    function start() {
        connection.start()
            .then(function () { return connection.invoke("Join", meetingId); })
            .catch(function () { setTimeout(start, 5000); });
    }

    start();
}());
