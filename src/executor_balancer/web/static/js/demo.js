// Demo: a stream of realistic requests at an adjustable rate, and assignments moving through
// their lifecycle (start, then mostly successful completion), so the system visibly works.

import { api, withQuery } from "./api.js";
import { clear, el, setText, bar } from "./dom.js";
import { generalMessage } from "./forms.js";
import { fmt, label, t } from "./i18n.js";
import { keepFresh } from "./refresh.js";

const vocab = JSON.parse(document.getElementById("vocab")?.textContent || "{}");

const TITLES = {
  technical: ["Не открывается личный кабинет", "VPN disconnects every ten minutes", "Ошибка 500 при выгрузке отчёта",
    "Printer on floor 3 shows offline", "Не приходит письмо для сброса пароля", "Slow login after the last update"],
  support: ["Клиент не может оплатить заказ", "Refund request for order #{n}", "Вопрос по тарифу «Бизнес»",
    "Customer cannot change delivery address", "Жалоба на задержку доставки", "How to export invoices to Excel"],
  development: ["Добавить фильтр по дате в API заказов", "Fix race condition in checkout", "Интеграция с 1С: новые поля",
    "Add pagination to the audit log", "Рефакторинг модуля уведомлений", "Webhook retries for failed deliveries"],
  testing: ["Регресс перед релизом {n}", "Write e2e tests for sign-up", "Проверить миграцию на копии базы",
    "Load test the search endpoint", "Тест-план для мобильного приложения", "Verify fix for issue #{n}"],
  design: ["Иконки для пустых состояний", "New onboarding screens", "Макет страницы тарифов",
    "Dark theme for the dashboard", "Баннер для весенней акции", "Redesign the settings page"],
  marketing: ["Рассылка о новой функции", "Landing page copy for the webinar", "Анализ кампании в контекстной рекламе",
    "Social posts for the product launch", "Кейс клиента для блога", "A/B test the pricing headline"],
  infrastructure: ["Обновить сертификаты на балансировщике", "Disk usage alert on db-{n}", "Перенести бэкапы в новое хранилище",
    "Kubernetes node keeps restarting", "Настроить мониторинг очереди", "Rotate API keys for staging"],
  analytics: ["Отчёт по оттоку за квартал", "Dashboard for support SLA", "Когортный анализ новых клиентов",
    "Forecast ticket volume for December", "Сегментация клиентов по выручке", "Explain the drop in conversions"],
  billing: ["Двойное списание по карте", "Invoice shows wrong VAT", "Не применяется промокод",
    "Subscription renewed after cancellation", "Вернуть деньги за неиспользованный период", "Change payer details on invoice #{n}"],
};
const PRIORITY_WEIGHTS = [["critical", 0.08], ["high", 0.25], ["medium", 0.45], ["low", 0.22]];
const COMPLEXITIES = ["low", "medium", "medium", "high", "expert"];

const toggle = document.getElementById("demo-toggle");
const rate = document.getElementById("demo-rate");
const rateValue = document.getElementById("demo-rate-value");
const progressBox = document.getElementById("demo-progress");
const allBox = document.getElementById("demo-all");
const feed = document.getElementById("demo-feed");
const counts = { created: 0, assigned: 0, queued: 0, started: 0, completed: 0, failed: 0 };
const ours = new Set(); // requests this demo created
const seen = new Map(); // assignment id -> first time seen in its current status
let executors = [];
let running = false;
let generateTimer = null;
let progressTimer = null;

