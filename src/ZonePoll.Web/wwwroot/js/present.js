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
        // The hub sends a screen's worth of names; the Recovery count says how many there are.
        const recoveryZone = tally.zones.find(function (zone) { return zone.zone === "Recovery"; });
        recoveryTotal = recoveryZone ? recoveryZone.count : recoveryItems.length;
        revealed = tally.revealed;
        namesShown = tally.revealed && tally.showCustomerNames && tally.recovery.length > 0;
        promptViews = tally.promptViews;

        drawSince(tally);
        drawActions(tally);
        // Drawing the prompts draws the current one's data, or the bars and names when it shows the tally.
        drawPrompts(tally.prompts);
        setToggle("reveal-toggle", "revealed", tally.revealed, "Hide numbers", "Reveal numbers");
        setToggle("names-toggle", "show", tally.showCustomerNames, "Hide names", "Show names");
        // Drawing the prompts fitted every list to the new snapshot's layout.
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

    // The Actions view and the strip under the bars. Actions are no zone numbers, so they show before the reveal too;
    // the customer only while names are shown to the room, as the reps' own snapshot has it (ActionSummary.ForRep).
    let actionItems = [];
    let lastItems = [];
    let lastTotal = 0;
    function shortDate(iso, withYear) {
        const options = { day: "numeric", month: "short", timeZone: "UTC" };
        if (withYear) {
            options.year = "numeric";
        }
        return new Date(iso + "T00:00:00Z").toLocaleDateString("en-GB", options);
    }
    function actionItem(action, names, meetingYear) {
        const li = document.createElement("li");
        li.className = "action" + (action.done ? " is-done" : action.overdue ? " is-overdue" : "");
        const mark = document.createElement("span");
        mark.className = "action-mark";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = action.done ? "\u2713" : "";
        const state = document.createElement("span");
        state.className = "visually-hidden";
        state.textContent = action.done ? "Done: " : "Open: ";
        const text = document.createElement("span");
        text.className = "action-text";
        text.textContent = action.text;
        const due = "by " + shortDate(action.dueOn, Number(action.dueOn.slice(0, 4)) !== meetingYear) + (action.overdue ? ", overdue" : "");
        const meta = document.createElement("span");
        meta.className = "action-meta";
        meta.textContent = [action.owner, due]
            .concat(names && action.customer ? [action.customer] : [])
            .concat(action.prompt ? ["from \u201c" + action.prompt + "\u201d"] : [])
            .join(" \u00b7 ");
        const words = document.createElement("span");
        words.className = "action-words";
        words.append(text, meta);
        li.append(mark, state, words);
        li.title = action.text + "\n" + meta.textContent;
        return li;
    }
    // The same words as PresentModel.ActionsLine on the server.
    function actionsLine(actions) {
        const agreed = actions.items.length;
        if (agreed === 0 && !actions.lastTime) {
            return "";
        }
        const line = agreed === 0 ? "Actions: none agreed yet" : "Actions: " + agreed + " agreed" + (actions.done > 0 ? ", " + actions.done + " done" : "");
        return actions.lastTime ? line + " \u00b7 Last time's actions: " + actions.lastTime.done + " of " + actions.lastTime.total + " done" : line;
    }
    function drawActions(tally) {
        const actions = tally.actions;
        const names = tally.revealed && tally.showCustomerNames;
        const year = Number(tally.date.slice(0, 4));
        const line = actionsLine(actions);
        const strip = document.getElementById("actions-line");
        strip.textContent = line;
        strip.hidden = line === "";

        const agreed = actions.items.length;
        document.getElementById("actions-count").textContent = agreed === 0 ? "" : "(" + agreed + ")";
        document.getElementById("actions-none").hidden = agreed > 0;
        // Newest first: the one just agreed is the one the room is looking for, never hidden under "+N more".
        actionItems = actions.items.slice().reverse().map(function (a) { return actionItem(a, names, year); });

        const last = actions.lastTime;
        const heading = document.getElementById("actions-last-heading");
        const about = document.getElementById("actions-last-meeting");
        lastItems = [];
        lastTotal = 0;
        if (!last) {
            heading.textContent = "Last time's actions";
            about.textContent = "No earlier meeting agreed any actions.";
            return;
        }
        heading.textContent = "Last time's actions: " + last.done + " of " + last.total + " done";
        const open = last.total - last.done;
        about.textContent = last.title + ", " + shortDate(last.date, true) + ": " +
            (open === 0 ? "every one is done." : open === 1 ? "this one is still open." : "these " + open + " are still open.");
        lastItems = last.open.map(function (a) { return actionItem(a, names, year); });
        lastTotal = open;
    }

    // Shows as many of a list's items (most telling first) as fit the space the layout leaves it, and "+N more" for
    // the rest, so a long list never pushes the prompt and the controls off the screen.
    // total counts items the snapshot left out too (it sends a long story's first rows only).
    function fitList(list, items, total) {
        total = Math.max(total || 0, items.length);
        const more = document.createElement("li");
        more.className = "more";
        const showFirst = function (shown) {
            more.textContent = "+" + (total - shown) + " more";
            list.replaceChildren(...items.slice(0, shown), ...(shown < total ? [more] : []));
        };
        const overflows = function () { return list.scrollHeight > list.clientHeight; };
        items.forEach(function (item) { item.classList.remove("one-line"); });
        showFirst(items.length);
        if (list.closest("[hidden]") || !overflows()) {
            return;
        }
        // The most items that still fit with the "+N more" line: a binary search, one layout per step.
        let fits = 0;
        let tooMany = items.length;
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
        // Sub-pixel rounding can leave the last line a pixel over: give up items until nothing is cut.
        while (fits > 0 && overflows()) {
            fits--;
            showFirst(fits);
        }
        // Not even the first item fits, wrapped as it is (a lone lost customer's line takes two or three): show it on
        // one line, cut with an ellipsis, so the room reads a name rather than only "+1 more".
        if (fits === 0 && items.length > 0) {
            items[0].classList.add("one-line");
            showFirst(1);
            if (overflows()) {
                items[0].classList.remove("one-line");
                showFirst(0);
            }
        }
    }

    // A long prompt (up to 400 characters) gets smaller type until it fits the room the layout gives the prompt,
    // instead of taking the view's room or being cut.
    function fitPrompt() {
        const li = promptList.querySelector("li:not([hidden])");
        if (!li) {
            return;
        }
        li.style.fontSize = "";
        let scale = 1;
        while (promptList.scrollHeight > promptList.clientHeight + 1 && scale > 0.3) {
            scale *= 0.9;
            li.style.fontSize = scale + "em";
        }
    }

    // What the current prompt shows in place of the bars (null: the bars), drawn from the snapshot's promptViews.
    let revealed = false;
    let namesShown = false;
    let promptViews = [];
    let dataItems = [];
    let dataTotal = 0;
    function drawPromptData() {
        const view = revealed && currentView === "prompt" ? promptViews[promptIndex] || null : null;
        const on = view !== null;
        document.getElementById("prompt-data").hidden = !on;
        document.getElementById("bars").hidden = !revealed || on;
        document.getElementById("recovery-names").hidden = !namesShown || on;
        document.querySelector(".results").classList.toggle("with-names", namesShown && !on);
        document.querySelector(".results").classList.toggle("with-data", on);
        dataItems = [];
        dataTotal = 0;
        if (!on) {
            return;
        }
        document.getElementById("prompt-data").dataset.show = view.show;
        document.getElementById("prompt-data-heading").textContent = view.heading;
        const note = document.getElementById("prompt-data-note");
        note.textContent = view.note || "";
        note.hidden = !view.note;
        dataItems = view.lines.map(function (line) {
            const li = document.createElement("li");
            li.textContent = line;
            li.title = line;
            return li;
        });
        // With names off there are no lines and the heading already has the count: "+N more" under the note would say it twice.
        dataTotal = view.lines.length === 0 ? 0 : view.lines.length + view.more;
    }

    let recoveryItems = Array.from(document.querySelectorAll("#recovery-list li"));
    let recoveryTotal = recoveryItems.length;
    let storyItems = new Map();
    let lostItems = [];
    let lostTotal = 0;
    function fitAll() {
        // The prompt first: what it leaves is the view's room.
        fitPrompt();
        fitList(document.getElementById("recovery-list"), recoveryItems, recoveryTotal);
        for (const [list, story] of storyItems) {
            fitList(list, story.items, story.total);
        }
        fitList(document.getElementById("since-lost"), lostItems, lostTotal);
        fitList(document.getElementById("prompt-data-list"), dataItems, dataTotal);
        fitList(document.getElementById("actions-list"), actionItems);
        fitList(document.getElementById("actions-last-list"), lastItems, lastTotal);
    }
    window.addEventListener("resize", fitAll);

    // "Since last time": the movement matrix and churn, hidden until revealed like the zone numbers; the customers
    // and reps behind them only while names are shown, their counts otherwise.
    // "Prompt data" is the tally's section with the current prompt's data in place of the bars.
    const views = {
        tally: document.getElementById("results"),
        since: document.getElementById("since"),
        prompt: document.getElementById("results"),
        actions: document.getElementById("actions"),
    };
    let currentView = "tally";
    const viewButtons = Array.from(document.querySelectorAll(".view-button"));
    const nowrapSpace = "\u00a0";
    const zoneWords = { Recovery: "Recovery", Expectations: "Expectations", Surprises: "Surprises" };
    function storyItem(text, who) {
        const li = document.createElement("li");
        li.append(text);
        if (who) {
            const span = document.createElement("span");
            span.className = "who";
            span.textContent = " · " + who;
            li.append(span);
        }
        li.title = li.textContent;
        return li;
    }
    function moveItem(move) {
        // A rep's own move the team count does not show (another rep keeps the customer lower) says so.
        const who = move.reps.length === 0 ? "team count"
            : move.reps.join(", ") + (move.team ? "" : ", own list only");
        const text = move.group === "Down" ? move.customer + ": " + zoneWords[move.was] + " → " + zoneWords[move.now] : move.customer;
        return storyItem(text, who);
    }
    function drawSince(tally) {
        const movement = tally.movement;
        document.getElementById("since-hidden").hidden = tally.revealed;
        document.getElementById("since-first").hidden = !tally.revealed || movement !== null;
        document.getElementById("since-numbers").hidden = !tally.revealed || movement === null;
        storyItems = new Map();
        lostItems = [];
        lostTotal = 0;
        if (!tally.revealed || movement === null) {
            document.getElementById("since-date").textContent = "";
            return;
        }
        document.getElementById("since-date").textContent = "(" + new Date(movement.previousDate + "T00:00:00Z")
            .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) + ")";
        document.getElementById("since-summary").textContent =
            "Team count: " + movement.leftRecovery + " out of Recovery, " +
            movement.intoRecovery + " into Recovery · " + movement.up + " up, " + movement.same + " same, " + movement.down +
            " down, of " + movement.compared + " customers on the list both times (each in its lowest zone)";
        const rows = document.querySelectorAll("#since-matrix tbody tr");
        movement.matrix.forEach(function (counts, was) {
            const cells = rows[was].querySelectorAll("td");
            counts.forEach(function (count, now) { cells[now].textContent = String(count); });
        });

        const story = movement.story;
        const counts = {
            StraightToSurprises: story.straightToSurprises,
            RecoveryToExpectations: story.recoveryToExpectations,
            ExpectationsToSurprises: story.expectationsToSurprises,
            Down: story.down,
        };
        const names = tally.showCustomerNames;
        for (const group of document.querySelectorAll("#since-story .story-group")) {
            const key = group.dataset.group;
            group.querySelector(".story-count").textContent = "(" + counts[key] + ")";
            const moves = names ? story.moves.filter(function (m) { return m.group === key; }) : [];
            const list = group.querySelector(".story-list");
            // With names off a list with customers behind its count says so, rather than standing empty.
            list.toggleAttribute("data-names-hidden", !names && counts[key] > 0);
            storyItems.set(list, { items: moves.map(moveItem), total: names ? counts[key] : 0 });
        }

        const churn = tally.churn;
        document.getElementById("since-churn").textContent = churn
            ? "Churn: " + churn.lost + " of " + churn.base + " customers lost (" + Math.round(churn.rate * 1000) / 10 + nowrapSpace + "%)" +
              (churn.unforeseen > 0 ? " · " + churn.unforeseen + " not seen coming" : "")
            : "";
        document.getElementById("since-lost-count").textContent = "(" + (churn ? churn.lost : 0) + ")";
        document.getElementById("since-lost").toggleAttribute("data-names-hidden", !names && churn !== null && churn.lost > 0);
        lostTotal = names && churn ? churn.lost : 0;
        lostItems = (names && churn ? churn.customers : []).map(function (c) {
            return storyItem(c.customer, c.reasonLabel.toLowerCase() + ", " + c.rep + "; last time " + zoneWords[c.lastZone]);
        });
    }

    // One view at a time; the pressed button is the view on screen, whichever was clicked last.
    function showView(name) {
        currentView = name;
        for (const element of Object.values(views)) {
            element.hidden = element !== views[name];
        }
        for (const button of viewButtons) {
            button.setAttribute("aria-pressed", String(button.dataset.view === name));
        }
        drawPromptData();
        fitAll();
    }
    for (const button of viewButtons) {
        button.addEventListener("click", function () { goView(button.dataset.view); });
    }

    function setToggle(buttonId, field, on, onLabel, offLabel) {
        const button = document.getElementById(buttonId);
        button.textContent = on ? onLabel : offLabel;
        button.form.querySelector('input[name="' + field + '"]').value = on ? "false" : "true";
    }

    function drawPrompts(prompts) {
        const items = prompts.map(function (prompt) {
            const li = document.createElement("li");
            li.textContent = prompt.text;
            return li;
        });
        promptList.replaceChildren(...items);
        showPrompt(Math.min(promptIndex, Math.max(0, items.length - 1)));
    }

    function showPrompt(index) {
        const items = promptList.children;
        if (items.length === 0) {
            promptPosition.textContent = "";
            promptIndex = 0;
            drawPromptData();
            fitAll();
            return;
        }
        promptIndex = (index + items.length) % items.length;
        for (let i = 0; i < items.length; i++) {
            items[i].hidden = i !== promptIndex;
        }
        promptPosition.textContent = (promptIndex + 1) + " of " + items.length;
        drawPromptData();
        fitAll();
    }

    // Every projector of the meeting shows the same view and prompt: a step here goes through the hub like the
    // remote's, and the hub's answer (the room's state) wins. It is drawn at once here, and the hub's messages that
    // echo this page's own steps wait until the last step is answered, so a quick run of clicks never flickers back.
    let pending = 0;
    let answered = null;
    function command(method, argument) {
        if (connection.state !== signalR.HubConnectionState.Connected) {
            return;
        }
        pending++;
        connection.invoke(method, meetingId, argument)
            .then(function (view) { answered = view; })
            .catch(function () { /* drawn here anyway; the next state from the hub puts it right */ })
            .finally(function () {
                pending--;
                if (pending === 0 && answered) {
                    applyProjector(answered);
                    answered = null;
                }
            });
    }
    function goView(name) {
        showView(name);
        command("ShowView", name);
    }
    function goPrompt(step) {
        showPrompt(promptIndex + step);
        command("MovePrompt", step);
    }
    function applyProjector(view) {
        if (pending > 0) {
            answered = view;
            return;
        }
        // By name, not by what is hidden: "Prompt data" is the tally's section with the prompt's data in it.
        if (Object.hasOwn(views, view.view) && view.view !== currentView) {
            showView(view.view);
        }
        if (view.prompt !== promptIndex) {
            showPrompt(view.prompt);
        }
    }

    document.getElementById("prompt-prev").addEventListener("click", function () { goPrompt(-1); });
    document.getElementById("prompt-next").addEventListener("click", function () { goPrompt(1); });

    // Presenting: full screen where the browser allows it, and the controls out of the picture until the mouse moves.
    const presentToggle = document.getElementById("present-toggle");
    const controlsIdle = 2500;
    let idleTimer = 0;
    function setPresenting(on) {
        body.classList.toggle("presenting", on);
        presentToggle.setAttribute("aria-pressed", String(on));
        if (!on) {
            body.classList.remove("controls-shown");
        }
        fitAll();
    }
    function togglePresenting() {
        const on = !body.classList.contains("presenting");
        setPresenting(on);
        if (on && document.fullscreenEnabled && !document.fullscreenElement) {
            // Refused (no user gesture, a browser without it): presenting goes on in the window.
            document.documentElement.requestFullscreen().catch(function () { /* presenting in the window */ });
        } else if (!on && document.fullscreenElement) {
            document.exitFullscreen().catch(function () { /* already left */ });
        }
    }
    // Escape (the browser's own way out of full screen) ends presenting too.
    document.addEventListener("fullscreenchange", function () {
        if (!document.fullscreenElement && body.classList.contains("presenting")) {
            setPresenting(false);
        }
        fitAll();
    });
    function showControls() {
        if (!body.classList.contains("presenting")) {
            return;
        }
        body.classList.add("controls-shown");
        clearTimeout(idleTimer);
        idleTimer = setTimeout(function () {
            // Not while a keyboard user is in them.
            if (!document.querySelector(".controls:focus-within, .prompt-nav:focus-within")) {
                body.classList.remove("controls-shown");
            }
        }, controlsIdle);
    }
    presentToggle.addEventListener("click", togglePresenting);
    document.addEventListener("mousemove", showControls);
    document.addEventListener("focusin", showControls);

    document.addEventListener("keydown", function (event) {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement
            || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
        const view = /^[1-9]$/.test(key) ? viewButtons[Number(key) - 1] : undefined;
        // Presentation clickers send PageUp/PageDown.
        if (key === "ArrowRight" || key === "PageDown" || key === " ") {
            goPrompt(1);
        } else if (key === "ArrowLeft" || key === "PageUp") {
            goPrompt(-1);
        } else if (key === "f") {
            togglePresenting();
        } else if (key === "n") {
            document.getElementById("names-toggle").click();
        } else if (key === "r") {
            document.getElementById("reveal-toggle").click();
        } else if (view) {
            goView(view.dataset.view);
        } else {
            return;
        }
        event.preventDefault();
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
    connection.on("projector", applyProjector);
    connection.onreconnecting(function () { setStatus("Reconnecting…", false); });
    connection.onreconnected(function () { joinAndRefresh(); });
    connection.onclose(function () { setStatus("Offline, retrying…", false); setTimeout(start, 2000); });

    function joinAndRefresh() {
        return connection.invoke("Join", meetingId)
            .then(refresh)
            .then(function () { return connection.invoke("Projector", meetingId); })
            .then(applyProjector)
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
