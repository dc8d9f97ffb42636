// The klarspråk rules of Wagtail's checker (cms/plain_language/userbar.py) select
// what the server marked in the previewed page; this check only has to report
// them. Registered before the page's "load" event, when Wagtail configures Axe.
(function () {
  var userbar = document.querySelector("wagtail-userbar");
  if (userbar && typeof userbar.registerCheck === "function") {
    userbar.registerCheck("cms-plain-language-flag", function () {
      return false;
    });
  }
})();
