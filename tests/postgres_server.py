"""A throwaway PostgreSQL server for the test run, from Debian's `postgresql` package.

`initdb` into a temporary directory, `pg_ctl start` listening only on a Unix socket in
that directory (no TCP port), `pg_ctl stop` at the end. As root (CI), the server runs as
the package's `postgres` user, since PostgreSQL refuses to run as root.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def find_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory with initdb and pg_ctl, if any."""
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path
    user: str
    _databases: int = 0

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        import psycopg

        self._databases += 1
        name = f"test_{os.getpid()}_{self._databases}"
        with psycopg.connect(host=str(self.socket_dir), user=self.user, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, *command: str) -> None:
        if os.geteuid() == 0:
            command = ("runuser", "-u", self.user, "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def start_server(bin_dir: Path) -> PostgresServer:
    root = Path(tempfile.mkdtemp(prefix="narratives-pg-"))
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    (root / "socket").mkdir()
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        for path in (root, root / "socket"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(bin_dir, root, user)
    data = str(root / "data")
    server._run(str(bin_dir / "initdb"), "-D", data, "-U", user, "--auth=trust", "--no-sync", "-E", "UTF8")
    options = f"-c listen_addresses='' -c unix_socket_directories={root / 'socket'} -c fsync=off -c max_connections=200"
    server._run(str(bin_dir / "pg_ctl"), "-D", data, "-o", options, "-w", "-l", str(root / "log"), "start")
    return server
