// UI strings for scripts: read from the page's JSON data block (never executed), plus formatting.

const strings = (() => {
  const node = document.getElementById("i18n");
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch {
    return {};
  }
})();

export const lang = document.documentElement.lang || "en";
const locale = lang === "ru" ? "ru-RU" : "en-GB";

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params) {
  let text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
  }
  return text;
}

/** A code value's label (e.g. label("role.", "support")), or the value itself when unknown. */
export function label(prefix, value) {
  if (value === null || value === undefined || value === "") return "–";
  const key = prefix + value;
  return Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : String(value);
}

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const shortTime = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });

export const fmt = {
  number: (value) => (value === null || value === undefined || Number.isNaN(value) ? "–" : numberFormat.format(value)),
  percent: (value) => (value === null || value === undefined ? "–" : percentFormat.format(value)),
  dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : "–"),
  time: (date) => timeFormat.format(date instanceof Date ? date : new Date(date)),
  shortTime: (iso) => shortTime.format(new Date(iso)),
  /** A duration in seconds as "45 s", "3 min", "2 h 5 min". */
  duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t("unit.seconds", { n: s });
    const minutes = Math.round(s / 60);
    if (minutes < 60) return t("unit.minutes", { n: minutes });
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours < 48) return rest ? t("unit.hours_minutes", { h: hours, m: rest }) : t("unit.hours", { n: hours });
    return t("unit.days", { n: Math.round(hours / 24) });
  },
  /** Time since an ISO timestamp, as a duration. */
  age(iso) {
    return iso ? fmt.duration((Date.now() - new Date(iso).getTime()) / 1000) : "–";
  },
};
