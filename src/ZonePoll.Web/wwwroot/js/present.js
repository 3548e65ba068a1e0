// The projector view: draws each tally snapshot it receives over SignalR, with textContent only.
// It keeps reconnecting after a network drop and re-fetches tally.json once back, so it never shows stale numbers.
(function () {
    "use strict";

    const body = document.body;
    const meetingId = Number(body.dataset.meetingId);
    const status = document.getElementById("live-status");
    const promptList = document.getElementById("prompt-list");
    const promptPosition = document.getElementById("prompt-position");
    let promptIndex = 0;

    function setStatus(text, live) {
        status.textContent = text;
        status.classList.toggle("is-live", live);
        status.classList.toggle("is-down", !live);
    }

    function draw(tally) {
        document.getElementById("meeting-title").textContent = tally.title;
        document.getElementById("reps-in").textContent =
            tally.participation.repsIn + " of " + tally.participation.repsTotal + " reps in";

        document.getElementById("hidden-note").hidden = tally.revealed;
        document.getElementById("bars").hidden = !tally.revealed;
        for (const zone of tally.zones) {
            const row = document.querySelector('.bar-row[data-zone="' + zone.zone + '"]');
            if (!row) {
                continue;
            }
            row.querySelector(".bar-count").textContent = String(zone.count);
            row.querySelector(".bar-unit").textContent = zone.count === 1 ? "customer" : "customers";
            row.querySelector(".bar-percent").textContent = zone.percent + "%";
            row.querySelector(".bar-fill").style.width = zone.percent + "%";
        }

        const names = document.getElementById("recovery-names");
        const list = document.getElementById("recovery-list");
        list.replaceChildren(...tally.recovery.map(function (item) {
            const li = document.createElement("li");
            li.textContent = item.customer + " ";
            const account = document.createElement("span");
            account.className = "account";
            account.textContent = item.accountType;
            li.append(account);
            return li;
        }));
        names.hidden = !(tally.revealed && tally.showCustomerNames && tally.recovery.length > 0);

        drawPrompts(tally.prompts);
        setToggle("reveal-toggle", "revealed", tally.revealed, "Hide numbers", "Reveal numbers");
        setToggle("names-toggle", "show", tally.showCustomerNames, "Hide names", "Show names");
    }

    function setToggle(buttonId, field, on, onLabel, offLabel) {
        const button = document.getElementById(buttonId);
        button.textContent = on ? onLabel : offLabel;
        button.form.querySelector('input[name="' + field + '"]').value = on ? "false" : "true";
    }

    function drawPrompts(prompts) {
        const items = prompts.map(function (text) {
            const li = document.createElement("li");
            li.textContent = text;
            return li;
        });
        promptList.replaceChildren(...items);
        showPrompt(Math.min(promptIndex, Math.max(0, items.length - 1)));
    }

    function showPrompt(index) {
        const items = promptList.children;
        if (items.length === 0) {
            promptPosition.textContent = "";
            return;
        }
        promptIndex = (index + items.length) % items.length;
        for (let i = 0; i < items.length; i++) {
            items[i].hidden = i !== promptIndex;
        }
        promptPosition.textContent = (promptIndex + 1) + " of " + items.length;
    }

    document.getElementById("prompt-prev").addEventListener("click", function () { showPrompt(promptIndex - 1); });
    document.getElementById("prompt-next").addEventListener("click", function () { showPrompt(promptIndex + 1); });
    document.addEventListener("keydown", function (event) {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) {
            return;
        }
        // Presentation clickers send PageUp/PageDown.
        if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
            showPrompt(promptIndex + 1);
            event.preventDefault();
        } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
            showPrompt(promptIndex - 1);
            event.preventDefault();
        }
    });

    // The toggles post in the background; the new state comes back as a snapshot like any other change.
    for (const form of document.querySelectorAll("form.live-form")) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
                .then(refresh)
                .catch(function () { setStatus("Could not reach the server", false); });
        });
    }

    function refresh() {
        return fetch(body.dataset.tallyUrl, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("tally.json answered " + response.status);
                }
                return response.json();
            })
            .then(draw);
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(body.dataset.hubUrl)
        // Never give up: a projector left running must come back on its own.
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (context) { return Math.min(5000, 500 * (context.previousRetryCount + 1)); } })
        .build();

    connection.on("tally", draw);
    connection.onreconnecting(function () { setStatus("Reconnecting…", false); });
    connection.onreconnected(function () { joinAndRefresh(); });
    connection.onclose(function () { setStatus("Offline, retrying…", false); setTimeout(start, 2000); });

    function joinAndRefresh() {
        return connection.invoke("Join", meetingId)
            .then(refresh)
            .then(function () { setStatus("Live", true); });
    }

    function start() {
        connection.start()
            .then(joinAndRefresh)
            .catch(function () {
                setStatus("Offline, retrying…", false);
                setTimeout(start, 2000);
            });
    }

    refresh().catch(function () { /* the connection below retries */ });
    start();
}());
