/*
 * The page and snippet editors: no autosave once the editor is submitting.
 *
 * Upstream (Wagtail 8.0): the autosave controller posts the whole form 0.5 s after
 * its data changes. Clicking a workflow button ("Godkänn och publicera") adds two
 * hidden inputs to the form (workflow-action.js), which is such a change, so the
 * click was posted twice: once by the form, once by an autosave carrying the same
 * action. An autosave already waiting when a button is clicked races the submission
 * too. This cancels every autosave from the moment the form is submitted, and any
 * that carries an action; cms.editorial.views refuses the rest on the server.
 */
(() => {
  const ACTION_FIELDS = [
    "action-publish",
    "action-submit",
    "action-workflow-action",
    "workflow-action-name",
    "action-restart-workflow",
    "action-cancel-workflow",
  ];
  let submitting = false;

  function stopAutosave(form) {
    const app = window.wagtail && window.wagtail.app;
    const controller =
      app && app.getControllerForElementAndIdentifier(form, "w-autosave");
    if (!controller) return;
    controller.activeValue = false;
    if (controller.submit && typeof controller.submit.cancel === "function") {
      controller.submit.cancel();
    }
  }

  document.addEventListener(
    "submit",
    (event) => {
      if (event.target.matches("[data-edit-form]")) {
        submitting = true;
        stopAutosave(event.target);
      }
    },
    true,
  );

  document.addEventListener("w-autosave:save", (event) => {
    const data = event.detail && event.detail.formData;
    const carriesAction =
      data && ACTION_FIELDS.some((name) => data.has(name));
    if (submitting || carriesAction) event.preventDefault();
  });
})();
