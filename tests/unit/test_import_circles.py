"""No import circle among the product's packages: every import a module makes (at the top, inside a
function, or under TYPE_CHECKING) counts, and a module that reaches itself again fails the test."""

from __future__ import annotations

import ast
from collections.abc import Collection
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("schemas", "pipeline", "dashboard")


def modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Every module of the packages under root, by dotted name (a package by its __init__.py)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imported(node: ast.AST, here: str, is_package: bool, known: Collection[str]) -> set[str]:
    """The modules of `known` an import statement loads: `from a import b` loads the module a.b if
    there is one, else a (a name defined in a, or handed on by a's __init__.py)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if not isinstance(node, ast.ImportFrom):
        return set()
    base = node.module or ""
    if node.level:  # a relative import: from the package this module is in
        package = here.split(".") if is_package else here.split(".")[:-1]
        anchor = package[: len(package) - node.level + 1]
        base = ".".join([*anchor, *([base] if base else [])])
    loaded = {f"{base}.{alias.name}" for alias in node.names}
    return {name if name in known else base for name in loaded} & set(known)


def imports(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the modules of the packages it imports."""
    known = modules(root, packages)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        wanted = set().union(*(_imported(n, name, is_package, known) for n in ast.walk(tree)))
        graph[name] = wanted - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_schemas_pipeline_and_dashboard_have_no_import_circle() -> None:
    found = circles(imports(REPO, PACKAGES))
    assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_a_circle_through_a_function_level_or_type_checking_import_is_found(
    tmp_path: Path,
) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub.c import C\n")
    (pkg / "a.py").write_text("def f():\n    from pkg import b\n")
    (pkg / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n"
    )
    (pkg / "sub" / "c.py").write_text("from . import d\nC = 1\n")
    (pkg / "sub" / "d.py").write_text("from .. import sub\n")
    (pkg / "e.py").write_text("import pkg.a\n")
    graph = imports(tmp_path, ("pkg",))
    assert graph["pkg.e"] == {"pkg.a"}
    assert circles(graph) == [["pkg.a", "pkg.b"], ["pkg.sub", "pkg.sub.c", "pkg.sub.d"]]


def test_a_house_without_circles_passes(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import x\n")
    (pkg / "b.py").write_text("x = 1\n")
    assert circles(imports(tmp_path, ("pkg",))) == []
