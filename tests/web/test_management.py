"""/app: forms for executors, requests and rules; the explanation; errors next to fields."""

from __future__ import annotations

import uuid

import httpx
import pytest

from .conftest import Tab, screenshot

pytestmark = pytest.mark.e2e


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_create_executor_through_the_form(tab: Tab, api: httpx.Client) -> None:
    page = tab.page
    email = f"{unique('olga')}@example.com"
    tab.goto("/app#executors")
    page.get_by_role("button", name="New executor").click()
    dialog = page.locator("#executor-dialog")
    dialog.get_by_label("Name").fill("Ольга Тестова")
    dialog.get_by_label("Email").fill(email)
    dialog.get_by_label("Role").select_option("support")
    dialog.get_by_label("Status").select_option("active")
    dialog.get_by_label("Skills").fill("Billing, Zendesk, billing")
    dialog.get_by_label("Languages").fill("ru, en")
    dialog.get_by_label("Time zone").fill("Europe/Samara")
    dialog.get_by_label("Experience, years").fill("6")
    dialog.get_by_label("Daily limit").fill("9")
    dialog.get_by_label("Capacity (open at once)").fill("3")
    dialog.get_by_label("Success rate").fill("0.9")
    dialog.get_by_label("Weight").fill("0.7")
    dialog.get_by_role("button", name="Save").click()
    page.wait_for_selector("#executor-dialog", state="hidden")
    page.fill("#ef-q", email)
    row = page.locator("#executor-table tbody tr").filter(has_text=email)
    row.wait_for()
    assert "Ольга Тестова" in row.inner_text()

    stored = api.get("/api/executors", params={"q": email}).json()["items"][0]
    assert stored["skills"] == ["billing", "zendesk"]
    assert stored["languages"] == ["ru", "en"]
    assert stored["timezone"] == "Europe/Samara"
    assert (stored["experience_years"], stored["daily_limit"]) == (6, 9)
    assert (stored["capacity"], stored["success_rate"], stored["weight"]) == (3, 0.9, 0.7)

    # Edit, then toggle the status from the row.
    row.get_by_role("button", name="Edit:").click()
    dialog.get_by_label("Daily limit").fill("11")
    dialog.get_by_label("Capacity (open at once)").fill("")
    dialog.get_by_role("button", name="Save").click()
    page.wait_for_selector("#executor-dialog", state="hidden")
    row.get_by_role("button", name="Take offline:").click()
    row.locator(".badge", has_text="Offline").wait_for()
    stored = api.get(f"/api/executors/{stored['id']}").json()
    assert (stored["daily_limit"], stored["capacity"], stored["status"]) == (11, None, "offline")


def test_create_request_and_see_why_it_was_assigned(tab: Tab) -> None:
    page = tab.page
    title = unique("Двойное списание по карте")
    tab.goto("/app#requests")
    page.get_by_role("button", name="New request").click()
    form = page.locator("#request-dialog")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Description").fill("Клиенту дважды списали оплату за заказ.")
    form.get_by_label("Category").select_option("billing")
    form.get_by_label("Priority").select_option("critical")
    form.get_by_label("Complexity").select_option("medium")
    form.get_by_label("Deadline").fill("2030-06-01T18:30")
    form.get_by_label("Required skills").fill("billing")
    form.get_by_label("Required languages").fill("ru")
    form.get_by_label("Preferred time zone").fill("Europe/Moscow")
    form.get_by_role("button", name="Create request").click()

    detail = page.locator("#detail-dialog[open]")
    detail.wait_for()
    assert page.locator("#detail-title").inner_text() == title
    assert detail.locator("#detail-executor").inner_text().strip()
    assert detail.get_by_role("heading", name="Why this executor").is_visible()
    page.wait_for_function(
        "() => { const c = document.getElementById('factor-chart');"
        " return c && window.Chart && window.Chart.getChart(c) && c.width > 0; }")
    factor_count = page.evaluate(
        "window.Chart.getChart(document.getElementById('factor-chart')).data.labels.length")
    assert factor_count >= 8
    rules = detail.locator("#detail-rules li")
    assert rules.count() >= 1, "the billing and critical sample rules match"
    assert "Billing" in detail.locator("#detail-rules").inner_text()
    assert detail.locator("#detail-runners li").count() >= 1
    screenshot(tab, "app-request-detail", full_page=False)

    # Lifecycle from the detail: start, then complete with an outcome.
    detail.get_by_role("button", name="Start").click()
    detail.locator(".badge", has_text="In progress").first.wait_for()
    detail.get_by_role("button", name="Complete").click()
    action = page.locator("#action-dialog")
    action.get_by_label("Failure").check()
    action.locator("#action-submit").click()
    detail.locator(".badge", has_text="Failure").wait_for()


