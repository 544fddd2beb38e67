// Assignment lifecycle actions (start, complete with outcome, reject / cancel with reason).

import { api } from "../api.js";
import { toast } from "../dom.js";
import { clearErrors, generalMessage, setupDialog, showErrors } from "../forms.js";
import { t } from "../i18n.js";

export function createActions({ afterChange }) {
  const dialog = document.getElementById("action-dialog");
  const form = document.getElementById("action-form");
  const outcome = document.getElementById("action-outcome");
  const reason = document.getElementById("action-reason");
  const modal = setupDialog(dialog);
  let pending = null;

  async function post(assignment, action, body) {
    const updated = await api("POST", `/api/assignments/${assignment.id}/${action}`, body);
    toast(t(`action.${action}.done`));
    await afterChange(updated);
    return updated;
  }

  /** Run an action; those that need an answer (outcome, reason) ask in a dialog first. */
  async function run(assignment, action) {
    if (action === "start") {
      try {
        await post(assignment, "start");
      } catch (error) {
        toast(generalMessage(error), "error");
      }
      return;
    }
    pending = { assignment, action };
    form.reset();
    clearErrors(form);
    document.getElementById("action-title").textContent = t(`action.${action}.title`);
    document.getElementById("action-text").textContent = t(`action.${action}.text`);
    document.getElementById("action-submit").textContent = t(`action.${action}`);
    outcome.hidden = action !== "complete";
    reason.hidden = action === "complete";
    modal.open();
    (action === "complete" ? outcome.querySelector("input") : form.elements.namedItem("reason")).focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!pending) return;
    const { assignment, action } = pending;
    const body = action === "complete"
      ? { outcome: form.elements.namedItem("outcome").value }
      : (form.elements.namedItem("reason").value.trim() ? { reason: form.elements.namedItem("reason").value.trim() } : {});
    try {
      await post(assignment, action, body);
      pending = null;
      dialog.close();
    } catch (error) {
      showErrors(form, error);
    }
  });

  return { run };
}

/** Which actions an assignment in this status allows. */
export function actionsFor(status) {
  if (status === "assigned") return ["start", "reject", "cancel"];
  if (status === "in_progress") return ["complete", "reject", "cancel"];
  return [];
}
