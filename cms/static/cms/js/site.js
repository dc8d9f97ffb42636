/* Progressive enhancement only: every feature works without this file. */
(function () {
    "use strict";

    // Phone: the header's search and menus, and a list's filters (unless some
    // are in use), fold behind a button. Without script the buttons stay hidden
    // and everything stays open; on a wider screen everything is open again.
    var phone = window.matchMedia("(max-width: 40rem)");
    var folds = Array.prototype.slice.call(document.querySelectorAll("[data-fold]"));
    function foldTargets(button) {
        return button.getAttribute("aria-controls").split(" ").map(function (id) {
            return document.getElementById(id);
        }).filter(Boolean);
    }
    function setFold(button, open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        foldTargets(button).forEach(function (target) { target.hidden = !open; });
    }
    function applyFolds() {
        folds.forEach(function (button) {
            button.hidden = !phone.matches;
            setFold(button, !phone.matches || button.hasAttribute("data-fold-open"));
        });
    }
    folds.forEach(function (button) {
        button.addEventListener("click", function () {
            setFold(button, button.getAttribute("aria-expanded") !== "true");
        });
    });
    applyFolds();
    if (phone.addEventListener) { phone.addEventListener("change", applyFolds); }

    // Videos: nothing is loaded from the provider until the reader clicks play.
    document.querySelectorAll("[data-video]").forEach(function (figure) {
        var button = figure.querySelector(".video__play");
        var url = figure.getAttribute("data-embed-url");
        if (!button || !url) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var iframe = document.createElement("iframe");
            iframe.src = url;
            iframe.title = figure.getAttribute("data-title") || "";
            iframe.className = "video__frame";
            iframe.allow = "autoplay; fullscreen; picture-in-picture";
            iframe.setAttribute("allowfullscreen", "");
            var placeholder = figure.querySelector(".video__placeholder");
            placeholder.replaceWith(iframe);
            iframe.focus();
        });
    });

    // Share: copy the page's address. Without script the button stays hidden
    // and the other share links work as they are.
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        if (!navigator.clipboard) { return; }
        var status = button.closest("section").querySelector("[data-copy-status]");
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
                if (status) { status.textContent = button.getAttribute("data-copied") || ""; }
            });
        });
    });

    // Feedback: answer without reloading, then move focus to the thank-you text.
    document.querySelectorAll("[data-feedback]").forEach(function (section) {
        var body = section.querySelector("[data-feedback-body]");
        var errorBox = section.querySelector("[data-feedback-error]");

        function post(form, submitter) {
            var data = new FormData(form);
            if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
            errorBox.textContent = "";
            return fetch(form.action, {
                method: "POST",
                body: data,
                headers: { "Accept": "application/json" },
                credentials: "omit"
            }).then(function (response) {
                return response.json().then(function (json) {
                    if (!response.ok || !json.ok) { throw new Error(json.message || ""); }
                    return json;
                });
            });
        }

        function focusThanks() {
            var thanks = body.querySelector("[data-feedback-focus]");
            if (thanks) { thanks.focus(); }
        }

        function bindComment() {
            var form = body.querySelector("[data-feedback-comment]");
            if (!form) { return; }
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                post(form, event.submitter).then(function (json) {
                    body.innerHTML = "";
                    var thanks = document.createElement("p");
                    thanks.className = "feedback__thanks";
                    thanks.tabIndex = -1;
                    thanks.setAttribute("data-feedback-focus", "");
                    thanks.textContent = json.message;
                    body.appendChild(thanks);
                    focusThanks();
                }).catch(function (error) { errorBox.textContent = error.message; });
            });
        }

        var answerForm = body.querySelector("[data-feedback-answer]");
        var template = body.querySelector("[data-feedback-comment-template]");
        if (answerForm && template) {
            body.setAttribute("aria-live", "polite");
            answerForm.addEventListener("submit", function (event) {
                event.preventDefault();
                post(answerForm, event.submitter).then(function (json) {
                    var fragment = template.content.cloneNode(true);
                    fragment.querySelector("[data-feedback-token]").value = json.token;
                    fragment.querySelector("[data-feedback-focus]").textContent = json.message;
                    body.innerHTML = "";
                    body.appendChild(fragment);
                    bindComment();
                    focusThanks();
                }).catch(function (error) { errorBox.textContent = error.message; });
            });
        } else {
            bindComment();
            // After a no-JavaScript round trip the thank-you text takes the focus.
            if (window.location.hash === "#feedback") { focusThanks(); }
        }
    });
})();
