// Keep a view fresh: reload on matching live events (debounced), or poll while not live.

import { on, onStatus } from "./live.js";

/**
 * Call `load` on events matching `patterns` (at most once per `delay` ms), and every
 * `pollMs` while the live connection is down. Returns a function that forces a refresh.
 */
export function keepFresh(load, { patterns = ["*"], delay = 300, pollMs = 5000 } = {}) {
  let timer = null;
  let running = false;
  let again = false;
  let live = false;

  async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await load();
    } catch (error) {
      console.warn("refresh failed", error);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  // Coalesce bursts: the first event starts the clock, later ones ride along, so a steady
  // stream of events still refreshes every `delay` ms instead of never.
  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delay);
  }

  patterns.forEach((pattern) => on(pattern, (message) => {
    if (message.type !== "heartbeat") schedule();
  }));
  onStatus((state) => {
    const wasLive = live;
    live = state === "live";
    if (live && !wasLive) schedule(); // catch up on what happened while disconnected
  });
  if (pollMs) {
    setInterval(() => {
      if (!live && !document.hidden) run();
    }, pollMs);
  }
  return schedule;
}
