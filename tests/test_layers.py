"""Dependencies point one way: `models/` stands on the domain core only, and within
`narratives/` only the composition root imports `models`."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = {"narratives.types", "narratives.errors", "narratives.protocols", "narratives.config"}


def imported_modules(path: Path) -> set[str]:
    """Every module an `import` or `from ... import` in `path` names, lazy ones included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(package: str, allowed) -> dict[str, list[str]]:
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = sorted(m for m in imported_modules(path) if not allowed(path, m))
        if bad:
            out[str(path.relative_to(ROOT))] = bad
    return out


def test_models_import_only_the_domain_core():
    def allowed(_path: Path, module: str) -> bool:
        return not module.startswith("narratives") or module in CORE

    assert offenders("models", allowed) == {}


def test_only_the_composition_root_imports_models():
    root = ROOT / "narratives" / "composition.py"

    def allowed(path: Path, module: str) -> bool:
        return path == root or not (module == "models" or module.startswith("models."))

    assert offenders("narratives", allowed) == {}


def test_the_check_sees_lazy_imports(tmp_path):
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from models.embedder import MiniLMEmbedder\n", encoding="utf-8")
    assert "models.embedder" in imported_modules(module)
