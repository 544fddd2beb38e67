// Landing page: live counters from /api/stats.

import { api } from "./api.js";
import { fmt, t } from "./i18n.js";
import { setText } from "./dom.js";
import { keepFresh } from "./refresh.js";

const open = (byStatus) => (byStatus.assigned || 0) + (byStatus.in_progress || 0);

async function load() {
  const stats = await api("GET", "/api/stats");
  const values = {
    executors_active: `${fmt.number(stats.executors.by_status.active || 0)} / ${fmt.number(stats.executors.total)}`,
    requests_total: fmt.number(stats.requests.total),
    queue_depth: fmt.number(stats.queue_depth),
    assignments_open: fmt.number(open(stats.assignments.by_status)),
    completed: fmt.number(stats.assignments.by_status.completed || 0),
    rules: fmt.number(stats.rules.total),
  };
  for (const [key, value] of Object.entries(values)) {
    setText(document.querySelector(`[data-counter="${key}"]`), value);
  }
  const updated = document.getElementById("counters-updated");
  if (updated) updated.textContent = t("common.updated_at", { time: fmt.time(new Date()) });
}

load().catch(() => {
  const updated = document.getElementById("counters-updated");
  if (updated) updated.textContent = t("common.no_data");
});
keepFresh(load, { patterns: ["request.*", "assignment.*", "executor.*", "rule.*", "stats.tick"], delay: 500, pollMs: 5000 });
