// The queue: pending requests in dispatch order (priority, deadline, age).

import { api, withQuery } from "../api.js";
import { badge, chips, clear, el, preservingFocus, toast } from "../dom.js";
import { generalMessage } from "../forms.js";
import { fmt, label, t } from "../i18n.js";
import { executorName, pager, rememberRequest, setCount } from "./shared.js";

export function createQueue({ showDetail, afterChange }) {
  const tbody = document.querySelector("#queue-table tbody");
  const paging = pager("queue-pager", () => load());

  async function load() {
    const page = await api("GET", withQuery("/api/queue", { limit: paging.state.limit, offset: paging.state.offset }));
    page.items.forEach(rememberRequest);
    preservingFocus(tbody, () => render(page.items));
    paging.update(page.total, page.items.length, (offset, shown, total) =>
      t("pager.info", { from: total ? offset + 1 : 0, to: offset + shown, total }));
    setCount("queue", page.total);
  }

  function render(items) {
    clear(tbody);
    if (!items.length) {
      tbody.append(el("tr", {}, el("td", { class: "empty", colSpan: 8, text: t("queue.empty") })));
      return;
    }
    for (const item of items) {
      tbody.append(el("tr", { dataset: { id: item.id } },
        el("td", { class: "num", text: item.position }),
        el("td", {}, el("button", {
          type: "button", class: "link-button cell-main", text: item.title,
          on: { click: () => showDetail(item.id) },
        })),
        el("td", {}, badge(item.priority, "priority.")),
        el("td", { class: "nowrap", text: fmt.dateTime(item.deadline) }),
        el("td", { class: "nowrap", text: fmt.age(item.created_at) }),
        el("td", { class: "nowrap", text: label("category.", item.category) }),
        el("td", {}, chips(item.required_skills, 4)),
        el("td", {}, el("div", { class: "actions" },
          el("button", {
            type: "button", class: "button small", text: t("request.assign_now"),
            dataset: { focusKey: `qassign-${item.id}` },
            attrs: { "aria-label": `${t("request.assign_now")}: ${item.title}` },
            on: { click: () => assign(item) },
          }),
          el("button", {
            type: "button", class: "button small", text: t("request.why_waiting"),
            on: { click: () => showDetail(item.id) },
          })))));
    }
  }

  async function assign(item) {
    try {
      const detail = await api("POST", `/api/requests/${item.id}/assign`, {});
      toast(detail.assignment ? t("request.assigned_to", { name: executorName(detail.assignment.executor_id) })
        : t("request.still_waiting"));
      await afterChange();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  return { load };
}
