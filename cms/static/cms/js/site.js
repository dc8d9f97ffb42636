/* Progressive enhancement only: every feature works without this file. */
(function () {
    "use strict";

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
})();
