// Dashboard: live analytics from /api/dashboard, refreshed on /ws events without reload.
// Where /api/dashboard is missing, the counts from /api/stats and /api/executors still show.

import { api, withQuery } from "./api.js";
import { Chart, palette, series, updateChart } from "./charts.js";
import { setText } from "./dom.js";
import { fmt, label, t } from "./i18n.js";
import { keepFresh } from "./refresh.js";

const dashboardApi = document.querySelector('meta[name="dashboard-api"]')?.getAttribute("content") || null;
const rangeSelect = document.getElementById("dash-range");
const charts = {};
let last = null;

const sum = (object) => Object.values(object || {}).reduce((a, b) => a + (Number(b) || 0), 0);

async function fetchData() {
  if (dashboardApi) {
    try {
      return { full: true, ...(await api("GET", dashboardApi)) };
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  }
  const [stats, executors] = await Promise.all([
    api("GET", "/api/stats"),
    api("GET", withQuery("/api/executors", { limit: 500 })),
  ]);
  return {
    full: false,
    queue_depth: stats.queue_depth,
    by_status: stats.requests.by_status,
    by_category: stats.requests.by_category,
    by_priority: stats.requests.by_priority,
    executors: executors.items,
    per_minute: [],
    per_hour: [],
    time_to_assign: null,
    fairness: null,
    sla: null,
  };
}

function noData(key, empty) {
  const node = document.querySelector(`[data-no-data="${key}"]`);
  if (node) node.hidden = !empty;
}

function lineChart(id, datasets) {
  return new Chart(document.getElementById(id), {
    type: "line",
    data: {
      labels: [],
      datasets: datasets.map(([name, color]) => ({
        label: t(name), data: [], borderColor: color, backgroundColor: `${color}33`,
        tension: 0.25, pointRadius: 0, borderWidth: 2, fill: datasets.length === 1,
      })),
    },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 8 } } },
    },
  });
}

function barChart(id, datasets, horizontal = false, extra = {}) {
  return new Chart(document.getElementById(id), {
    type: "bar",
    data: {
      labels: [],
      datasets: datasets.map(([name, color]) => ({ label: t(name), data: [], backgroundColor: color, borderRadius: 3 })),
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 }, ...(extra.valueScale || {}) } },
      ...(extra.options || {}),
    },
  });
}

