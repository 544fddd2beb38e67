// Executors: filterable table, create / edit / delete form, status toggle, load bars.

import { api, withQuery } from "../api.js";
import { bar, badge, chips, clear, debounce, el, preservingFocus, toast } from "../dom.js";
import { clearErrors, fillForm, readForm, setupDialog, showErrors, generalMessage } from "../forms.js";
import { fmt, label, t } from "../i18n.js";
import { confirmDialog, forgetExecutor, pager, rememberExecutor, setCount } from "./shared.js";

const DEFAULTS = {
  name: "", email: "", role: "support", status: "active", skills: [], languages: [],
  timezone: "Europe/Moscow", experience_years: 0, daily_limit: 10, capacity: null,
  success_rate: 0.8, weight: 1,
};

export function createExecutors() {
  const filters = document.getElementById("executor-filters");
  const tbody = document.querySelector("#executor-table tbody");
  const dialog = document.getElementById("executor-dialog");
  const form = document.getElementById("executor-form");
  const title = document.getElementById("executor-dialog-title");
  const modal = setupDialog(dialog);
  const paging = pager("executor-pager", () => load());
  let editing = null;

  async function load() {
    const params = Object.fromEntries(new FormData(filters));
    const page = await api("GET", withQuery("/api/executors", { ...params, limit: paging.state.limit, offset: paging.state.offset }));
    page.items.forEach(rememberExecutor);
    preservingFocus(tbody, () => render(page.items));
    paging.update(page.total, page.items.length, (offset, shown, total) =>
      t("pager.info", { from: total ? offset + 1 : 0, to: offset + shown, total }));
    if (!Object.values(params).some(Boolean)) setCount("executors", page.total);
  }

  function render(items) {
    clear(tbody);
    if (!items.length) {
      tbody.append(el("tr", {}, el("td", { class: "empty", colSpan: 9, text: t("common.nothing_found") })));
      return;
    }
    items.forEach((executor) => tbody.append(row(executor)));
  }

  function row(executor) {
    const slots = executor.capacity ?? executor.daily_limit;
    const toggleTo = executor.status === "active" ? "offline" : "active";
    return el("tr", { dataset: { id: executor.id } },
      el("td", {},
        el("button", {
          type: "button", class: "link-button cell-main", text: executor.name,
          dataset: { focusKey: `edit-${executor.id}` }, on: { click: () => openEdit(executor) },
        }),
        el("span", { class: "cell-sub", text: executor.email })),
      el("td", { class: "nowrap", text: label("role.", executor.role) }),
      el("td", {}, badge(executor.status, "status.")),
      el("td", {}, chips(executor.skills, 4)),
      el("td", {}, chips(executor.languages, 4)),
      el("td", {}, bar(executor.current_load, slots, t("executor.load_of", { used: executor.current_load, limit: slots }))),
      el("td", {}, bar(executor.assigned_today, executor.daily_limit,
        t("executor.load_of", { used: executor.assigned_today, limit: executor.daily_limit }))),
      el("td", { class: "num", text: fmt.percent(executor.success_rate) }),
      el("td", {}, el("div", { class: "actions" },
        el("button", {
          type: "button", class: "button small", text: t(`executor.set_${toggleTo}`),
          dataset: { focusKey: `toggle-${executor.id}` },
          attrs: { "aria-label": `${t(`executor.set_${toggleTo}`)}: ${executor.name}` },
          on: { click: () => setStatus(executor, toggleTo) },
        }),
        el("button", {
          type: "button", class: "button small", text: t("common.edit"),
          attrs: { "aria-label": `${t("common.edit")}: ${executor.name}` }, on: { click: () => openEdit(executor) },
        }),
        el("button", {
          type: "button", class: "button small", text: t("common.delete"),
          attrs: { "aria-label": `${t("common.delete")}: ${executor.name}` }, on: { click: () => remove(executor) },
        }))));
  }

  async function setStatus(executor, status) {
    try {
      const updated = await api("PATCH", `/api/executors/${executor.id}`, { status });
      rememberExecutor(updated);
      toast(t("executor.status_changed", { name: updated.name, status: label("status.", updated.status) }));
      await load();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  async function remove(executor) {
    const yes = await confirmDialog(t("executor.confirm_delete", { name: executor.name }), t("common.delete"));
    if (!yes) return;
    try {
      await api("DELETE", `/api/executors/${executor.id}`);
      forgetExecutor(executor.id);
      toast(t("executor.deleted", { name: executor.name }));
      await load();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  function open(executor) {
    editing = executor;
    form.reset();
    clearErrors(form);
    fillForm(form, executor || DEFAULTS);
    title.textContent = executor ? title.dataset.titleEdit : title.dataset.titleNew;
    modal.open();
    form.elements.namedItem("name").focus();
  }

  const openEdit = (executor) => open(executor);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = readForm(form);
    if (!("capacity" in data)) data.capacity = null;
    try {
      let saved;
      if (editing) {
        // success_rate becomes derived once work is completed: send it only when changed.
        if (data.success_rate === editing.success_rate) delete data.success_rate;
        saved = await api("PUT", `/api/executors/${editing.id}`, data);
      } else {
        saved = await api("POST", "/api/executors", data);
      }
      rememberExecutor(saved);
      dialog.close();
      toast(t(editing ? "executor.saved" : "executor.created", { name: saved.name }));
      await load();
    } catch (error) {
      showErrors(form, error);
    }
  });

  document.getElementById("executor-new").addEventListener("click", () => open(null));
  const refilter = debounce(() => {
    paging.reset();
    load();
  }, 250);
  filters.addEventListener("input", refilter);
  filters.addEventListener("change", refilter);
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    refilter();
  });

  return { load };
}
