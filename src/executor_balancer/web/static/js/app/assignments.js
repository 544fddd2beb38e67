// Assignments: list with filters and the lifecycle actions per row.

import { api, withQuery } from "../api.js";
import { badge, clear, el, preservingFocus } from "../dom.js";
import { fmt, label, t } from "../i18n.js";
import { actionsFor } from "./actions.js";
import {
  ensureExecutors, ensureRequests, executorName, fillExecutorSelect, pager, requestTitle, setCount,
} from "./shared.js";

export function createAssignments({ actions, showDetail }) {
  const filters = document.getElementById("assignment-filters");
  const executorSelect = document.getElementById("af-executor");
  const tbody = document.querySelector("#assignment-table tbody");
  const paging = pager("assignment-pager", () => load());

  async function load() {
    fillExecutorSelect(executorSelect);
    const params = Object.fromEntries(new FormData(filters));
    const page = await api("GET", withQuery("/api/assignments", { ...params, limit: paging.state.limit, offset: paging.state.offset }));
    await Promise.all([
      ensureRequests(page.items.map((a) => a.request_id)),
      ensureExecutors(page.items.map((a) => a.executor_id)),
    ]);
    preservingFocus(tbody, () => render(page.items));
    paging.update(page.total, page.items.length, (offset, shown, total) =>
      t("pager.info", { from: total ? offset + 1 : 0, to: offset + shown, total }));
    if (!Object.values(params).some(Boolean)) setCount("assignments", page.total);
  }

  function render(items) {
    clear(tbody);
    if (!items.length) {
      tbody.append(el("tr", {}, el("td", { class: "empty", colSpan: 8, text: t("common.nothing_found") })));
      return;
    }
    for (const assignment of items) {
      const buttons = actionsFor(assignment.status).map((action) => el("button", {
        type: "button", class: "button small", text: t(`action.${action}`),
        dataset: { focusKey: `${action}-${assignment.id}` },
        attrs: { "aria-label": `${t(`action.${action}`)}: ${requestTitle(assignment.request_id)}` },
        on: { click: () => actions.run(assignment, action) },
      }));
      tbody.append(el("tr", { dataset: { id: assignment.id } },
        el("td", {}, el("button", {
          type: "button", class: "link-button cell-main", text: requestTitle(assignment.request_id),
          on: { click: () => showDetail(assignment.request_id) },
        })),
        el("td", { text: executorName(assignment.executor_id) }),
        el("td", {}, badge(assignment.status, "astatus.")),
        el("td", { class: "nowrap", text: label("strategy.", assignment.strategy) }),
        el("td", { class: "num", text: fmt.number(assignment.score) }),
        el("td", { class: "nowrap", text: fmt.dateTime(assignment.assigned_at) }),
        el("td", {}, assignment.outcome ? badge(assignment.outcome, "outcome.") : (assignment.reason || "–")),
        el("td", {}, el("div", { class: "actions" }, buttons))));
    }
  }

  filters.addEventListener("change", () => {
    paging.reset();
    load();
  });
  filters.addEventListener("submit", (event) => event.preventDefault());

  return { load };
}
