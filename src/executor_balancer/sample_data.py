"""Demo data: executors, requests and rules for a fresh installation or a screenshot.

Pure data on purpose (standard library only, no I/O): the loader (CLI or API) decides how to
store it. Everything is deterministic — where values vary they come from `random.Random`
with a fixed seed — so two calls return equal lists, and each call returns fresh objects the
caller may mutate.

Requests are built so that they can actually be assigned: every request is anchored on one
active executor, and its required skills and languages are taken from that executor (for
billing the anchor also has the `billing` skill the billing rule requires).
"""

from __future__ import annotations

import copy
import random
from typing import Any

from executor_balancer.domain import Category, Complexity, ExecutorRole, ExecutorStatus, Priority

EXECUTOR_SEED = 20240611
REQUEST_SEED = 20240612

# ---------------------------------------------------------------------------------------------
# Skill families (every skill lower-case, as the executor schema normalises them)
# ---------------------------------------------------------------------------------------------

BACKEND = ("python", "django", "fastapi", "postgresql", "go")
FRONTEND = ("javascript", "typescript", "react", "vue", "css")
QA = ("selenium", "pytest", "manual-testing", "load-testing")
DEVOPS = ("docker", "kubernetes", "terraform", "linux", "ci-cd", "aws")
SUPPORT = ("customer-service", "crm", "zendesk", "billing", "onboarding", "troubleshooting")
DESIGN = ("figma", "ui", "ux", "illustration")
MARKETING = ("seo", "smm", "copywriting", "analytics")
DATA = ("sql", "pandas", "bi", "excel")

SKILL_FAMILIES: dict[str, tuple[str, ...]] = {
    "backend": BACKEND,
    "frontend": FRONTEND,
    "qa": QA,
    "devops": DEVOPS,
    "support": SUPPORT,
    "design": DESIGN,
    "marketing": MARKETING,
    "data": DATA,
}

# ---------------------------------------------------------------------------------------------
# Executors: name, email, role, skills, languages, timezone, experience_years
# ---------------------------------------------------------------------------------------------

