// State shared by the sections of /app: code lists, executor names and request titles.

import { api, withQuery } from "../api.js";

function readJson(id) {
  const node = document.getElementById(id);
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch {
    return {};
  }
}

export const vocab = readJson("vocab");
export const ruleVocab = readJson("rule-vocab");

const executors = new Map();
const requestTitles = new Map();
let directoryLoaded = 0;

/** Load executor names (first 1,000; any others are fetched one by one when shown). */
export async function loadDirectory(force = false) {
  if (!force && Date.now() - directoryLoaded < 3000) return executors;
  for (let offset = 0; offset < 1000; offset += 500) {
    const page = await api("GET", withQuery("/api/executors", { limit: 500, offset }));
    page.items.forEach((item) => executors.set(item.id, item));
    if (offset + page.items.length >= page.total) break;
  }
  directoryLoaded = Date.now();
  return executors;
}

export function rememberExecutor(executor) {
  executors.set(executor.id, executor);
}

export function forgetExecutor(id) {
  executors.delete(id);
}

export function allExecutors() {
  return Array.from(executors.values()).sort((a, b) => a.name.localeCompare(b.name));
}

/** Refill an executor <select> (first option "any") keeping the current choice. */
export function fillExecutorSelect(select) {
  const chosen = select.value;
  select.replaceChildren(select.options[0], ...allExecutors().map((e) => {
    const option = document.createElement("option");
    option.value = e.id;
    option.textContent = e.name;
    return option;
  }));
  select.value = chosen;
}

export function executorName(id) {
  if (!id) return "–";
  const executor = executors.get(id);
  return executor ? executor.name : id.slice(0, 8);
}

/** Make sure the names of these executors are known (fetching the missing ones). */
export async function ensureExecutors(ids) {
  const missing = [...new Set(ids.filter((id) => id && !executors.has(id)))].slice(0, 50);
  await Promise.all(missing.map((id) => api("GET", `/api/executors/${id}`)
    .then(rememberExecutor).catch(() => {})));
}

export function rememberRequest(request) {
  requestTitles.set(request.id, request.title);
}

export function requestTitle(id) {
  return requestTitles.get(id) || (id ? id.slice(0, 8) : "–");
}

let titlesLoaded = 0;

/** Titles of the newest requests in one call, then any others one by one. */
export async function ensureRequests(ids) {
  if (ids.some((id) => id && !requestTitles.has(id)) && Date.now() - titlesLoaded > 10000) {
    const page = await api("GET", withQuery("/api/requests", { limit: 500 }));
    page.items.forEach(rememberRequest);
    titlesLoaded = Date.now();
  }
  const missing = [...new Set(ids.filter((id) => id && !requestTitles.has(id)))].slice(0, 60);
  await Promise.all(missing.map((id) => api("GET", `/api/requests/${id}`)
    .then(rememberRequest).catch(() => {})));
}

/** Update the count shown in a section's tab. */
export function setCount(section, value) {
  const node = document.querySelector(`[data-count="${section}"]`);
  if (node) node.textContent = value === null || value === undefined ? "" : `(${value})`;
}

/** Paging state and its controls (prev / next / "1–50 of 120"). */
export function pager(id, onChange, limit = 50) {
  const root = document.getElementById(id);
  const state = { offset: 0, limit, total: 0 };
  const [prev, next] = [root.querySelector('[data-page="prev"]'), root.querySelector('[data-page="next"]')];
  const info = root.querySelector(".pager-info");
  prev.addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - state.limit);
    onChange();
  });
  next.addEventListener("click", () => {
    state.offset += state.limit;
    onChange();
  });
  return {
    state,
    reset() {
      state.offset = 0;
    },
    update(total, shown, text) {
      state.total = total;
      prev.disabled = state.offset === 0;
      next.disabled = state.offset + shown >= total;
      info.textContent = text(state.offset, shown, total);
      root.hidden = total <= state.limit && state.offset === 0;
    },
  };
}

/** Ask for confirmation in the page's own dialog (never window.confirm). */
export function confirmDialog(text, yesLabel) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-text").textContent = text;
  const yes = document.getElementById("confirm-yes");
  const original = yes.dataset.label || yes.textContent;
  yes.dataset.label = original;
  yes.textContent = yesLabel || original;
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      if (opener && document.contains(opener)) opener.focus();
      resolve(dialog.returnValue === "yes");
    }, { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}
