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

/*
 * Date and time pickers (Wagtail's jQuery datetimepicker), e.g. in the scheduling
 * dialog: a picker never lingers over the next field or the "Spara schema"
 * button, and Escape closes the picker only, not the whole dialog (which would
 * throw away the typed go-live time).
 */
(() => {
  const COMPLETE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

  function hasPicker(element) {
    return (
      element instanceof HTMLInputElement &&
      window.jQuery &&
      Boolean(window.jQuery(element).data("xdsoft_datetimepicker"))
    );
  }

  function openPickers() {
    // (offsetParent is null inside the fixed-position dialog, shown or not.)
    return Array.from(document.querySelectorAll(".xdsoft_datetimepicker")).filter(
      (picker) => getComputedStyle(picker).display !== "none",
    );
  }

  function hide(input) {
    window.jQuery(input).datetimepicker("hide");
  }

  // On window, capturing: before the dialog's own Escape handler on document.
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape" || openPickers().length === 0) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (hasPicker(document.activeElement)) hide(document.activeElement);
      openPickers().forEach((picker) => {
        picker.style.display = "none";
      });
    },
    true,
  );

  document.addEventListener("focusout", (event) => {
    if (hasPicker(event.target)) hide(event.target);
  });

  document.addEventListener("input", (event) => {
    if (hasPicker(event.target) && COMPLETE.test(event.target.value.trim())) {
      hide(event.target);
    }
  });
})();
