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

        document.getElementById("followups-line").textContent = followUpsLine(tally.followUps);

        recoveryItems = tally.recovery.map(function (item) {
            const li = document.createElement("li");
            li.textContent = item.customer + " ";
            li.title = item.customer;
            const account = document.createElement("span");
            account.className = "account";
            account.textContent = item.accountType;
            li.append(account);
            return li;
        });
        const showNames = tally.revealed && tally.showCustomerNames && tally.recovery.length > 0;
        document.getElementById("recovery-names").hidden = !showNames;
        document.querySelector(".results").classList.toggle("with-names", showNames);

        drawSince(tally);
        drawPrompts(tally.prompts);
        setToggle("reveal-toggle", "revealed", tally.revealed, "Hide numbers", "Reveal numbers");
        setToggle("names-toggle", "show", tally.showCustomerNames, "Hide names", "Show names");
        fitNames();
    }

    // The same words as FollowUpSummary.Line on the server.
    function followUpsLine(f) {
        let line = f.open === 0 ? "Follow-ups: none open" : "Follow-ups: " + f.open + " open · " + f.overdue + " overdue";
        if (f.medianDaysToFirstResponse !== null) {
            const median = Math.round(f.medianDaysToFirstResponse * 10) / 10;
            line += median === 0 ? " · first response the same day (median)"
                : " · first response in a median of " + median + " working day" + (median === 1 ? "" : "s");
        }
        return line;
    }

    // Shows as many Recovery names (key accounts come first) as fit the space left, and "+N more" for the rest,
    // so a long list never pushes the prompt and the controls off the screen.
    let recoveryItems = Array.from(document.querySelectorAll("#recovery-list li"));
    function fitNames() {
        const list = document.getElementById("recovery-list");
        list.replaceChildren(...recoveryItems);
        const overflows = function () { return list.scrollHeight > list.clientHeight + 1; };
        if (list.closest("[hidden]") || !overflows()) {
            return;
        }
        const more = document.createElement("li");
        more.className = "more";
        const showFirst = function (shown) {
            more.textContent = "+" + (recoveryItems.length - shown) + " more";
            list.replaceChildren(...recoveryItems.slice(0, shown), more);
        };
        // The most names that still fit with the "+N more" line: a binary search, one layout per step.
        let fits = 0;
        let tooMany = recoveryItems.length;
        while (tooMany - fits > 1) {
            const middle = Math.floor((fits + tooMany) / 2);
            showFirst(middle);
            if (overflows()) {
                tooMany = middle;
            } else {
                fits = middle;
            }
        }
        showFirst(fits);
    }
    window.addEventListener("resize", fitNames);

    // Long prompts get smaller type (see present.css) instead of a taller prompt area.
    function sizePrompt(li) {
        const length = li.textContent.length;
        li.classList.toggle("is-long", length > 120 && length <= 240);
        li.classList.toggle("is-very-long", length > 240);
    }
    promptList.querySelectorAll("li").forEach(sizePrompt);

    // "Since last time": the movement matrix and churn, hidden until revealed like the zone numbers,
    // with lost customers' names only while names are shown.
    const since = document.getElementById("since");
    const results = document.querySelector(".results");
    const viewToggle = document.getElementById("view-toggle");
    function drawSince(tally) {
        const movement = tally.movement;
        document.getElementById("since-hidden").hidden = tally.revealed;
        document.getElementById("since-first").hidden = !tally.revealed || movement !== null;
        document.getElementById("since-numbers").hidden = !tally.revealed || movement === null;
        if (!tally.revealed || movement === null) {
            return;
        }
        document.getElementById("since-summary").textContent =
            movement.leftRecovery + " out of Recovery (" + movement.recoveryToSurprises + " straight to Surprises), " +
            movement.intoRecovery + " into Recovery · " + movement.up + " up, " + movement.same + " same, " + movement.down +
            " down, of " + movement.compared + " customers on the list both times";
        const rows = document.querySelectorAll("#since-matrix tbody tr");
        movement.matrix.forEach(function (counts, was) {
            const cells = rows[was].querySelectorAll("td");
            counts.forEach(function (count, now) { cells[now].textContent = String(count); });
        });
        const churn = tally.churn;
        document.getElementById("since-churn").textContent = churn
            ? "Churn: " + churn.lost + " of " + churn.base + " customers lost (" + Math.round(churn.rate * 1000) / 10 + " %)" +
              (churn.unforeseen > 0 ? " · " + churn.unforeseen + " not seen coming" : "")
            : "";
        const lost = tally.showCustomerNames && churn ? churn.customers : [];
        document.getElementById("since-lost").replaceChildren(...lost.map(function (c) {
            const li = document.createElement("li");
            li.textContent = c.customer + " (last time " + c.lastZone + ")";
            return li;
        }));
    }
    viewToggle.addEventListener("click", function () {
        const showSince = since.hidden;
        since.hidden = !showSince;
        results.hidden = showSince;
        viewToggle.setAttribute("aria-pressed", String(showSince));
        viewToggle.textContent = showSince ? "Team tally" : "Since last time";
        fitNames();
    });

    function setToggle(buttonId, field, on, onLabel, offLabel) {
        const button = document.getElementById(buttonId);
        button.textContent = on ? onLabel : offLabel;
        button.form.querySelector('input[name="' + field + '"]').value = on ? "false" : "true";
    }

    function drawPrompts(prompts) {
        const items = prompts.map(function (text) {
            const li = document.createElement("li");
            li.textContent = text;
            sizePrompt(li);
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
