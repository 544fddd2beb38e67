// Request detail: the assignment and "why this executor" (factor chart, rules, runners-up),
// or, for a waiting request, how many executors each hard filter excluded.

import { api } from "../api.js";
import { Chart, palette } from "../charts.js";
import { badge, chips, clear, el, toast } from "../dom.js";
import { generalMessage, setupDialog } from "../forms.js";
import { fmt, label, t } from "../i18n.js";
import { actionsFor } from "./actions.js";
import { ensureExecutors, executorName, rememberRequest } from "./shared.js";

const isLive = (assignment) => Boolean(assignment) && !["rejected", "cancelled"].includes(assignment.status);

const ROUTING_FIELDS = ["title", "category", "priority", "complexity", "required_skills",
  "required_languages", "timezone_preference"];

function defs(pairs) {
  const list = el("dl", { class: "defs" });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined) continue;
    list.append(el("dt", { text: term }), el("dd", {}, value));
  }
  return list;
}

export function createDetail({ afterChange, actions }) {
  const dialog = document.getElementById("detail-dialog");
  const content = document.getElementById("detail-content");
  const heading = document.getElementById("detail-title");
  const modal = setupDialog(dialog);
  let current = null;
  let chart = null;
  // GET /api/requests/{id} does not repeat why a request waits; keep the last answer that did.
  const waitingWhy = new Map();

  dialog.addEventListener("close", () => {
    current = null;
    if (chart) chart.destroy();
    chart = null;
  });

  async function show(id, preloaded) {
    const detail = preloaded || await api("GET", `/api/requests/${id}`);
    current = detail.id;
    modal.open();
    await render(detail);
  }

  async function refresh() {
    if (!dialog.open || !current) return;
    try {
      await render(await api("GET", `/api/requests/${current}`));
    } catch (error) {
      if (error.status === 404) dialog.close();
    }
  }

  async function render(detail) {
    rememberRequest(detail);
    // A rejected or cancelled assignment is history: the request waits again.
    const live = isLive(detail.assignment);
    if (detail.explanation) waitingWhy.set(detail.id, detail.explanation);
    if (detail.status !== "pending") waitingWhy.delete(detail.id);
    const explanation = live ? detail.assignment.explanation : (detail.explanation || waitingWhy.get(detail.id));
    const ids = [detail.assigned_executor_id, detail.assignment && detail.assignment.executor_id];
    await ensureExecutors(ids.filter(Boolean));
    if (chart) chart.destroy();
    chart = null;
    heading.textContent = detail.title;
    clear(content);
    content.append(
      el("p", { class: "actions" }, badge(detail.status, "rstatus."), badge(detail.priority, "priority."),
        el("span", { class: "badge", text: label("category.", detail.category) }),
        el("span", { class: "badge", text: `${t("field.complexity")}: ${label("complexity.", detail.complexity)}` })),
      el("div", { class: "detail-grid" }, requestFacts(detail), assignmentFacts(detail)),
      actionBar(detail),
      el("div", { id: "detail-candidates" }),
    );
    if (explanation) content.append(why(detail, explanation, live));
    else if (detail.status === "pending") content.append(el("p", { class: "notice", text: t("detail.not_evaluated") }));
  }

  function requestFacts(detail) {
    return el("section", {},
      el("h3", { text: t("detail.request") }),
      detail.description ? el("p", { text: detail.description }) : null,
      defs([
        [t("field.required_skills"), detail.required_skills.length ? chips(detail.required_skills, 20) : "–"],
        [t("field.required_languages"), detail.required_languages.length ? chips(detail.required_languages, 20) : "–"],
        [t("field.timezone_preference"), detail.timezone_preference || "–"],
        [t("field.deadline"), fmt.dateTime(detail.deadline)],
        [t("field.created_at"), fmt.dateTime(detail.created_at)],
      ]));
  }

  function assignmentFacts(detail) {
    const assignment = detail.assignment;
    const waiting = detail.status === "pending" ? el("p", { class: "muted", text: t("detail.waiting") }) : null;
    if (!assignment) {
      return el("section", {}, el("h3", { text: t("detail.assignment") }),
        el("p", { class: "muted", text: detail.status === "pending" ? t("detail.waiting") : t("detail.no_assignment") }));
    }
    return el("section", {},
      el("h3", { text: isLive(assignment) ? t("detail.assignment") : t("detail.previous_assignment") }),
      isLive(assignment) ? null : waiting,
      el("p", {}, el("span", { class: "muted", text: `${t("detail.assigned_to")} ` }),
        el("strong", { id: "detail-executor", text: executorName(assignment.executor_id) })),
      defs([
        [t("field.status"), badge(assignment.status, "astatus.")],
        [t("field.score"), assignment.score === null ? "–" : el("span", { class: "score-big", text: fmt.number(assignment.score) })],
        [t("field.strategy"), label("strategy.", assignment.strategy)],
        [t("field.assigned_at"), fmt.dateTime(assignment.assigned_at)],
        [t("field.started_at"), assignment.started_at ? fmt.dateTime(assignment.started_at) : null],
        [t("field.finished_at"), assignment.finished_at ? fmt.dateTime(assignment.finished_at) : null],
        [t("field.outcome"), assignment.outcome ? badge(assignment.outcome, "outcome.") : null],
        [t("field.reason"), assignment.reason || null],
      ]));
  }

  function actionBar(detail) {
    const bar = el("div", { class: "detail-actions" });
    const button = (text, handler, kind = "") => el("button", {
      type: "button", class: `button ${kind}`.trim(), text, on: { click: handler },
    });
    if (detail.status === "pending") {
      bar.append(button(t("request.assign_now"), () => assignNow(detail), "primary"));
      bar.append(button(t("detail.find_candidates"), () => candidates(detail)));
    }
    const assignment = detail.assignment;
    if (assignment) {
      for (const action of actionsFor(assignment.status)) {
        const text = { reject: t("detail.reassign"), cancel: t("detail.cancel_assignment") }[action] || t(`action.${action}`);
        bar.append(button(text, () => actions.run(assignment, action)));
      }
    }
    if (!["completed", "cancelled"].includes(detail.status)) {
      bar.append(button(t("detail.cancel_request"), () => cancelRequest(detail), "danger"));
    }
    return bar;
  }

  async function assignNow(detail) {
    try {
      const result = await api("POST", `/api/requests/${detail.id}/assign`, {});
      toast(result.assignment ? t("request.assigned_to", { name: executorName(result.assignment.executor_id) })
        : t("request.still_waiting"));
      await render(result);
      await afterChange();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  async function cancelRequest(detail) {
    try {
      const result = await api("PATCH", `/api/requests/${detail.id}`, { status: "cancelled" });
      toast(t("detail.request_cancelled"));
      await render(result);
      await afterChange();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  /** Manual assignment: rank eligible executors (changes nothing), then pick one. */
  async function candidates(detail) {
    const box = document.getElementById("detail-candidates");
    const query = Object.fromEntries(ROUTING_FIELDS.map((key) => [key, detail[key]]).filter(([, v]) => v !== null));
    clear(box).append(el("p", { class: "muted", text: t("common.loading") }));
    try {
      const result = await api("POST", "/api/executors/search?limit=10", query);
      clear(box).append(el("h3", { text: t("detail.candidates", { n: result.total }) }));
      if (!result.items.length) {
        box.append(el("p", { class: "muted", text: t("detail.no_candidates") }));
        return;
      }
      const list = el("ol", { class: "runner-list" });
      for (const item of result.items) {
        list.append(el("li", {},
          `${item.executor.name} — ${fmt.number(item.score)} `,
          el("button", {
            type: "button", class: "button small", text: t("detail.assign_to"),
            attrs: { "aria-label": `${t("detail.assign_to")}: ${item.executor.name}` },
            on: { click: () => assignTo(detail, item.executor) },
          })));
      }
      box.append(list);
    } catch (error) {
      clear(box).append(el("p", { class: "form-error", text: generalMessage(error) }));
    }
  }

  async function assignTo(detail, executor) {
    try {
      await api("POST", "/api/assignments", { request_id: detail.id, executor_id: executor.id });
      toast(t("request.assigned_to", { name: executor.name }));
      await refresh();
      await afterChange();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  function why(detail, explanation, assigned) {
    const section = el("section", { class: "why", attrs: { "aria-labelledby": "why-heading" } });
    section.append(el("h3", { id: "why-heading", text: assigned ? t("detail.why") : t("detail.why_waiting") }));
    const factors = explanation.factors || [];
    if (assigned && factors.length) {
      section.append(el("p", { class: "muted", text: t("detail.why_intro", { score: fmt.number(explanation.score) }) }));
      const canvas = el("canvas", { id: "factor-chart", attrs: { role: "img", "aria-label": t("detail.factor_chart") } });
      section.append(el("div", { class: "factor-chart" }, canvas), factorTable(factors));
      drawFactors(canvas, factors);
    }
    section.append(el("h4", { text: t("detail.rules") }));
    const rules = explanation.rules || [];
    section.append(rules.length
      ? el("ul", { class: "rule-hit-list", id: "detail-rules" },
        rules.map((rule) => el("li", {}, el("strong", { text: rule.name }), ` — ${rule.effect}`)))
      : el("p", { class: "muted", id: "detail-rules", text: t("detail.no_rules") }));
    if (assigned) {
      section.append(el("h4", { text: t("detail.runners_up") }));
      const runners = explanation.runners_up || [];
      section.append(runners.length
        ? el("ol", { class: "runner-list", id: "detail-runners" },
          runners.map((runner) => el("li", { text: `${runner.name} — ${fmt.number(runner.score)}` })))
        : el("p", { class: "muted", id: "detail-runners", text: t("detail.no_runners") }));
    }
    section.append(excluded(explanation.excluded || {}, assigned));
    return section;
  }

  function excluded(counts, assigned) {
    const entries = Object.entries(counts);
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    const wrap = el("div", {}, el("h4", { text: assigned ? t("detail.excluded") : t("detail.excluded_waiting") }));
    if (!total) {
      wrap.append(el("p", { class: "muted", text: t("detail.none_excluded") }));
      return wrap;
    }
    wrap.append(el("ul", { class: "excluded-list", id: "detail-excluded" },
      entries.map(([key, n]) => el("li", { dataset: { zero: String(n === 0) } },
        el("strong", { text: fmt.number(n) }), ` — ${label("excluded.", key)}`))));
    return wrap;
  }

  function factorTable(factors) {
    const rows = factors.map((f) => el("tr", {},
      el("th", { scope: "row", text: label("factor.", f.name) }),
      el("td", { class: "num", text: fmt.number(f.value) }),
      el("td", { class: "num", text: fmt.number(f.weight) }),
      el("td", { class: "num", text: fmt.number(f.contribution) }),
      el("td", { text: f.reason })));
    return el("details", { class: "factor-table" },
      el("summary", { text: t("detail.factor_table") }),
      el("div", { class: "table-wrap" }, el("table", { class: "data-table" },
        el("thead", {}, el("tr", {}, [t("detail.factor"), t("detail.value"), t("detail.weight"),
          t("detail.contribution"), t("detail.reason")].map((text) => el("th", { scope: "col", text })))),
        el("tbody", {}, rows))));
  }

  function drawFactors(canvas, factors) {
    if (!Chart) return;
    chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: factors.map((f) => label("factor.", f.name)),
        datasets: [{
          label: t("detail.contribution"),
          data: factors.map((f) => f.contribution),
          backgroundColor: factors.map((f) => (f.name === "rule_bonus" ? palette.purple : palette.blue)),
          borderRadius: 4,
        }],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { afterLabel: (item) => factors[item.dataIndex].reason } },
        },
        scales: { x: { beginAtZero: true, title: { display: true, text: t("detail.points") } } },
      },
    });
  }

  return { show, refresh, isOpenFor: (id) => dialog.open && current === id, isOpen: () => dialog.open };
}
