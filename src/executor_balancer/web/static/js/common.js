// Runs on every page: the live-status indicator and the language switch keeping the #section.

import { start, onStatus } from "./live.js";
import { t } from "./i18n.js";

const indicator = document.getElementById("live-status");
if (indicator) {
  onStatus((state) => {
    indicator.dataset.state = state;
    indicator.textContent = t(`live.${state}`);
  });
}
start();

document.querySelectorAll(".lang-link").forEach((link) => {
  link.addEventListener("click", () => {
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("next", window.location.pathname + window.location.search + window.location.hash);
    link.href = url.pathname + url.search;
  });
});