def test_pending_request_explains_why_it_waits(tab: Tab, api: httpx.Client) -> None:
    created = api.post("/api/requests", json={
        "title": unique("Needs an Abkhaz speaker"), "category": "support",
        "required_languages": ["ab"],
    }).json()
    assert created["status"] == "pending"
    page = tab.page
    tab.goto("/app#queue")
    row = page.locator("#queue-table tbody tr", has_text=created["title"])
    row.get_by_role("button", name="Why waiting?").click()
    detail = page.locator("#detail-dialog[open]")
    detail.get_by_role("button", name="Assign now").click()  # re-runs distribution: still nobody
    detail.get_by_role("heading", name="Why it waits").wait_for()
    assert "missing a required language" in detail.locator("#detail-excluded").inner_text()
    detail.get_by_role("button", name="Cancel the request").click()
    detail.locator(".badge", has_text="Cancelled").first.wait_for()


def test_assignment_actions_from_the_list(tab: Tab, api: httpx.Client) -> None:
    created = api.post("/api/requests", json={
        "title": unique("Reset 2FA"), "category": "support", "required_skills": ["zendesk"],
    }).json()
    assert created["assignment"], created
    page = tab.page
    tab.goto("/app#assignments")
    page.locator("#af-status").select_option("assigned")
    row = page.locator("#assignment-table tbody tr", has_text=created["title"])
    row.get_by_role("button", name="Reject:").click()
    dialog = page.locator("#action-dialog")
    dialog.get_by_label("Reason").fill("on holiday")
    dialog.locator("#action-submit").click()
    page.wait_for_selector("#action-dialog", state="hidden")
    history = api.get("/api/assignments", params={"request_id": created["id"]}).json()["items"]
    assert any(a["status"] == "rejected" and a["reason"] == "on holiday" for a in history)


def test_api_errors_show_next_to_their_field(tab: Tab, api: httpx.Client) -> None:
    tab.allow_errors("409", "422")  # the browser logs the failed calls this test provokes
    taken = api.get("/api/executors", params={"limit": 1}).json()["items"][0]["email"]
    page = tab.page
    tab.goto("/app#executors")
    page.get_by_role("button", name="New executor").click()
    dialog = page.locator("#executor-dialog")
    dialog.get_by_label("Name").fill("Duplicate")
    dialog.get_by_label("Email").fill(taken.upper())
    dialog.get_by_label("Languages").fill("ru, english")
    dialog.get_by_role("button", name="Save").click()
    error = page.locator("#ex-languages-error")
    error.wait_for()
    assert "ISO 639-1" in error.inner_text()
    assert page.locator("#ex-languages").get_attribute("aria-invalid") == "true"

    dialog.get_by_label("Languages").fill("ru")
    dialog.get_by_role("button", name="Save").click()
    page.locator("#ex-email-error", has_text="already exists").wait_for()
    assert page.locator("#ex-email").get_attribute("aria-invalid") == "true"
    assert page.locator("#ex-languages-error").inner_text() == ""