R = ExecutorRole
EXECUTORS: tuple[tuple[str, str, R, tuple[str, ...], tuple[str, ...], str, float], ...] = (
    # programmers
    ("Анна Смирнова", "anna.smirnova@example.com", R.programmer,
     ("python", "django", "postgresql", "sql"), ("ru", "en"), "MSK", 6),
    ("Дмитрий Иванов", "dmitry.ivanov@example.com", R.programmer,
     ("python", "fastapi", "postgresql", "docker"), ("ru", "en"), "Europe/Moscow", 8),
    ("Ольга Кузнецова", "olga.kuznetsova@example.com", R.programmer,
     ("javascript", "typescript", "react", "css"), ("ru", "en"), "Asia/Yekaterinburg", 4),
    ("Сергей Попов", "sergey.popov@example.com", R.programmer,
     ("go", "postgresql", "docker", "kubernetes"), ("ru",), "Asia/Novosibirsk", 10),
    ("Мария Соколова", "maria.sokolova@example.com", R.programmer,
     ("vue", "javascript", "css"), ("ru", "uk"), "Europe/Moscow", 2),
    ("James Carter", "james.carter@example.org", R.programmer,
     ("python", "django", "fastapi", "postgresql"), ("en",), "Europe/London", 7),
    ("Emily Johnson", "emily.johnson@example.org", R.programmer,
     ("typescript", "react", "javascript", "css"), ("en", "fr"), "America/New_York", 5),
    ("Lukas Schneider", "lukas.schneider@example.org", R.programmer,
     ("go", "python", "postgresql"), ("de", "en"), "Europe/Berlin", 9),
    ("Wei Zhang", "wei.zhang@example.org", R.programmer,
     ("python", "pandas", "fastapi"), ("zh", "en"), "UTC", 3),
    # support
    ("Елена Волкова", "elena.volkova@example.com", R.support,
     ("customer-service", "crm", "zendesk", "billing"), ("ru", "en"), "MSK", 5),
    ("Алексей Морозов", "alexey.morozov@example.com", R.support,
     ("troubleshooting", "customer-service", "linux"), ("ru",), "Asia/Vladivostok", 3),
    ("Айгерим Нурланова", "aigerim.nurlanova@example.com", R.support,
     ("customer-service", "onboarding", "crm"), ("kk", "ru", "en"), "Asia/Almaty", 2),
    ("Sarah Miller", "sarah.miller@example.org", R.support,
     ("customer-service", "zendesk", "onboarding", "troubleshooting"), ("en", "es"),
     "America/New_York", 4),
    ("Carlos Garcia", "carlos.garcia@example.org", R.support,
     ("billing", "crm", "customer-service"), ("es", "en"), "UTC", 6),
    ("Наталья Лебедева", "natalia.lebedeva@example.com", R.support,
     ("billing", "excel", "crm", "customer-service"), ("ru",), "Europe/Moscow", 7),
    ("Hannah Walker", "hannah.walker@example.org", R.support,
     ("zendesk", "troubleshooting", "onboarding"), ("en", "de"), "Europe/London", 2),
    # administrators and devops
    ("Игорь Новиков", "igor.novikov@example.com", R.admin,
     ("linux", "docker", "troubleshooting", "postgresql"), ("ru", "en"), "MSK", 12),
    ("Michael Brown", "michael.brown@example.org", R.admin,
     ("linux", "aws", "troubleshooting"), ("en",), "Europe/London", 8),
    ("Павел Козлов", "pavel.kozlov@example.com", R.devops,
     ("docker", "kubernetes", "terraform", "ci-cd", "linux"), ("ru", "en"), "Asia/Novosibirsk", 9),
    ("Daniel Wilson", "daniel.wilson@example.org", R.devops,
     ("aws", "terraform", "kubernetes", "ci-cd"), ("en", "de"), "Europe/Berlin", 6),
    ("Татьяна Орлова", "tatiana.orlova@example.com", R.devops,
     ("linux", "ci-cd", "docker", "aws"), ("ru",), "Asia/Yekaterinburg", 4),
    ("Ethan Clark", "ethan.clark@example.org", R.devops,
     ("kubernetes", "docker", "linux", "go"), ("en",), "America/New_York", 5),
    # testers
    ("Екатерина Павлова", "ekaterina.pavlova@example.com", R.tester,
     ("pytest", "selenium", "load-testing"), ("ru", "en"), "Europe/Moscow", 5),
    ("Никита Семёнов", "nikita.semenov@example.com", R.tester,
     ("manual-testing", "selenium"), ("ru",), "MSK", 0.5),
    ("Jessica Davis", "jessica.davis@example.org", R.tester,
     ("manual-testing", "pytest", "selenium"), ("en",), "America/New_York", 3),
    ("Олег Бондаренко", "oleg.bondarenko@example.com", R.tester,
     ("load-testing", "pytest", "manual-testing"), ("uk", "ru", "en"), "Europe/Berlin", 6),
    # designers
    ("Юлия Васильева", "yulia.vasileva@example.com", R.designer,
     ("figma", "ui", "ux"), ("ru", "en"), "MSK", 6),
    ("Sophie Martin", "sophie.martin@example.org", R.designer,
     ("figma", "illustration", "ui"), ("fr", "en"), "Europe/London", 4),
    ("Ксения Фёдорова", "ksenia.fedorova@example.com", R.designer,
     ("illustration", "figma", "css"), ("ru",), "Asia/Novosibirsk", 3),
    ("Grace Lee", "grace.lee@example.org", R.designer,
     ("ux", "ui", "figma"), ("en", "zh"), "UTC", 8),
    # analysts
    ("Robert Taylor", "robert.taylor@example.org", R.analyst,
     ("sql", "pandas", "bi", "excel"), ("en",), "UTC", 7),
    ("Андрей Михайлов", "andrey.mikhailov@example.com", R.analyst,
     ("sql", "bi", "excel", "analytics"), ("ru", "en"), "Europe/Moscow", 5),
    ("Laura Schmidt", "laura.schmidt@example.org", R.analyst,
     ("pandas", "sql", "python"), ("de", "en"), "Europe/Berlin", 4),
    # marketers
    ("Виктория Алексеева", "victoria.alekseeva@example.com", R.marketer,
     ("seo", "copywriting", "smm"), ("ru",), "MSK", 4),
    ("Olivia White", "olivia.white@example.org", R.marketer,
     ("smm", "copywriting", "analytics"), ("en", "es"), "America/New_York", 3),
    ("Артём Никитин", "artem.nikitin@example.com", R.marketer,
     ("seo", "analytics", "excel"), ("ru", "en"), "Asia/Almaty", 6),
    # managers
    ("Thomas Anderson", "thomas.anderson@example.org", R.manager,
     ("crm", "onboarding", "excel", "billing"), ("en",), "Europe/London", 11),
    ("Ирина Захарова", "irina.zakharova@example.com", R.manager,
     ("customer-service", "crm", "bi", "billing"), ("ru", "en"), "Europe/Moscow", 9),
)

