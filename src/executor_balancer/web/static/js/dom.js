// DOM helpers: build nodes from data with textContent only, never HTML strings.

import { label } from "./i18n.js";

/**
 * Create an element. `props`: class, text, attrs (no event-handler or style attributes),
 * dataset, on (event listeners), and any DOM property such as type, value, disabled.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === "attrs") {
      for (const [name, attr] of Object.entries(value)) {
        if (/^on/i.test(name) || name.toLowerCase() === "style") throw new Error(`refused attribute ${name}`);
        if (attr !== undefined && attr !== null && attr !== false) node.setAttribute(name, attr === true ? "" : String(attr));
      }
    } else node[key] = value;
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

export function badge(value, prefix) {
  return el("span", { class: "badge", dataset: { v: value ?? "" }, text: label(prefix, value) });
}

export function chips(values, max = 4) {
  const list = el("ul", { class: "chips" });
  (values || []).slice(0, max).forEach((value) => list.append(el("li", { class: "chip", text: value })));
  if ((values || []).length > max) list.append(el("li", { class: "chip-more", text: `+${values.length - max}` }));
  return list;
}

/** A horizontal bar of used / limit, with a text label for readers of the numbers. */
export function bar(used, limit, text) {
  const ratio = limit > 0 ? Math.min(1, used / limit) : 0;
  const fill = el("span", { class: "bar-fill", dataset: { level: ratio >= 0.9 ? "high" : ratio >= 0.6 ? "mid" : "low" } });
  fill.style.width = `${Math.round(ratio * 100)}%`; // CSSOM, allowed under a strict style policy
  return el("div", { class: "bar-cell" },
    el("div", { class: "bar", attrs: { role: "img", "aria-label": text } }, fill),
    el("span", { class: "bar-label", attrs: { "aria-hidden": "true" }, text }));
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

let toastTimer = null;
export function toast(message, kind = "info") {
  const node = document.getElementById("toast");
  if (!node) return;
  node.dataset.kind = kind;
  node.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.textContent = ""; }, 4000);
}

/** Re-render a container while keeping keyboard focus on the "same" control (data-focus-key). */
export function preservingFocus(container, render) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focusKey : null;
  render();
  if (key) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}

/** Set a KPI-like node's text and briefly highlight it when the value changed. */
export function setText(node, text) {
  if (!node) return;
  const value = String(text);
  if (node.textContent !== value) {
    node.textContent = value;
    const box = node.closest(".kpi");
    if (box) {
      box.classList.remove("flash");
      void box.offsetWidth;
      box.classList.add("flash");
    }
  }
}
