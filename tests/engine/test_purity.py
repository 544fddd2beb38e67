"""The engine stays pure: stdlib (minus I/O), numpy and its own package, nothing else."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import executor_balancer.engine as engine

ENGINE_DIR = Path(engine.__file__).parent
ALLOWED_PACKAGES = {"numpy", "executor_balancer.domain", "executor_balancer.engine"}
# Standard-library modules that reach outside the process or read the clock.
FORBIDDEN_STDLIB = {
    "asyncio", "ftplib", "http", "io", "logging", "multiprocessing", "os", "pathlib", "pickle",
    "random", "select", "shelve", "shutil", "signal", "socket", "sqlite3", "ssl", "subprocess",
    "sys", "tempfile", "threading", "time", "urllib",
}  # fmt: skip
FORBIDDEN_CALLS = {"open", "print", "input", "exec", "eval", "__import__"}
MODULES = sorted(ENGINE_DIR.glob("*.py"))


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "use absolute imports inside the engine"
            names.add(node.module or "")
    return names


def allowed(module: str) -> bool:
    if module == "__future__":
        return True
    if any(module == p or module.startswith(p + ".") for p in ALLOWED_PACKAGES):
        return True
    top = module.split(".")[0]
    return top in sys.stdlib_module_names and top not in FORBIDDEN_STDLIB


def test_engine_has_modules() -> None:
    assert {p.stem for p in MODULES} >= {"pool", "reference", "types", "rules", "explain"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_only_pure_dependencies(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = sorted(m for m in imported_modules(tree) if not allowed(m))
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_calls_no_io_builtins(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & FORBIDDEN_CALLS, f"{path.name} calls {sorted(calls & FORBIDDEN_CALLS)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_never_reads_the_clock(path: Path) -> None:
    """Decisions take `now` as an argument, so they can be replayed."""
    source = path.read_text(encoding="utf-8")
    assert ".now(" not in source and ".today(" not in source and "utcnow" not in source