# Everyone else is active.
BUSY = frozenset({"dmitry.ivanov@example.com", "sarah.miller@example.org",
                  "daniel.wilson@example.org"})
OFFLINE = frozenset({"nikita.semenov@example.com", "grace.lee@example.org"})

# ---------------------------------------------------------------------------------------------
# Request templates per category: title, description, skill pool
# ---------------------------------------------------------------------------------------------

C = Category
Template = tuple[str, str, tuple[str, ...]]
REQUEST_TEMPLATES: dict[Category, tuple[Template, ...]] = {
    C.technical: (
        ("Не работает оплата картой",
         "Клиенты жалуются, что после ввода CVC страница оплаты зависает. Ошибка "
         "воспроизводится в Chrome и Safari с 10:00 по Москве.",
         ("python", "fastapi", "postgresql", "troubleshooting")),
        ("API returns 502 on /orders",
         "Since the last deploy about 5% of calls to GET /orders end with 502 Bad Gateway from "
         "nginx. Upstream logs show worker timeouts.",
         ("python", "fastapi", "linux", "docker")),
        ("Медленно открывается личный кабинет",
         "Главная страница личного кабинета грузится 8–10 секунд. Подозреваем тяжёлый "
         "SQL-запрос к истории заказов.",
         ("postgresql", "sql", "python", "django")),
        ("Login page shows a blank screen",
         "After the latest frontend release some users see a white screen on /login. The "
         "console shows \"Cannot read properties of undefined\".",
         ("javascript", "react", "typescript")),
        ("Ошибка 500 при загрузке аватара",
         "При загрузке изображения больше 5 МБ сервер отвечает 500. Нужно найти причину и "
         "показывать пользователю понятное сообщение.",
         ("python", "django", "linux")),
        ("Invoice e-mails are not delivered",
         "Customers report that invoice e-mails never arrive. The SMTP relay queue has grown to "
         "3,000 messages since yesterday evening.",
         ("linux", "troubleshooting", "aws")),
        ("Сбой синхронизации с CRM",
         "Новые лиды с сайта перестали попадать в CRM после обновления токена интеграции.",
         ("crm", "python", "troubleshooting")),
    ),
    C.support: (
        ("Клиент не может войти в аккаунт",
         "Пользователь сбросил пароль, но письмо с подтверждением не приходит. Нужно помочь "
         "восстановить доступ.",
         ("customer-service", "troubleshooting", "crm")),
        ("How do I export my data?",
         "A customer asks how to export all their projects to CSV before the trial ends.",
         ("customer-service", "onboarding")),
        ("Онбординг новой компании",
         "Компания «Вектор» подключила тариф Business: нужно провести онбординг и настроить "
         "роли для 25 сотрудников.",
         ("onboarding", "crm", "customer-service")),
        ("Complaint about response time",
         "A key account is unhappy that their last three tickets waited more than a day for "
         "the first reply.",
         ("customer-service", "zendesk", "crm")),
        ("Перенос обращений в Zendesk",
         "Нужно перенести открытые обращения из старого ящика поддержки в Zendesk и назначить "
         "ответственных.",
         ("zendesk", "crm")),
        ("Mobile app crashes on start",
         "Several users on Android 14 report that the app closes right after the splash "
         "screen. Collect device details and escalate.",
         ("troubleshooting", "customer-service")),
        ("Не приходят push-уведомления",
         "Клиент не получает уведомления о новых заказах, хотя они включены в настройках.",
         ("troubleshooting", "customer-service")),
    ),
    C.development: (
        ("Добавить фильтр по дате в отчёт",
         "В отчёте по заказам нужен фильтр по периоду с сохранением выбора в URL.",
         ("django", "python", "postgresql", "react")),
        ("Implement OAuth login with Google",
         "Users should be able to sign in with their Google account; link it to an existing "
         "account when the e-mail matches.",
         ("python", "fastapi", "typescript", "react")),
        ("Перевести форму заказа на React",
         "Старая форма оформления заказа написана на jQuery. Переписать на React + TypeScript "
         "без изменения дизайна.",
         ("react", "typescript", "css", "javascript")),
        ("Add pagination to /api/products",
         "The product list endpoint returns all 40k rows at once. Add limit/offset and a total "
         "count.",
         ("python", "fastapi", "postgresql", "go")),
        ("Сервис уведомлений на Go",
         "Написать небольшой сервис на Go, который читает события из очереди и рассылает "
         "уведомления по e-mail и в Telegram.",
         ("go", "postgresql", "docker")),
        ("Dark mode for the dashboard",
         "Add a dark theme to the admin dashboard that follows the system preference.",
         ("css", "vue", "javascript")),
        ("Миграция базы на PostgreSQL 16",
         "Подготовить и проверить миграцию схемы и данных с PostgreSQL 12 на 16.",
         ("postgresql", "sql", "python")),
    ),
    C.testing: (
        ("Регрессионное тестирование релиза 2.4",
         "Пройти регрессионный набор перед релизом 2.4 и завести баги на найденные дефекты.",
         ("manual-testing", "selenium")),
        ("Automate checkout smoke tests",
         "Cover the happy path of the checkout with browser tests that run on every merge.",
         ("selenium", "pytest")),
        ("Нагрузочное тестирование API заказов",
         "Проверить, выдерживает ли API заказов 500 запросов в секунду, и найти узкие места.",
         ("load-testing", "pytest")),
        ("Flaky tests in the CI pipeline",
         "About one build in five fails on random integration tests. Find and fix the flaky "
         "ones.",
         ("pytest", "ci-cd")),
        ("Проверить мобильную вёрстку",
         "Проверить новые страницы каталога на iPhone SE, Pixel 7 и планшетах.",
         ("manual-testing", "css")),
        ("Write a test plan for payments",
         "Describe test cases for the new payments module, including refunds and partial "
         "captures.",
         ("manual-testing", "pytest")),
        ("Покрыть тестами модуль скидок",
         "Модуль расчёта скидок не покрыт тестами; нужны юнит-тесты на граничные случаи.",
         ("pytest", "python")),
    ),
    C.design: (
        ("Новый дизайн страницы тарифов",
         "Переработать страницу тарифов: сравнение планов, акцент на годовой подписке.",
         ("figma", "ui", "ux")),
        ("Icon set for the mobile app",
         "Draw 24 outline icons in one style for the navigation and empty states.",
         ("illustration", "figma")),
        ("Улучшить UX формы регистрации",
         "Половина пользователей бросает регистрацию на втором шаге. Предложить упрощённый "
         "сценарий.",
         ("ux", "figma")),
        ("Landing page mock-ups for the spring campaign",
         "Three variants of the campaign landing page for an A/B test, desktop and mobile.",
         ("figma", "ui", "illustration")),
        ("Иллюстрации для блога",
         "Нужны пять обложек для статей блога в фирменном стиле.",
         ("illustration",)),
        ("Design system: buttons and inputs",
         "Describe the states of buttons and inputs in the design system and hand them off to "
         "the frontend team.",
         ("ui", "figma", "css")),
    ),
    C.marketing: (
        ("SEO-аудит сайта",
         "Провести технический SEO-аудит и составить список исправлений по приоритету.",
         ("seo", "analytics")),
        ("Write copy for the launch e-mail",
         "Short, friendly copy announcing the new mobile app to existing customers.",
         ("copywriting",)),
        ("Контент-план для соцсетей на май",
         "Составить контент-план на месяц для VK и Telegram-канала.",
         ("smm", "copywriting")),
        ("Analyse Q1 campaign performance",
         "Compare cost per lead across channels for Q1 and recommend where to shift budget.",
         ("analytics", "excel")),
        ("Статья о новых функциях",
         "Подготовить статью для блога о новых возможностях релиза 2.4 с учётом SEO.",
         ("copywriting", "seo")),
        ("Launch a referral campaign on LinkedIn",
         "Plan and launch a referral campaign aimed at HR managers.",
         ("smm", "analytics")),
    ),
    C.infrastructure: (
        ("Обновить кластер Kubernetes до 1.29",
         "Обновить продовый кластер без простоя, предварительно прогнать обновление на стенде.",
         ("kubernetes", "terraform", "linux")),
        ("Disk space alert on db-02",
         "The data volume on db-02 is 92% full and growing about 1% a day.",
         ("linux", "postgresql")),
        ("Настроить CI/CD для нового сервиса",
         "Сборка образа, прогон тестов и выкладка на стенд по каждому merge request.",
         ("ci-cd", "docker")),
        ("Move staging to AWS with Terraform",
         "Describe the staging environment in Terraform and move it from the on-prem servers "
         "to AWS.",
         ("aws", "terraform")),
        ("Истекает TLS-сертификат",
         "Сертификат api.example.com истекает через три дня; автопродление не сработало.",
         ("linux", "troubleshooting")),
        ("Set up PostgreSQL backups",
         "Nightly backups with point-in-time recovery and a monthly restore drill.",
         ("postgresql", "linux", "aws")),
        ("Контейнеризировать legacy-приложение",
         "Упаковать старое приложение в Docker-образ и описать запуск через compose.",
         ("docker", "linux")),
    ),
    C.analytics: (
        ("Отчёт по оттоку клиентов за квартал",
         "Посчитать отток по сегментам и тарифам, выделить основные причины.",
         ("sql", "pandas", "excel")),
        ("Build a BI dashboard for sales",
         "Sales managers need a daily dashboard with revenue, pipeline and win rate.",
         ("bi", "sql")),
        ("Выгрузка данных для финансового отдела",
         "Ежемесячная выгрузка оплат и возвратов в Excel по шаблону бухгалтерии.",
         ("sql", "excel")),
        ("Cohort analysis of new sign-ups",
         "Retention by weekly cohorts for the last six months, split by acquisition channel.",
         ("pandas", "sql", "analytics")),
        ("Расхождение цифр в отчётах",
         "Выручка в BI-отчёте и в выгрузке из биллинга отличается на 3%. Найти причину.",
         ("sql", "bi")),
        ("Forecast support load for next month",
         "Estimate the number of tickets per day for next month to plan the shifts.",
         ("pandas", "excel")),
    ),
    C.billing: (
        ("Двойное списание с карты клиента",
         "Клиенту дважды списали оплату за подписку. Проверить транзакции и оформить возврат.",
         ("billing", "customer-service")),
        ("Refund request for an annual plan",
         "The customer cancelled after two months and asks for a pro-rata refund.",
         ("billing", "crm")),
        ("Не сформирован закрывающий документ",
         "Юрлицо не получило акт за апрель; нужно сформировать и отправить документы.",
         ("billing", "excel")),
        ("Invoice shows the wrong VAT rate",
         "Invoices for customers in Germany show 0% VAT instead of 19%.",
         ("billing", "excel")),
        ("Смена тарифа не отразилась в счёте",
         "Клиент перешёл на тариф Pro, но в счёте по-прежнему указан Basic.",
         ("billing", "crm")),
        ("Payment failed but subscription is active",
         "The card was declined yet the subscription stayed active; reconcile the account.",
         ("billing", "troubleshooting")),
    ),
}

