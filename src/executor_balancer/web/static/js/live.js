// Live events from the WebSocket (/ws): connect, reconnect with backoff, dispatch to listeners.
// Connects only when the page names the endpoint (<meta name="ws">), so pages served without
// /ws never try (and never log a failed connection).

const listeners = new Map(); // pattern -> Set of callbacks; "request.*" matches a prefix, "*" all
const statusListeners = new Set();
let socket = null;
let state = "off";
let backoff = 1000;
let retryTimer = null;
let started = false;

function setState(next) {
  state = next;
  statusListeners.forEach((fn) => fn(state));
}

function matches(pattern, type) {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

function dispatch(message) {
  for (const [pattern, callbacks] of listeners) {
    if (!matches(pattern, message.type)) continue;
    callbacks.forEach((fn) => {
      try {
        fn(message);
      } catch (error) {
        console.warn("live listener failed", error);
      }
    });
  }
}

function endpoint() {
  const meta = document.querySelector('meta[name="ws"]');
  if (!meta || !meta.getAttribute("content")) return null;
  const url = new URL(meta.getAttribute("content"), window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url;
}

function connect() {
  const url = endpoint();
  if (!url) {
    setState("off");
    return;
  }
  setState("connecting");
  try {
    socket = new WebSocket(url);
  } catch {
    scheduleRetry();
    return;
  }
  socket.addEventListener("open", () => {
    backoff = 1000;
    setState("live");
  });
  socket.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message && typeof message.type === "string") dispatch(message);
  });
  socket.addEventListener("close", () => {
    socket = null;
    scheduleRetry();
  });
  socket.addEventListener("error", () => {
    // "close" follows and schedules the retry.
  });
}

function scheduleRetry() {
  setState("connecting");
  clearTimeout(retryTimer);
  const delay = backoff + Math.random() * 500;
  backoff = Math.min(backoff * 2, 30000);
  retryTimer = setTimeout(connect, delay);
}

/** Start the connection once per page (safe to call from several modules). */
export function start() {
  if (started) return;
  started = true;
  connect();
  window.addEventListener("pagehide", () => {
    clearTimeout(retryTimer);
    if (socket) socket.close();
  });
}

/** Listen to events whose type matches `pattern`; returns an unsubscribe function. */
export function on(pattern, callback) {
  if (!listeners.has(pattern)) listeners.set(pattern, new Set());
  listeners.get(pattern).add(callback);
  return () => listeners.get(pattern).delete(callback);
}

/** Follow the connection state: "off" (no /ws), "connecting", "live". */
export function onStatus(callback) {
  statusListeners.add(callback);
  callback(state);
  return () => statusListeners.delete(callback);
}

export const isLive = () => state === "live";
export const isAvailable = () => endpoint() !== null;
