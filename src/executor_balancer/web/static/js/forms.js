// Form helpers: read typed values, fill from an object, show API errors next to their field.

import { fieldErrors } from "./api.js";
import { t } from "./i18n.js";

export function splitList(text) {
  return String(text || "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A datetime-local value (the user's local time) as ISO 8601 with the offset, or null. */
function toIso(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The reverse: an ISO timestamp as a datetime-local value in the user's time zone. */
function toLocalInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Read named controls into an object, typed by data-kind (list, number, int, datetime, bool).
 * Empty optional controls are left out, or sent as null when data-nullable (so an edit can clear).
 */
export function readForm(form) {
  const data = {};
  for (const control of form.elements) {
    const name = control.name;
    if (!name || control.disabled || control.dataset.kind === "query" || control.closest("[data-rows]")) continue;
    if (control.type === "radio" && !control.checked) continue;
    const kind = control.dataset.kind;
    const nullable = control.dataset.nullable === "true";
    const raw = control.type === "checkbox" ? control.checked : control.value;
    if (kind === "bool" || control.type === "checkbox") {
      data[name] = Boolean(raw);
    } else if (kind === "list") {
      data[name] = splitList(raw);
    } else if (raw === "" || raw === null) {
      if (nullable) data[name] = null;
    } else if (kind === "number") {
      data[name] = Number(raw);
    } else if (kind === "int") {
      data[name] = Number.parseInt(raw, 10);
    } else if (kind === "datetime") {
      data[name] = toIso(raw);
    } else {
      data[name] = raw;
    }
  }
  return data;
}

export function fillForm(form, values) {
  for (const control of form.elements) {
    const name = control.name;
    if (!name || !(name in values) || control.closest("[data-rows]")) continue;
    const value = values[name];
    if (control.type === "checkbox") control.checked = Boolean(value);
    else if (control.type === "radio") control.checked = control.value === value;
    else if (control.dataset.kind === "list") control.value = (value || []).join(", ");
    else if (control.dataset.kind === "datetime") control.value = toLocalInput(value);
    else control.value = value === null || value === undefined ? "" : value;
  }
}

function errorSlot(form, name) {
  const control = form.elements.namedItem(name);
  const element = control && control.id ? control : null;
  return element ? { control: element, slot: document.getElementById(`${element.id}-error`) } : null;
}

export function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((node) => { node.textContent = ""; });
  form.querySelectorAll('[aria-invalid="true"]').forEach((node) => node.removeAttribute("aria-invalid"));
  const box = form.querySelector(".form-error");
  if (box) box.textContent = "";
}

/** Human text for errors that belong to no field (network, auth, server). */
export function generalMessage(error) {
  if (!error || error.status === undefined) return t("error.unexpected");
  if (error.status === 0) return t("error.network");
  if (error.status === 401) return t("error.unauthorized");
  if (error.status === 403) return t("error.forbidden");
  if (error.status === 404) return t("error.not_found");
  if (error.status >= 500) return t("error.server");
  return typeof error.detail === "string" ? error.detail : error.message;
}

/** Show an API error in a form: per field where the error names one, else at the top. */
export function showErrors(form, error, extraFields = []) {
  clearErrors(form);
  const names = Array.from(form.elements).map((control) => control.name).filter(Boolean);
  const { fields, general } = fieldErrors(error, [...names, ...extraFields]);
  let first = null;
  for (const [name, messages] of Object.entries(fields)) {
    const target = errorSlot(form, name);
    if (!target || !target.slot) {
      general.push(...messages.map((m) => `${name}: ${m}`));
      continue;
    }
    target.slot.textContent = messages.join(" ");
    target.control.setAttribute("aria-invalid", "true");
    first = first || target.control;
  }
  const box = form.querySelector(".form-error");
  if (general.length || !first) {
    const text = Array.isArray(error.detail) || error.status === 409 || error.status === 422
      ? general.join(" ") || generalMessage(error)
      : generalMessage(error);
    if (box) box.textContent = text;
  }
  (first || box)?.focus?.();
  if (!first && box) box.scrollIntoView({ block: "nearest" });
  return fields;
}

/** Wire [data-close] buttons and keep focus sensible when a dialog closes. */
export function setupDialog(dialog) {
  dialog.querySelectorAll("[data-close]").forEach((button) => button.addEventListener("click", () => dialog.close()));
  let opener = null;
  dialog.addEventListener("close", () => {
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  });
  return {
    open() {
      opener = document.activeElement;
      if (!dialog.open) dialog.showModal();
    },
  };
}