# An executor must have this skill to anchor a request of the category (mirrors a rule).
ANCHOR_SKILL: dict[Category, str] = {Category.billing: "billing"}

# Weights for the mix of requests (every value still appears at least once).
PRIORITY_WEIGHTS = {Priority.critical: 1, Priority.high: 3, Priority.medium: 4, Priority.low: 2}
COMPLEXITY_WEIGHTS = {Complexity.low: 3, Complexity.medium: 4, Complexity.high: 2,
                      Complexity.expert: 1}
# Hours until the deadline by priority: a (low, high) range, or None for no deadline.
DEADLINE_HOURS: dict[Priority, tuple[tuple[int, int] | None, ...]] = {
    Priority.critical: ((2, 8),),
    Priority.high: ((12, 48), (24, 72)),
    Priority.medium: ((72, 168), None),
    Priority.low: (None, None, (168, 336)),
}

# ---------------------------------------------------------------------------------------------
# Rules (the contract's shape; conditions on request fields, require/prefer on executor ones)
# ---------------------------------------------------------------------------------------------

RULES: tuple[dict[str, Any], ...] = (
    {
        "name": "Critical requests go to experienced executors",
        "description": "Критичные заявки — исполнителям с опытом от 5 лет и высокой "
        "успешностью.",
        "priority": 100,
        "is_active": True,
        "conditions": [{"field": "priority", "operator": "eq", "value": "critical"}],
        "require": [],
        "prefer": [
            {"field": "experience_years", "operator": "gte", "value": 5, "bonus": 20},
            {"field": "success_rate", "operator": "gte", "value": 0.85, "bonus": 10},
        ],
        "strategy": "best_match",
    },
    {
        "name": "Billing needs billing skills",
        "description": "Заявки по оплатам и счетам получают только исполнители с навыком "
        "billing; поддержка и менеджеры в приоритете.",
        "priority": 80,
        "is_active": True,
        "conditions": [{"field": "category", "operator": "eq", "value": "billing"}],
        "require": [{"field": "skills", "operator": "contains", "value": "billing"}],
        "prefer": [
            {"field": "role", "operator": "in", "value": ["support", "manager"], "bonus": 10},
        ],
        "strategy": None,
    },
    {
        "name": "Russian-speaking requests prefer Moscow time",
        "description": "Если заявке нужен русский язык, предпочитаем исполнителей в "
        "московском часовом поясе.",
        "priority": 50,
        "is_active": True,
        "conditions": [{"field": "required_languages", "operator": "contains", "value": "ru"}],
        "require": [],
        "prefer": [
            {"field": "timezone", "operator": "in", "value": ["MSK", "Europe/Moscow"],
             "bonus": 10},
        ],
        "strategy": None,
    },
    {
        "name": "Marketing in turn",
        "description": "Маркетинговые задачи раздаются по очереди, чтобы нагрузка была ровной.",
        "priority": 30,
        "is_active": True,
        "conditions": [{"field": "category", "operator": "eq", "value": "marketing"}],
        "require": [],
        "prefer": [{"field": "role", "operator": "eq", "value": "marketer", "bonus": 15}],
        "strategy": "round_robin",
    },
)

# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------


def _status(email: str) -> ExecutorStatus:
    if email in BUSY:
        return ExecutorStatus.busy
    if email in OFFLINE:
        return ExecutorStatus.offline
    return ExecutorStatus.active


def _executor(row: tuple, rng: random.Random) -> dict[str, Any]:
    name, email, role, skills, languages, timezone, experience = row
    daily_limit = rng.randint(4, 12) if experience >= 3 else rng.randint(3, 8)
    return {
        "name": name,
        "email": email,
        "role": role.value,
        "skills": list(skills),
        "languages": list(languages),
        "timezone": timezone,
        "experience_years": experience,
        "status": _status(email).value,
        "daily_limit": daily_limit,
        "capacity": rng.choice([None, None, rng.randint(2, daily_limit)]),
        "success_rate": round(rng.uniform(0.72, 0.98), 2),
        "weight": round(rng.uniform(0.4, 1.0), 2),
    }


def sample_executors() -> list[dict[str, Any]]:
    """The demo team: every role, several skill families, Russian- and English-speaking."""
    rng = random.Random(EXECUTOR_SEED)
    return [_executor(row, rng) for row in EXECUTORS]


def _spread(rng: random.Random, weights: dict[Any, int], count: int) -> list[Any]:
    """`count` values drawn by weight, each value present at least once when count allows."""
    values = list(weights)
    extra = rng.choices(values, weights=list(weights.values()), k=max(count - len(values), 0))
    picked = values + extra
    rng.shuffle(picked)
    return picked[:count]