def test_rule_builder_and_dry_run(tab: Tab, api: httpx.Client) -> None:
    tab.allow_errors("422")
    page = tab.page
    name = unique("Design to Figma people")
    tab.goto("/app#rules")
    page.get_by_role("button", name="New rule").click()
    dialog = page.locator("#rule-dialog")
    dialog.get_by_label("Name").fill(name)
    dialog.get_by_label("Rule priority").fill("50")
    dialog.get_by_label("Strategy").select_option("least_loaded")

    condition = dialog.locator("[data-rows='conditions'] .rule-row").first
    condition.get_by_label("Field").select_option("category")
    condition.get_by_label("Operator").select_option("eq")
    condition.get_by_label("Value").select_option("design")

    dialog.get_by_role("button", name="Add a line").nth(1).click()
    require = dialog.locator("[data-rows='require'] .rule-row").first
    require.get_by_label("Field").select_option("skills")
    require.get_by_label("Operator").select_option("contains")
    require.get_by_label("Value").fill("figma")

    dialog.get_by_role("button", name="Add a line").nth(2).click()
    prefer = dialog.locator("[data-rows='prefer'] .rule-row").first
    prefer.get_by_label("Field").select_option("experience_years")
    prefer.get_by_label("Operator").select_option("gte")
    prefer.get_by_label("Value").fill("3")
    prefer.get_by_label("Bonus").fill("99")
    dialog.get_by_role("button", name="Save").click()
    page.locator("#rule-prefer-error", has_text="line 1").wait_for()
    assert prefer.get_attribute("aria-invalid") == "true"

    prefer.get_by_label("Bonus").fill("15")
    dialog.get_by_role("button", name="Save").click()
    page.wait_for_selector("#rule-dialog", state="hidden")
    card = page.locator(".rule-card", has_text=name)
    assert "figma" in card.inner_text()
    stored = next(r for r in api.get("/api/rules").json()["items"] if r["name"] == name)
    assert stored["conditions"] == [{"field": "category", "operator": "eq", "value": "design"}]
    assert stored["require"] == [{"field": "skills", "operator": "contains", "value": "figma"}]
    assert stored["prefer"] == [
        {"field": "experience_years", "operator": "gte", "value": 3, "bonus": 15}]
    assert stored["strategy"] == "least_loaded"

    card.get_by_role("button", name="Dry run:").click()
    test = page.locator("#rule-test-dialog")
    assert test.get_by_label("Category").input_value() == "design"
    test.get_by_role("button", name="Run").click()
    test.locator("#rule-test-applies").wait_for()
    admitted = test.locator("#rule-test-admitted li")
    assert admitted.count() >= 1
    assert test.locator("#rule-test-excluded li").count() >= 1
    assert test.locator("#rule-test-boosted li").count() >= 1
    screenshot(tab, "app-rule-dry-run", full_page=False)
    page.keyboard.press("Escape")
    api.delete(f"/api/rules/{stored['id']}")


def test_create_forms_work_with_the_keyboard_alone(tab: Tab, api: httpx.Client) -> None:
    page = tab.page
    tab.goto("/app#executors")

    def tab_to(predicate: str, limit: int = 60, key: str = "Tab") -> None:
        for _ in range(limit):
            page.keyboard.press(key)
            if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
                return
        raise AssertionError(f"never reached {predicate} with {key}")

    tab_to("el.id === 'executor-new'")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ex-name"
    email = f"{unique('keys')}@example.com"
    page.keyboard.type("Keyboard Person")
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Enter")  # submits the form from a text field
    page.wait_for_selector("#executor-dialog", state="hidden")
    assert api.get("/api/executors", params={"q": email}).json()["total"] == 1
    assert page.evaluate("document.activeElement.id") == "executor-new", "focus back on opener"

    tab_to("el.dataset.tab === 'requests'", key="Shift+Tab")  # the section tabs come first
    page.keyboard.press("Enter")
    page.wait_for_selector("#requests:not([hidden])")
    tab_to("el.id === 'request-new'")
    page.keyboard.press("Enter")
    title = unique("Keyboard request")
    page.keyboard.type(title)
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail-dialog[open]")
    assert page.locator("#detail-title").inner_text() == title
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail-dialog", state="hidden")


def test_lists_follow_changes_made_elsewhere(tab: Tab, api: httpx.Client) -> None:
    page = tab.page
    tab.goto("/app#requests")
    page.wait_for_selector("#live-status[data-state='live']")
    title = unique("Made by another client")
    api.post("/api/requests", json={"title": title, "category": "analytics"})
    page.locator("#request-table tbody tr", has_text=title).wait_for(timeout=2000)
    tab.goto("/app#executors")
    email = f"{unique('elsewhere')}@example.com"
    api.post("/api/executors", json={"name": "Elsewhere", "email": email, "role": "analyst"})
    page.locator("#executor-table tbody tr", has_text=email).wait_for(timeout=2000)