function createCharts() {
  if (!Chart) return;
  charts.throughput = lineChart("chart-throughput", [
    ["dash.series.created", palette.blue], ["dash.series.assigned", palette.green],
    ["dash.series.completed", palette.purple], ["dash.series.rejected", palette.red],
  ]);
  charts.queue = lineChart("chart-queue", [["kpi.queue_depth", palette.orange]]);
  charts.load = barChart("chart-load", [["dash.series.open", palette.blue], ["dash.series.today", palette.teal]], true, {
    valueScale: { max: 100, ticks: { callback: (v) => `${v}%` } },
    options: {
      plugins: {
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw}% (${loadNote(item)})` } },
      },
    },
  });
  charts.category = barChart("chart-category", [["dash.series.requests", palette.blue]], true);
  charts.priority = new Chart(document.getElementById("chart-priority"), {
    type: "doughnut",
    data: { labels: [], datasets: [{ data: [], backgroundColor: [palette.red, palette.orange, palette.blue, palette.grey] }] },
    options: { plugins: { legend: { position: "right" } } },
  });
  charts.status = barChart("chart-status", [["dash.series.requests", palette.green]]);
  charts.status.data.datasets[0].backgroundColor = series;
}

function loadNote(item) {
  const executor = last && last.loadRows ? last.loadRows[item.dataIndex] : null;
  if (!executor) return "";
  return item.datasetIndex === 0
    ? `${executor.current_load} / ${executor.capacity ?? executor.daily_limit}`
    : `${executor.assigned_today} / ${executor.daily_limit}`;
}

function timeLabel(iso, range) {
  return range === "hour" ? fmt.shortTime(iso) : fmt.shortTime(iso);
}

function renderKpis(data, points) {
  const kpi = (key, value, note) => {
    setText(document.querySelector(`[data-kpi="${key}"]`), value);
    const noteNode = document.querySelector(`[data-kpi-note="${key}"]`);
    if (noteNode) noteNode.textContent = note || "";
  };
  const rangeNote = rangeSelect.value === "hour" ? t("dash.last_day") : t("dash.last_hour");
  const total = (name) => (points.length ? fmt.number(points.reduce((a, p) => a + (p[name] || 0), 0)) : "–");
  kpi("queue_depth", fmt.number(data.queue_depth));
  kpi("requests_total", fmt.number(sum(data.by_status)));
  kpi("created", total("created"), points.length ? rangeNote : "");
  kpi("assigned", total("assigned"), points.length ? rangeNote : "");
  kpi("completed", total("completed"), points.length ? rangeNote : "");
  const tta = data.time_to_assign;
  kpi("tta_p50", tta ? fmt.duration(tta.p50_seconds) : "–", tta ? t("dash.sample", { n: tta.count }) : "");
  kpi("tta_p95", tta ? fmt.duration(tta.p95_seconds) : "–", tta && tta.mean_seconds !== null ? t("dash.mean", { v: fmt.duration(tta.mean_seconds) }) : "");
  const fairness = data.fairness;
  kpi("fairness", fairness && fairness.jain_index !== null ? fairness.jain_index.toFixed(2) : "–",
    fairness ? t("dash.active_executors", { n: fairness.active_executors }) : "");
  const sla = data.sla;
  kpi("sla", sla && sla.share !== null ? fmt.percent(sla.share) : "–", sla ? t("dash.sla_note", { met: sla.met, n: sla.with_deadline }) : "");
}

function entries(object, order) {
  const keys = Object.keys(object || {});
  if (order) keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return keys.map((key) => [key, object[key]]);
}

function render(data) {
  last = data;
  const range = rangeSelect.value;
  const points = (range === "hour" ? data.per_hour : data.per_minute) || [];
  renderKpis(data, points);
  document.getElementById("dash-notice").hidden = data.full;
  document.getElementById("dash-notice").textContent = data.full ? "" : t("dash.partial");
  const updated = document.getElementById("dash-updated");
  updated.textContent = t("common.updated_at", { time: fmt.time(new Date()) });
  if (!Chart) return;

  const labels = points.map((p) => timeLabel(p.ts, range));
  updateChart(charts.throughput, labels, ["created", "assigned", "completed", "rejected"].map((k) => points.map((p) => p[k] || 0)));
  noData("throughput", !points.length);
  updateChart(charts.queue, labels, [points.map((p) => p.queue_depth ?? 0)]);
  noData("queue", !points.length);

  const rows = [...(data.executors || [])]
    .filter((e) => e.status !== "offline" || e.current_load > 0)
    .sort((a, b) => (b.assigned_today / b.daily_limit) - (a.assigned_today / a.daily_limit) || a.name.localeCompare(b.name));
  last.loadRows = rows;
  const box = document.getElementById("chart-load").parentElement;
  box.style.height = `${Math.max(260, rows.length * 24 + 70)}px`; // CSSOM, allowed under a strict style policy
  const pct = (used, limit) => (limit ? Math.round((100 * used) / limit) : 0);
  updateChart(charts.load, rows.map((e) => e.name), [
    rows.map((e) => pct(e.current_load, e.capacity ?? e.daily_limit)),
    rows.map((e) => pct(e.assigned_today, e.daily_limit)),
  ]);
  noData("load", !rows.length);

  const categories = entries(data.by_category).sort((a, b) => b[1] - a[1]);
  updateChart(charts.category, categories.map(([k]) => label("category.", k)), [categories.map(([, v]) => v)]);
  noData("category", !categories.length);
  const priorities = entries(data.by_priority, ["critical", "high", "medium", "low"]);
  updateChart(charts.priority, priorities.map(([k]) => label("priority.", k)), [priorities.map(([, v]) => v)]);
  noData("priority", !priorities.length);
  const statuses = entries(data.by_status, ["pending", "assigned", "in_progress", "completed", "cancelled"]);
  updateChart(charts.status, statuses.map(([k]) => label("rstatus.", k)), [statuses.map(([, v]) => v)]);
  noData("status", !statuses.length);
}

async function load() {
  render(await fetchData());
  document.body.dataset.ready = "true";
}

createCharts();
rangeSelect.addEventListener("change", () => last && render(last));
load().catch(() => {
  document.getElementById("dash-notice").hidden = false;
  document.getElementById("dash-notice").textContent = t("error.server");
});
keepFresh(load, { patterns: ["*"], delay: 400, pollMs: 1500 });