def _balanced(rng: random.Random, values: list[Any], count: int) -> list[Any]:
    """`count` values in shuffled order, each appearing equally often (±1)."""
    picked = (values * (count // len(values) + 1))[:count]
    rng.shuffle(picked)
    return picked


def _is_russian(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)


def _anchor(
    rng: random.Random, category: Category, pool: tuple[str, ...], team: list[dict[str, Any]]
) -> dict[str, Any]:
    """An active executor who could take the request (shares skills with the pool)."""
    must = ANCHOR_SKILL.get(category)
    fits = [
        e for e in team
        if set(e["skills"]) & set(pool) and (must is None or must in e["skills"])
    ]
    return rng.choice(fits or team)


def _languages(rng: random.Random, title: str, anchor: dict[str, Any]) -> list[str]:
    spoken = anchor["languages"]
    native = "ru" if _is_russian(title) else "en"
    roll = rng.random()
    if native in spoken and roll < 0.45:
        return [native]
    others = [code for code in spoken if code not in ("ru", "en")]
    if others and roll > 0.93:
        return [rng.choice(others)]
    return []


def _deadline(rng: random.Random, priority: Priority) -> int | None:
    window = rng.choice(DEADLINE_HOURS[priority])
    return None if window is None else rng.randint(*window)


def _request(
    rng: random.Random,
    template: Template,
    category: Category,
    priority: Priority,
    complexity: Complexity,
    team: list[dict[str, Any]],
) -> dict[str, Any]:
    title, description, pool = template
    anchor = _anchor(rng, category, pool, team)
    shared = [skill for skill in pool if skill in anchor["skills"]]
    skill_count = min(rng.choice((0, 1, 1, 2, 2, 3)), len(shared))
    return {
        "title": title,
        "description": description,
        "category": category.value,
        "priority": priority.value,
        "complexity": complexity.value,
        "required_skills": rng.sample(shared, skill_count),
        "required_languages": _languages(rng, title, anchor),
        "timezone_preference": anchor["timezone"] if rng.random() < 0.2 else None,
        "deadline_in_hours": _deadline(rng, priority),
    }


def sample_requests(count: int = 100) -> list[dict[str, Any]]:
    """`count` demo requests; with 9 or more, every category, priority and complexity occurs."""
    rng = random.Random(REQUEST_SEED)
    team = [e for e in sample_executors() if e["status"] == ExecutorStatus.active.value]
    categories = _balanced(rng, list(Category), count)
    priorities = _spread(rng, PRIORITY_WEIGHTS, count)
    complexities = _spread(rng, COMPLEXITY_WEIGHTS, count)
    # Walk each category's templates in a shuffled order so repeats are as rare as possible.
    decks = {c: rng.sample(REQUEST_TEMPLATES[c], len(REQUEST_TEMPLATES[c])) for c in Category}
    used = dict.fromkeys(Category, 0)
    requests = []
    for category, priority, complexity in zip(categories, priorities, complexities, strict=True):
        deck = decks[category]
        template = deck[used[category] % len(deck)]
        used[category] += 1
        requests.append(_request(rng, template, category, priority, complexity, team))
    return requests


def sample_rules() -> list[dict[str, Any]]:
    """Four demo rules; none of them leaves a sample request without an eligible executor."""
    return copy.deepcopy(list(RULES))
