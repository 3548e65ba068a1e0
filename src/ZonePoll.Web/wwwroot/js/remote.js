// The phone remote: each button is a hub command that moves every projector of the meeting; what the buttons show
// is what the hub says the projectors show (the "projector" and "tally" messages), never a guess made here.
(function () {
    "use strict";

    const root = document.getElementById("remote");
    if (!root || typeof signalR === "undefined") {
        return;
    }

    const meetingId = Number(root.dataset.meetingId);
    const status = document.getElementById("remote-status");
    const error = document.getElementById("remote-error");
    const reveal = document.getElementById("remote-reveal");
    const names = document.getElementById("remote-names");
    const viewButtons = Array.from(root.querySelectorAll("[data-view]"));
    let prompts = null;
    let promptIndex = 0;

    function pressed(button, on) {
        button.setAttribute("aria-pressed", String(on));
    }

    function drawPrompt() {
        if (prompts === null) {
            return;
        }
        const position = document.getElementById("remote-prompt-position");
        const text = document.getElementById("remote-prompt-text");
        if (prompts.length === 0) {
            position.textContent = "none";
            text.textContent = "";
            return;
        }
        const index = ((promptIndex % prompts.length) + prompts.length) % prompts.length;
        position.textContent = (index + 1) + " of " + prompts.length;
        text.textContent = prompts[index].text;
    }

    function drawTally(tally) {
        pressed(reveal, tally.revealed);
        pressed(names, tally.showCustomerNames);
        prompts = tally.prompts;
        drawPrompt();
        // A rep's phone adds actions too: the count is the hub's, as the projector's strip is.
        document.getElementById("remote-actions-count").textContent = "(" + tally.actions.items.length + " agreed so far)";
    }

    function drawProjector(view) {
        for (const button of viewButtons) {
            pressed(button, button.dataset.view === view.view);
        }
        promptIndex = view.prompt;
        drawPrompt();
    }

    function refresh() {
        return fetch(root.dataset.tallyUrl, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("tally.json answered " + response.status);
                }
                return response.json();
            })
            .then(drawTally);
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(root.dataset.hubUrl)
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (context) { return Math.min(5000, 500 * (context.previousRetryCount + 1)); } })
        .build();
    connection.on("tally", drawTally);
    connection.on("projector", drawProjector);

    // The hub's refusal (an archived team, a manager no longer) is said plainly, in place of the last one.
    function send(method, argument) {
        error.hidden = true;
        connection.invoke(method, meetingId, argument).catch(function (failure) {
            const said = String(failure && failure.message || failure);
            const reason = said.includes("HubException: ") ? said.slice(said.indexOf("HubException: ") + 14) : "The projector did not get that: try again.";
            error.textContent = reason;
            error.hidden = false;
        });
    }

    document.getElementById("remote-prev").addEventListener("click", function () { send("MovePrompt", -1); });
    document.getElementById("remote-next").addEventListener("click", function () { send("MovePrompt", 1); });
    for (const button of viewButtons) {
        button.addEventListener("click", function () { send("ShowView", button.dataset.view); });
    }
    reveal.addEventListener("click", function () { send("Reveal", reveal.getAttribute("aria-pressed") !== "true"); });
    names.addEventListener("click", function () { send("ShowNames", names.getAttribute("aria-pressed") !== "true"); });

    function setStatus(text) {
        status.textContent = text;
    }

    function joinAndRefresh() {
        return connection.invoke("Join", meetingId)
            .then(refresh)
            .then(function () { return connection.invoke("Projector", meetingId); })
            .then(drawProjector)
            .then(function () { setStatus("Connected: every projector of this meeting follows these buttons."); });
    }

    connection.onreconnecting(function () { setStatus("Reconnecting…"); });
    connection.onreconnected(function () { joinAndRefresh(); });
    connection.onclose(function () { setStatus("Offline, retrying…"); setTimeout(start, 2000); });

    function start() {
        connection.start()
            .then(joinAndRefresh)
            .catch(function () {
                setStatus("Offline, retrying…");
                setTimeout(start, 2000);
            });
    }

    start();
}());
