"""`narratives serve`: seeds the store once, prints the URL, warns about missing models."""
from __future__ import annotations

import pytest
import werkzeug.serving
from click.testing import CliRunner
from service_fakes import fake_service

import service
from narratives.cli import cli


class _Server:
    server_port = 8123

    def serve_forever(self):
        raise KeyboardInterrupt

    def server_close(self):
        pass


@pytest.fixture()
def run_serve(monkeypatch, tmp_path):
    """Invoke `narratives serve` with fake models and a server that stops at once."""
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    monkeypatch.setenv("NARRATIVES_DATABASE_URL", url)
    real_create_app = service.create_app

    def run(*args: str, models: bool = True):
        svc = fake_service(url, models=models)
        monkeypatch.setattr(service, "create_app", lambda: real_create_app({"NARRATIVES_SERVICE": svc}))
        monkeypatch.setattr(werkzeug.serving, "make_server", lambda host, port, app, threaded, request_handler: _Server())
        return CliRunner().invoke(cli, ["serve", *args]), svc

    return run


def test_serve_seeds_once_and_prints_the_url(run_serve, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Russian Defense Ministry said the strike hit a depot.\n", encoding="utf-8")
    result, svc = run_serve("--port", "8123", "--seed", str(seeds))
    assert result.exit_code == 0, result.output
    assert "serving on http://127.0.0.1:8123/" in result.output
    assert "1 analysed, 0 already stored" in result.output
    assert svc.store.counts()["articles"] == 1
    again, _ = run_serve("--seed", str(seeds))
    assert "0 analysed, 1 already stored" in again.output


def test_serve_without_models_warns_and_still_serves(run_serve, tmp_path):
    result, svc = run_serve("--seed", str(tmp_path), models=False)
    assert result.exit_code == 0, result.output
    assert "index not ready" in result.output and "not analysed" in result.output
    assert "serving on" in result.output
