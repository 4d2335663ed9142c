"""The layout holds: no import cycle, the engine below the content core, plugins use each other's public API only.

Read from the source (an AST walk over plugins/ and services/), so it needs nothing installed.
"""

import ast
import functools
import os
import subprocess
import sys

import pytest
from conftest import PYTHONPATH, ROOT

FOLDERS = ("plugins", "services")


def modules():
    """{module name: path} of every module in plugins/ and services/."""
    found = {}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


@functools.cache
def parsed(path):
    """A module's syntax tree, parsed once for every test here."""
    return ast.parse(path.read_text(encoding="utf-8"))


def imports(name, path, known):
    """The project modules ``name`` imports (absolute and relative, also inside functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names]
            if not name.startswith(base + "."):  # a module's own package is imported already
                targets.append(base)
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycle(edges):
    """One import cycle as a list of modules, or None (depth-first search)."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if state.get(other) == "open":
                return stack[stack.index(other) :] + [other]
            if other not in state:
                found = visit(other)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def packages(edges):
    """The same graph between top-level packages (dtz_content, dtz_build, ...)."""
    top = {}
    for name, targets in edges.items():
        top.setdefault(name.split(".")[0], set()).update(t.split(".")[0] for t in targets)
    return {name: targets - {name} for name, targets in top.items()}


def test_no_module_imports_itself_round_about():
    assert cycle(graph()) is None


def test_no_package_cycle_and_the_engine_knows_no_plugin():
    between = packages(graph())
    assert cycle(between) is None
    assert between["dtz_contract"] == set()  # shared by both sides, it imports neither
    assert between["dtz_build"] <= {"dtz_contract"}  # content-blind: it imports no plugin
    assert between["dtz_content"] <= {"dtz_build", "dtz_contract"}


@pytest.mark.parametrize("service", ["dtz_contract", "dtz_send", "dtz_mail", "dtz_subscribe", "dtz_deploy", "dtz_check"])
def test_services_that_do_not_run_pelican_never_load_it(service):
    """Every module of the service imported in a fresh interpreter: Pelican is not among what it loaded."""
    names = [name for name in modules() if name.split(".")[0] == service and name.split(".")[-1] != "__main__"]
    code = f"import importlib, sys\nfor name in {names!r}:\n    importlib.import_module(name)\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'pelican'))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PYTHONPATH}, check=True)
    assert len(names) > 1 and found.stdout == "[]\n"


def public(package):
    """The names a package's ``__init__.py`` lists in ``__all__``."""
    tree = ast.parse((ROOT / "plugins" / package / "__init__.py").read_text(encoding="utf-8"))
    listed = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "__all__")
    return {element.value for element in listed.elts}


def test_other_packages_use_only_the_core_and_engine_public_names():
    """``dtz_content.catalog``, ``dtz_build.DiskCache``: never a module inside them that is not in ``__all__``."""
    allowed = {f"{package}.{name}" for package in ("dtz_content", "dtz_build") for name in public(package)}
    inner = {}
    for name, targets in graph().items():
        if name.split(".")[0] in ("dtz_content", "dtz_build"):
            continue
        for target in targets:
            if target.split(".")[0] in ("dtz_content", "dtz_build") and "." in target and target not in allowed:
                inner.setdefault(name, set()).add(target)
    assert inner == {}


def test_the_finder_sees_relative_and_absolute_imports():
    """The walk itself: a module importing a sibling relatively and a package absolutely."""
    edges = graph()
    assert "dtz_content.model" in edges["dtz_content.catalog"]
    assert "dtz_content" in edges["dtz_site"]


def test_no_build_state_in_module_globals():
    """No ``global`` statement anywhere: a build's state lives in its Run (dtz_build.run)."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}" for path in modules().values() for node in ast.walk(parsed(path)) if isinstance(node, ast.Global)
    ]
    assert found == []
