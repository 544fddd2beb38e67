// Requests: filterable table and the create form (every field); the detail opens on demand.

import { api, withQuery } from "../api.js";
import { badge, clear, debounce, el, preservingFocus, toast } from "../dom.js";
import { clearErrors, generalMessage, readForm, setupDialog, showErrors } from "../forms.js";
import { fmt, label, t } from "../i18n.js";
import {
  ensureExecutors, executorName, fillExecutorSelect, pager, rememberRequest, setCount,
} from "./shared.js";

export function createRequests({ showDetail, afterChange }) {
  const filters = document.getElementById("request-filters");
  const tbody = document.querySelector("#request-table tbody");
  const dialog = document.getElementById("request-dialog");
  const form = document.getElementById("request-form");
  const modal = setupDialog(dialog);
  const paging = pager("request-pager", () => load());

  async function load() {
    fillExecutorSelect(document.getElementById("rf-executor"));
    const params = Object.fromEntries(new FormData(filters));
    const page = await api("GET", withQuery("/api/requests", { ...params, limit: paging.state.limit, offset: paging.state.offset }));
    page.items.forEach(rememberRequest);
    await ensureExecutors(page.items.map((item) => item.assigned_executor_id));
    preservingFocus(tbody, () => render(page.items));
    paging.update(page.total, page.items.length, (offset, shown, total) =>
      t("pager.info", { from: total ? offset + 1 : 0, to: offset + shown, total }));
    if (!Object.values(params).some(Boolean)) setCount("requests", page.total);
  }

  function render(items) {
    clear(tbody);
    if (!items.length) {
      tbody.append(el("tr", {}, el("td", { class: "empty", colSpan: 8, text: t("common.nothing_found") })));
      return;
    }
    items.forEach((request) => tbody.append(row(request)));
  }

  function row(request) {
    const actions = el("div", { class: "actions" },
      el("button", {
        type: "button", class: "button small", text: t("request.why"),
        attrs: { "aria-label": `${t("request.why")}: ${request.title}` },
        on: { click: () => showDetail(request.id) },
      }));
    if (request.status === "pending") {
      actions.append(el("button", {
        type: "button", class: "button small", text: t("request.assign_now"),
        dataset: { focusKey: `assign-${request.id}` },
        attrs: { "aria-label": `${t("request.assign_now")}: ${request.title}` },
        on: { click: () => assignNow(request) },
      }));
    }
    return el("tr", { dataset: { id: request.id } },
      el("td", {},
        el("button", {
          type: "button", class: "link-button cell-main", text: request.title,
          dataset: { focusKey: `open-${request.id}` }, on: { click: () => showDetail(request.id) },
        }),
        request.required_skills.length ? el("span", { class: "cell-sub", text: request.required_skills.join(", ") }) : null),
      el("td", { class: "nowrap", text: label("category.", request.category) }),
      el("td", {}, badge(request.priority, "priority.")),
      el("td", {}, badge(request.status, "rstatus.")),
      el("td", { text: request.assigned_executor_id ? executorName(request.assigned_executor_id) : "–" }),
      el("td", { class: "nowrap", text: fmt.dateTime(request.deadline) }),
      el("td", { class: "nowrap", text: fmt.dateTime(request.created_at) }),
      el("td", {}, actions));
  }

  async function assignNow(request) {
    try {
      const detail = await api("POST", `/api/requests/${request.id}/assign`, {});
      toast(detail.assignment
        ? t("request.assigned_to", { name: executorName(detail.assignment.executor_id) })
        : t("request.still_waiting"));
      await afterChange();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = readForm(form);
    for (const key of ["timezone_preference", "deadline"]) if (data[key] === null) delete data[key];
    const autoAssign = form.elements.namedItem("auto_assign").checked;
    try {
      const detail = await api("POST", withQuery("/api/requests", { auto_assign: autoAssign }), data);
      rememberRequest(detail);
      dialog.close();
      toast(t("request.created", { title: detail.title }));
      await afterChange();
      showDetail(detail.id, detail);
    } catch (error) {
      showErrors(form, error);
    }
  });

  document.getElementById("request-new").addEventListener("click", () => {
    form.reset();
    clearErrors(form);
    modal.open();
    form.elements.namedItem("title").focus();
  });
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
