"""Dependencies point one way: bot → retrieval → corpus, and bot uses retrieval's public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "corpus": {"retrieval", "bot", "telegram"},
    "retrieval": {"bot", "telegram"},
    "bot": {"corpus", "chromadb", "langchain_core", "langchain_chroma"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_one_way(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_bot_uses_only_public_retrieval_names() -> None:
    import retrieval

    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("retrieval")
            ):
                if node.module != "retrieval":
                    offenders.append(f"{path.name}: from {node.module}")
                offenders += [
                    f"{path.name}: {a.name}" for a in node.names if a.name not in retrieval.__all__
                ]
    assert offenders == []


def test_public_names_resolve() -> None:
    import corpus
    import retrieval

    for package in (corpus, retrieval):
        for name in package.__all__:
            assert getattr(package, name) is not None
