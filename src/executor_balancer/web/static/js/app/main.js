// /app: sections behind #hash tabs; lists reload on live events (or poll while /ws is away).

import { api } from "../api.js";
import { debounce, toast } from "../dom.js";
import { generalMessage } from "../forms.js";
import { on } from "../live.js";
import { keepFresh } from "../refresh.js";
import { createActions } from "./actions.js";
import { createAssignments } from "./assignments.js";
import { createDetail } from "./detail.js";
import { createExecutors } from "./executors.js";
import { createQueue } from "./queue.js";
import { createRequests } from "./requests.js";
import { createRules } from "./rules.js";
import { loadDirectory, setCount } from "./shared.js";

const NAMES = ["executors", "requests", "assignments", "queue", "rules"];
let active = null;
const sections = {};

async function reloadActive() {
  if (!active) return;
  try {
    await sections[active].load();
  } catch (error) {
    toast(generalMessage(error), "error");
  }
}

async function loadCounts() {
  try {
    const stats = await api("GET", "/api/stats");
    setCount("executors", stats.executors.total);
    setCount("requests", stats.requests.total);
    setCount("assignments", Object.values(stats.assignments.by_status).reduce((a, b) => a + b, 0));
    setCount("queue", stats.queue_depth);
    setCount("rules", stats.rules.total);
  } catch {
    // counts are a nicety; the sections show their own errors
  }
}

/** After any change made from this page: names, the visible list, counts and an open detail. */
async function afterChange() {
  await loadDirectory(true).catch(() => {});
  await Promise.all([reloadActive(), loadCounts(), detail.refresh()]);
}

const actions = createActions({ afterChange });
const detail = createDetail({ afterChange, actions });
const showDetail = (id, preloaded) => detail.show(id, preloaded).catch((error) => toast(generalMessage(error), "error"));
sections.executors = createExecutors();
sections.requests = createRequests({ showDetail, afterChange });
sections.assignments = createAssignments({ actions, showDetail });
sections.queue = createQueue({ showDetail, afterChange });
sections.rules = createRules();

function fromHash() {
  const name = window.location.hash.replace("#", "");
  return NAMES.includes(name) ? name : "executors";
}

async function activate(name) {
  active = name;
  for (const key of NAMES) {
    document.getElementById(key).hidden = key !== name;
    const tab = document.querySelector(`[data-tab="${key}"]`);
    if (key === name) tab.setAttribute("aria-current", "true");
    else tab.removeAttribute("aria-current");
  }
  await reloadActive();
}

window.addEventListener("hashchange", () => activate(fromHash()));

async function init() {
  await loadDirectory().catch(() => {});
  await Promise.all([activate(fromHash()), loadCounts()]);
  document.body.dataset.ready = "true";
}
init();

keepFresh(async () => {
  await loadDirectory(); // names at most every few seconds, however busy the stream
  await Promise.all([reloadActive(), loadCounts()]);
}, { patterns: ["request.*", "assignment.*", "executor.*", "rule.*"], delay: 400, pollMs: 5000 });

const refreshDetail = debounce(() => detail.refresh(), 400);
on("request.*", refreshDetail);
on("assignment.*", refreshDetail);
