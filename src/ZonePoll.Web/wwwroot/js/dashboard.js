// The manager's meeting page: when the tally changes, re-fetch the page and swap in the fresh tally, submissions and
// agreed actions (parsed, never innerHTML), leaving the prompt editor, the action form and anything being typed alone.
(function () {
    "use strict";

    const root = document.getElementById("live-dashboard");
    if (!root || typeof signalR === "undefined") {
        return;
    }

    const meetingId = Number(root.dataset.meetingId);
    let refreshing = false;
    let again = false;
    let waiting = null;
    let nextAt = 0;

    // A large room sends a tally several times a second, and there this page, whole lists and all, runs to megabytes:
    // fetched at every message, one open meeting page loaded the server as the reps saved (bench/README.md). So a
    // fetch starts no sooner than a second after the last one started, or four times that one's download when longer
    // (a busy server is asked less), and no later than five seconds after it; a message that comes in between is kept
    // for then, and a fetch that failed is tried again then, so the page ends on the latest tally.
    function changed() {
        if (refreshing) {
            again = true;
            return;
        }
        if (waiting !== null) {
            return;
        }
        const wait = nextAt - performance.now();
        if (wait > 0) {
            waiting = setTimeout(function () { waiting = null; refresh(); }, wait);
            return;
        }
        refresh();
    }

    async function refresh() {
        if (refreshing) {
            again = true;
            return;
        }
        // A fetch starting now brings what a pending wait was kept for.
        if (waiting !== null) {
            clearTimeout(waiting);
            waiting = null;
        }
        refreshing = true;
        const started = performance.now();
        let took = null;
        try {
            // A fetch that never answers would hold every later message back: give up on it and try again.
            const response = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(30000) });
            if (response.status >= 500) {
                again = true;
            } else if (response.ok) {
                const html = await response.text();
                took = performance.now() - started;
                const fresh = new DOMParser().parseFromString(html, "text/html");
                // A keyboard user on an action's Done button keeps their place when the list is swapped under them.
                const ticking = document.activeElement && document.activeElement.closest("#actions-agreed form");
                const tickingId = ticking && ticking.elements.namedItem("actionId") ? ticking.elements.namedItem("actionId").value : null;
                for (const id of ["tally", "submissions-card", "actions-agreed"]) {
                    const next = fresh.getElementById(id);
                    const current = document.getElementById(id);
                    if (next && current) {
                        current.replaceWith(document.adoptNode(next));
                    }
                }
                if (tickingId !== null) {
                    const input = Array.from(document.querySelectorAll("#actions-agreed input[name=actionId]")).find(i => i.value === tickingId);
                    const button = input && input.form.querySelector("button");
                    if (button) {
                        button.focus();
                    }
                }
            }
            // Any other answer (signed out, no longer on the team) would come again; the next message asks again.
        } catch {
            // Offline, or given up on.
            again = true;
        } finally {
            refreshing = false;
            nextAt = started + Math.min(5000, Math.max(1000, 4 * (took ?? performance.now() - started)));
            if (again) {
                again = false;
                changed();
            }
        }
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(root.dataset.hubUrl)
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (context) { return Math.min(10000, 1000 * (context.previousRetryCount + 1)); } })
        .build();
    connection.on("tally", changed);
    connection.onreconnected(function () { connection.invoke("Join", meetingId).then(refresh).then(projectorState); });

    // The projector panel: prompt and view commands go through the hub to every open projector of the meeting, and
    // the pressed view is what the hub says they show.
    const viewButtons = Array.from(document.querySelectorAll("#projector-remote [data-view]"));
    const promptLine = document.getElementById("dashboard-prompt");
    function drawProjector(view) {
        for (const button of viewButtons) {
            button.setAttribute("aria-pressed", String(button.dataset.view === view.view));
        }
        promptLine.textContent = "The projectors show prompt " + (view.prompt + 1) + ".";
    }
    function projectorState() {
        return connection.invoke("Projector", meetingId).then(drawProjector);
    }
    function send(method, argument) {
        connection.invoke(method, meetingId, argument).catch(function () {
            promptLine.textContent = "The projectors did not get that: check the connection and try again.";
        });
    }
    connection.on("projector", drawProjector);
    for (const button of document.querySelectorAll("#projector-remote [data-step]")) {
        button.addEventListener("click", function () { send("MovePrompt", Number(button.dataset.step)); });
    }
    for (const button of viewButtons) {
        button.addEventListener("click", function () { send("ShowView", button.dataset.view); });
    }

    function start() {
        connection.start()
            .then(function () { return connection.invoke("Join", meetingId); })
            .then(projectorState)
            .catch(function () { setTimeout(start, 5000); });
    }

    start();
}());
