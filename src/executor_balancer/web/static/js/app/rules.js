// Rules: list, builder (conditions / require / prefer rows with field, operator, value, bonus),
// and the dry run against a sample request (admitted, excluded, boosted executors).

import { api, withQuery } from "../api.js";
import { badge, clear, el, toast } from "../dom.js";
import { clearErrors, fillForm, generalMessage, readForm, setupDialog, showErrors, splitList } from "../forms.js";
import { fmt, label, t } from "../i18n.js";
import { confirmDialog, ruleVocab, setCount } from "./shared.js";

const GROUPS = ["conditions", "require", "prefer"];
const CHOICE_PREFIX = { category: "category.", priority: "priority.", complexity: "complexity.", role: "role.", status: "status." };
let rowSeq = 0;

function fieldsFor(group) {
  return group === "conditions" ? ruleVocab.request_fields || {} : ruleVocab.executor_fields || {};
}

function isList(kind, operator) {
  return operator === "in" || operator === "not_in";
}

/** A value as a person reads it in a summary. */
function showValue(value) {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

export function describe(condition) {
  const bonus = condition.bonus !== undefined ? ` (+${fmt.number(condition.bonus)})` : "";
  return `${label("rfield.", condition.field)} ${label("op.", condition.operator)} ${showValue(condition.value)}${bonus}`;
}

function labelled(id, text, control, extraClass = "") {
  return el("div", { class: `field ${extraClass}`.trim() }, el("label", { attrs: { for: id }, text }), control);
}

/** One builder row; returns the node and a reader that turns it back into JSON. */
function makeRow(group, initial) {
  const fields = fieldsFor(group);
  const names = Object.keys(fields);
  const n = ++rowSeq;
  const ids = { field: `rr-${n}-field`, op: `rr-${n}-op`, value: `rr-${n}-value`, bonus: `rr-${n}-bonus` };
  const fieldSelect = el("select", { id: ids.field },
    names.map((name) => el("option", { value: name, text: label("rfield.", name) })));
  const opSelect = el("select", { id: ids.op });
  const valueBox = el("div", { class: "row-value" });
  const row = el("div", { class: `rule-row${group === "prefer" ? " with-bonus" : ""}`, dataset: { group } },
    labelled(ids.field, t("rule.field"), fieldSelect),
    labelled(ids.op, t("rule.operator"), opSelect),
    valueBox);
  let bonusInput = null;
  if (group === "prefer") {
    bonusInput = el("input", {
      id: ids.bonus, type: "number", min: 0, max: ruleVocab.max_bonus || 50, step: 1,
      value: initial && initial.bonus !== undefined ? initial.bonus : 10,
    });
    row.append(labelled(ids.bonus, t("rule.bonus"), bonusInput));
  }
  const remove = el("button", {
    type: "button", class: "button small", text: t("rule.remove_row"),
    attrs: { "aria-label": `${t("rule.remove_row")}: ${t(`rule.group.${group}`)}` },
    on: { click: () => { row.remove(); } },
  });
  row.append(el("div", { class: "field" }, remove));

  let valueControl = null;

  function spec() {
    return fields[fieldSelect.value] || { kind: "text", choices: [], operators: ["eq"] };
  }

  function fillOperators(selected) {
    const ops = spec().operators;
    opSelect.replaceChildren(...ops.map((op) => el("option", { value: op, text: label("op.", op) })));
    opSelect.value = ops.includes(selected) ? selected : ops[0];
  }

  function buildValue(value) {
    const { kind, choices } = spec();
    const list = isList(kind, opSelect.value);
    const previous = value !== undefined ? value : readValue(true);
    if (choices.length) {
      valueControl = el("select", { id: ids.value, multiple: list },
        choices.map((choice) => el("option", { value: choice, text: label(CHOICE_PREFIX[fieldSelect.value] || "", choice) })));
      const wanted = new Set(Array.isArray(previous) ? previous.map(String) : [String(previous ?? "")]);
      Array.from(valueControl.options).forEach((option, index) => {
        option.selected = wanted.has(option.value) || (!list && index === 0 && !choices.some((c) => wanted.has(c)));
      });
    } else {
      const numeric = kind === "number" && !list;
      valueControl = el("input", {
        id: ids.value, type: numeric ? "number" : "text", step: numeric ? "any" : undefined,
        value: previous === undefined || previous === null ? "" : showValue(previous),
        attrs: { placeholder: list || kind === "tags" ? t("rule.value_list") : "" },
      });
    }
    const hint = choices.length && list ? t("rule.multi_hint") : (list || kind === "tags" ? t("hint.comma_list") : "");
    valueBox.replaceChildren(labelled(ids.value, t("rule.value"), valueControl, "span-value"));
    if (hint) valueBox.append(el("p", { class: "hint", text: hint }));
  }

  function readValue(loose = false) {
    if (!valueControl) return undefined;
    const { kind, choices } = spec();
    const list = isList(kind, opSelect.value);
    if (choices.length && valueControl.multiple) {
      return Array.from(valueControl.selectedOptions).map((o) => o.value);
    }
    const raw = valueControl.value.trim();
    if (loose) return raw;
    if (kind === "number") {
      if (list) return splitList(raw).map(Number);
      return raw === "" ? raw : Number(raw);
    }
    if (list || (kind === "tags" && raw.includes(","))) return splitList(raw);
    return raw;
  }

  fieldSelect.addEventListener("change", () => {
    fillOperators(opSelect.value);
    buildValue("");
  });
  opSelect.addEventListener("change", () => buildValue());

  fieldSelect.value = initial && names.includes(initial.field) ? initial.field : names[0];
  fillOperators(initial ? initial.operator : undefined);
  buildValue(initial ? initial.value : "");

  return {
    node: row,
    read() {
      const item = { field: fieldSelect.value, operator: opSelect.value, value: readValue() };
      if (bonusInput) item.bonus = bonusInput.value === "" ? 0 : Number(bonusInput.value);
      return item;
    },
    focus: () => fieldSelect.focus(),
  };
}

export function createRules() {
  const list = document.getElementById("rule-list");
  const dialog = document.getElementById("rule-dialog");
  const form = document.getElementById("rule-form");
  const title = document.getElementById("rule-dialog-title");
  const modal = setupDialog(dialog);
  const testDialog = document.getElementById("rule-test-dialog");
  const testForm = document.getElementById("rule-test-form");
  const testModal = setupDialog(testDialog);
  const testResult = document.getElementById("rule-test-result");
  const rows = { conditions: [], require: [], prefer: [] };
  let editing = null;
  let testing = null;

  async function load() {
    const page = await api("GET", withQuery("/api/rules", { limit: 500 }));
    setCount("rules", page.total);
    clear(list);
    if (!page.items.length) {
      list.append(el("p", { class: "muted", text: t("rule.none") }));
      return;
    }
    page.items.forEach((rule) => list.append(card(rule)));
  }

  function summary(labelKey, items) {
    if (!items.length) return null;
    return el("li", {}, el("span", { class: "label", text: t(labelKey) }), items.map(describe).join("; "));
  }

  function card(rule) {
    return el("article", { class: "rule-card", dataset: { id: rule.id, active: String(rule.is_active) } },
      el("h3", {}, el("span", { text: rule.name }),
        badge(rule.is_active ? "active" : "offline", "rule.state."),
        el("span", { class: "badge", text: t("rule.priority_n", { n: rule.priority }) }),
        rule.strategy ? el("span", { class: "badge", text: label("strategy.", rule.strategy) }) : null),
      rule.description ? el("p", { class: "muted", text: rule.description }) : null,
      el("ul", { class: "rule-summary" },
        summary("rule.when", rule.conditions) || el("li", {}, el("span", { class: "label", text: t("rule.when") }), t("rule.always")),
        summary("rule.requires", rule.require),
        summary("rule.prefers", rule.prefer)),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "button small", text: t("common.edit"), attrs: { "aria-label": `${t("common.edit")}: ${rule.name}` }, on: { click: () => open(rule) } }),
        el("button", { type: "button", class: "button small", text: t("rule.test"), attrs: { "aria-label": `${t("rule.test")}: ${rule.name}` }, on: { click: () => openTest(rule) } }),
        el("button", {
          type: "button", class: "button small", text: rule.is_active ? t("rule.deactivate") : t("rule.activate"),
          on: { click: () => toggle(rule) },
        }),
        el("button", { type: "button", class: "button small", text: t("common.delete"), attrs: { "aria-label": `${t("common.delete")}: ${rule.name}` }, on: { click: () => remove(rule) } })));
  }

  async function toggle(rule) {
    try {
      await api("PATCH", `/api/rules/${rule.id}`, { is_active: !rule.is_active });
      await load();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  async function remove(rule) {
    if (!(await confirmDialog(t("rule.confirm_delete", { name: rule.name }), t("common.delete")))) return;
    try {
      await api("DELETE", `/api/rules/${rule.id}`);
      toast(t("rule.deleted", { name: rule.name }));
      await load();
    } catch (error) {
      toast(generalMessage(error), "error");
    }
  }

  function addRow(group, initial) {
    const row = makeRow(group, initial);
    rows[group].push(row);
    form.querySelector(`[data-rows="${group}"]`).append(row.node);
    return row;
  }

  function open(rule) {
    editing = rule;
    form.reset();
    clearGroupErrors();
    clearErrors(form);
    for (const group of GROUPS) {
      rows[group] = [];
      clear(form.querySelector(`[data-rows="${group}"]`));
      (rule ? rule[group] : []).forEach((item) => addRow(group, item));
    }
    fillForm(form, rule ? { ...rule, strategy: rule.strategy || "" } : { priority: 0, is_active: true, strategy: "" });
    if (!rule) addRow("conditions");
    title.textContent = rule ? title.dataset.titleEdit : title.dataset.titleNew;
    modal.open();
    form.elements.namedItem("name").focus();
  }

  function readRule() {
    const data = readForm(form);
    data.strategy = data.strategy || null;
    for (const group of GROUPS) {
      data[group] = rows[group].filter((row) => document.contains(row.node)).map((row) => row.read());
    }
    return data;
  }

  function clearGroupErrors() {
    for (const group of GROUPS) {
      const slot = document.getElementById(`rule-${group}-error`);
      if (slot) slot.textContent = "";
    }
    form.querySelectorAll('.rule-row[aria-invalid="true"]').forEach((row) => row.removeAttribute("aria-invalid"));
  }

  /** Errors about condition rows ("prefer[1]: ..." or loc [body, prefer, 1, bonus]) go to their group. */
  function showRuleErrors(error) {
    clearGroupErrors();
    if (!Array.isArray(error.detail)) {
      showErrors(form, error);
      return;
    }
    const rest = [];
    const grouped = [];
    for (const item of error.detail) {
      const loc = Array.isArray(item.loc) ? item.loc : [];
      const message = String(item.msg || "").replace(/^Value error, /, "");
      const fromMsg = /^(conditions|require|prefer)\[(\d+)\]/.exec(message);
      const group = fromMsg ? fromMsg[1] : GROUPS.find((g) => loc.includes(g));
      if (!group) rest.push(item);
      else grouped.push({ group, index: fromMsg ? Number(fromMsg[2]) : loc[loc.indexOf(group) + 1], message });
    }
    if (rest.length) showErrors(form, { ...error, detail: rest });
    else clearErrors(form);
    let first = null;
    for (const { group, index, message } of grouped) {
      const live = rows[group].filter((row) => document.contains(row.node));
      if (Number.isInteger(index) && live[index]) {
        live[index].node.setAttribute("aria-invalid", "true");
        first = first || live[index];
      }
      const slot = document.getElementById(`rule-${group}-error`);
      const where = Number.isInteger(index) ? `${t("rule.row_n", { n: index + 1 })}: ` : "";
      const text = message.replace(/^(conditions|require|prefer)\[\d+\]: /, "");
      slot.textContent = `${slot.textContent} ${where}${text}`.trim();
    }
    if (first && !rest.length) first.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = readRule();
    try {
      const saved = editing
        ? await api("PUT", `/api/rules/${editing.id}`, data)
        : await api("POST", "/api/rules", data);
      dialog.close();
      toast(t("rule.saved", { name: saved.name }));
      await load();
    } catch (error) {
      showRuleErrors(error);
    }
  });

  form.querySelectorAll("[data-add-row]").forEach((button) => {
    button.addEventListener("click", () => addRow(button.dataset.addRow).focus());
  });
  document.getElementById("rule-new").addEventListener("click", () => open(null));

  function openTest(rule) {
    testing = rule;
    document.getElementById("rule-test-title").textContent = `${t("rule.test")}: ${rule.name}`;
    clear(testResult);
    clearErrors(testForm);
    // Start from a request the rule's own conditions would match, when they say so plainly.
    const sample = { category: "support", priority: "medium", complexity: "medium" };
    for (const c of rule.conditions) {
      if (c.operator === "eq" && ["category", "priority", "complexity"].includes(c.field)) sample[c.field] = c.value;
      if (c.operator === "contains" && c.field === "required_skills") sample.required_skills = [].concat(c.value);
    }
    testForm.reset();
    fillForm(testForm, sample);
    testModal.open();
    testForm.elements.namedItem("category").focus();
  }

  function namesList(items, extra) {
    if (!items.length) return el("p", { class: "muted", text: t("common.none") });
    const shown = items.slice(0, 100);
    return el("ul", {}, shown.map((item) => el("li", { text: extra ? `${item.name} ${extra(item)}` : item.name })),
      items.length > shown.length ? el("li", { class: "muted", text: `+${items.length - shown.length}` }) : null);
  }

  testForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!testing) return;
    const data = readForm(testForm);
    if (!data.timezone_preference) delete data.timezone_preference;
    if (!data.title) delete data.title;
    try {
      const result = await api("POST", `/api/rules/${testing.id}/test`, data);
      clearErrors(testForm);
      clear(testResult).append(
        el("p", { class: result.applies ? "notice" : "muted", id: "rule-test-applies",
          text: result.applies ? t("rule.test.applies") : t("rule.test.not_applies") }),
        el("div", { class: "result-columns" },
          el("section", { id: "rule-test-admitted" }, el("h3", { text: t("rule.test.admitted", { n: result.admitted.length }) }), namesList(result.admitted)),
          el("section", { id: "rule-test-excluded" }, el("h3", { text: t("rule.test.excluded", { n: result.excluded.length }) }), namesList(result.excluded)),
          el("section", { id: "rule-test-boosted" }, el("h3", { text: t("rule.test.boosted", { n: result.boosted.length }) }),
            namesList(result.boosted, (item) => `+${fmt.number(item.bonus)}`))));
    } catch (error) {
      showErrors(testForm, error);
    }
  });

  return { load };
}