const pick = (items) => items[Math.floor(Math.random() * items.length)];
function weighted(pairs) {
  let roll = Math.random();
  for (const [value, weight] of pairs) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

function log(text, kind = "") {
  const item = el("li", { class: kind }, el("time", { text: fmt.time(new Date()) }), el("span", { class: "text", text }));
  feed.prepend(item);
  while (feed.children.length > 80) feed.lastElementChild.remove();
}

function showCounts() {
  for (const [key, value] of Object.entries(counts)) setText(document.querySelector(`[data-demo="${key}"]`), fmt.number(value));
}

async function loadExecutors() {
  const page = await api("GET", withQuery("/api/executors", { limit: 500 }));
  executors = page.items;
}

/** A request someone in the pool could plausibly take: skills and language from a real executor. */
function makeRequest() {
  const active = executors.filter((e) => e.status === "active" && e.assigned_today < e.daily_limit);
  const model = pick(active.length ? active : executors);
  const fits = (model && vocab.role_categories && vocab.role_categories[model.role]) || [];
  const category = fits.length && Math.random() < 0.85 ? pick(fits) : pick(vocab.categories || Object.keys(TITLES));
  const skills = model && model.skills.length ? [...model.skills].sort(() => Math.random() - 0.5).slice(0, 1 + Math.floor(Math.random() * 2)) : [];
  const body = {
    title: pick(TITLES[category] || TITLES.support).replace("{n}", String(1000 + Math.floor(Math.random() * 9000))),
    description: t("demo.description"),
    category,
    priority: weighted(PRIORITY_WEIGHTS),
    complexity: pick(COMPLEXITIES),
    required_skills: skills,
    required_languages: model && model.languages.length && Math.random() < 0.5 ? [pick(model.languages)] : [],
  };
  if (Math.random() < 0.3) body.deadline = new Date(Date.now() + (1 + Math.random() * 8) * 3600e3).toISOString();
  return body;
}

async function generate() {
  if (!executors.length) await loadExecutors();
  const body = makeRequest();
  const detail = await api("POST", "/api/requests", body);
  ours.add(detail.id);
  counts.created += 1;
  if (detail.assignment) {
    counts.assigned += 1;
    const name = executors.find((e) => e.id === detail.assignment.executor_id)?.name || "?";
    log(t("demo.log.assigned", { title: detail.title, name, score: fmt.number(detail.assignment.score) }), "ok");
  } else {
    counts.queued += 1;
    log(t("demo.log.queued", { title: detail.title, priority: label("priority.", detail.priority) }), "warn");
  }
  showCounts();
}

function age(assignment) {
  const key = `${assignment.id}:${assignment.status}`;
  if (!seen.has(key)) seen.set(key, Date.now());
  return Date.now() - seen.get(key);
}

/** Move open assignments along: start after a few seconds, complete a few seconds later. */
async function progress() {
  if (!progressBox.checked) return;
  const mine = (a) => allBox.checked || ours.has(a.request_id);
  const [assigned, working] = await Promise.all([
    api("GET", withQuery("/api/assignments", { status: "assigned", limit: 100 })),
    api("GET", withQuery("/api/assignments", { status: "in_progress", limit: 100 })),
  ]);
  const delay = Math.max(1500, 6000 - Number(rate.value) * 40);
  for (const assignment of assigned.items.filter(mine).filter((a) => age(a) > delay).slice(0, 4)) {
    await step(assignment, "start", undefined);
  }
  for (const assignment of working.items.filter(mine).filter((a) => age(a) > delay * 1.5).slice(0, 4)) {
    const outcome = Math.random() < 0.88 ? "success" : "failure";
    await step(assignment, "complete", { outcome });
  }
  if (seen.size > 5000) seen.clear();
}

async function step(assignment, action, body) {
  try {
    await api("POST", `/api/assignments/${assignment.id}/${action}`, body);
    const name = executors.find((e) => e.id === assignment.executor_id)?.name || "?";
    if (action === "start") {
      counts.started += 1;
      log(t("demo.log.started", { name }));
    } else if (body.outcome === "success") {
      counts.completed += 1;
      log(t("demo.log.completed", { name }), "ok");
    } else {
      counts.failed += 1;
      log(t("demo.log.failed", { name }), "bad");
    }
    showCounts();
  } catch (error) {
    if (error.status !== 409) throw error; // someone else moved it first: fine
  }
}

function scheduleGenerate() {
  clearTimeout(generateTimer);
  if (!running) return;
  const interval = 60000 / Math.max(1, Number(rate.value));
  generateTimer = setTimeout(async () => {
    try {
      await generate();
    } catch (error) {
      log(`${t("demo.log.error")}: ${generalMessage(error)}`, "bad");
    }
    scheduleGenerate();
  }, interval);
}

function scheduleProgress() {
  clearTimeout(progressTimer);
  if (!running) return;
  progressTimer = setTimeout(async () => {
    try {
      await progress();
    } catch (error) {
      log(`${t("demo.log.error")}: ${generalMessage(error)}`, "bad");
    }
    scheduleProgress();
  }, 1500);
}

function setRunning(next) {
  running = next;
  toggle.setAttribute("aria-pressed", String(running));
  toggle.textContent = running ? toggle.dataset.stop : toggle.dataset.start;
  if (running) {
    log(t("demo.log.start", { rate: rate.value }));
    generate().catch((error) => log(`${t("demo.log.error")}: ${generalMessage(error)}`, "bad"));
    scheduleGenerate();
    scheduleProgress();
  } else {
    clearTimeout(generateTimer);
    clearTimeout(progressTimer);
    log(t("demo.log.stop"));
  }
}

toggle.addEventListener("click", () => setRunning(!running));
rate.addEventListener("input", () => {
  rateValue.textContent = rate.value;
  if (running) scheduleGenerate();
});

/** The side panel: queue head and the busiest executors, from the API. */
async function loadSide() {
  const [queue, stats, pool] = await Promise.all([
    api("GET", withQuery("/api/queue", { limit: 8 })),
    api("GET", "/api/stats"),
    api("GET", withQuery("/api/executors", { limit: 500 })),
  ]);
  executors = pool.items;
  setText(document.querySelector('[data-demo="queue_depth"]'), fmt.number(stats.queue_depth));
  const open = (stats.assignments.by_status.assigned || 0) + (stats.assignments.by_status.in_progress || 0);
  setText(document.querySelector('[data-demo="open"]'), fmt.number(open));
  const queueList = clear(document.getElementById("demo-queue"));
  if (!queue.items.length) queueList.append(el("li", { class: "muted", text: t("queue.empty") }));
  queue.items.forEach((item) => queueList.append(el("li", {},
    el("strong", { text: `${item.position}. ` }), item.title, " ",
    el("span", { class: "badge", dataset: { v: item.priority }, text: label("priority.", item.priority) }))));
  const busiest = [...pool.items].sort((a, b) => b.current_load / (b.capacity ?? b.daily_limit) - a.current_load / (a.capacity ?? a.daily_limit)).slice(0, 10);
  const loadList = clear(document.getElementById("demo-load"));
  busiest.forEach((e) => {
    const slots = e.capacity ?? e.daily_limit;
    loadList.append(el("li", {}, el("span", { text: e.name }), bar(e.current_load, slots, t("executor.load_of", { used: e.current_load, limit: slots }))));
  });
  document.body.dataset.ready = "true";
}

loadSide().catch(() => {});
keepFresh(loadSide, { patterns: ["request.*", "assignment.*", "executor.*", "stats.tick"], delay: 700, pollMs: 3000 });
showCounts();
