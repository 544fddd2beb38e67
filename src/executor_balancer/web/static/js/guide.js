// Guide: a copy button on each code example (when the browser allows clipboard access).

import { el } from "./dom.js";
import { t } from "./i18n.js";

if (navigator.clipboard && window.isSecureContext) {
  document.querySelectorAll(".guide pre").forEach((pre) => {
    const code = pre.querySelector("code");
    const button = el("button", { type: "button", class: "button small copy-button", text: t("common.copy") });
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code ? code.textContent : pre.textContent);
        button.textContent = t("common.copied");
      } catch {
        button.textContent = t("common.copy_failed");
      }
      setTimeout(() => { button.textContent = t("common.copy"); }, 1500);
    });
    pre.prepend(button);
  });
}
