"""Real processes for everything that runs the site as production runs it: the fault
and layout tests (tests/ops), the soak (scripts/soak.py) and the bench
(bench/run.py). One copy, so they cannot drift apart.

A private PostgreSQL cluster and Redis on free loopback ports, the environment of
production settings, manage.py commands, gunicorn and other long-running
processes in their own process groups, and plain HTTP requests to them.

``HarnessError``: something could not be started or did not answer in time.
``Unavailable`` (a kind of it): this machine lacks a tool or user the harness
needs; tests skip on it, the scripts exit with a clear message.
"""

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")
VENV_BIN = ROOT / ".venv" / "bin"
BIN = VENV_BIN if (VENV_BIN / "gunicorn").exists() else Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"
# Debian's Chromium and the flags that work on these machines (no downloads, no
# sandbox in containers): the browser tests and the screenshots use them.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUEST_TIMEOUT = 35  # longer than gunicorn's default --timeout 30 here


class HarnessError(Exception):
    """A process could not be started, or did not answer in time."""


class Unavailable(HarnessError):
    """This machine lacks a tool or an OS user the harness needs."""


# --- the environment of the scripts ---------------------------------------------


def env_number(name: str, default: float) -> float:
    """A number from the environment, or a clear exit when it is not one."""
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a number, not {value!r}") from None


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes", "on"}


def stop_on_sigterm(signum, frame):
    """SIGTERM (e.g. make being stopped) unwinds like Ctrl-C, so servers are stopped."""
    raise KeyboardInterrupt


# --- waiting ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise HarnessError(f"timed out after {timeout:.0f}s waiting for {what}")


def pg_binary(name: str) -> str | None:
    for directory in PG_BIN_DIRS:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def require(*tools: str) -> None:
    """Raise Unavailable naming every tool in ``tools`` this machine lacks
    (PostgreSQL's server binaries, redis-server, gunicorn, psql, ...)."""
    found = {
        "gunicorn": str(GUNICORN) if GUNICORN.exists() else None,
        "redis-server": shutil.which("redis-server"),
    }
    missing = [
        tool
        for tool in tools
        if (found[tool] if tool in found else pg_binary(tool)) is None
    ]
    if missing:
        raise Unavailable(f"this machine lacks {', '.join(missing)}")


# --- servers ---------------------------------------------------------------------


class PrivatePostgres:
    """A throw-away cluster: initdb into a temporary directory, trust auth, loopback
    only, run as the ``postgres`` OS user when we are root (initdb refuses root)."""

    def __init__(self, prefix: str = "cms-pg-"):
        require("initdb", "pg_ctl")
        self.initdb = pg_binary("initdb")
        self.pg_ctl = pg_binary("pg_ctl")
        self.port = free_port()
        self.as_user: list[str] = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable(
                    "running as root and there is no 'postgres' OS user"
                ) from None
            runuser = shutil.which("runuser") or "/usr/sbin/runuser"
            self.as_user = [runuser, "-u", "postgres", "--"]
        self.base = Path(tempfile.mkdtemp(prefix=prefix))
        if owner is not None:
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            [*self.as_user, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            cwd=self.base,
            check=False,
        )
        if done.returncode != 0:
            raise HarnessError(
                f"{Path(args[0]).name} failed: {done.stdout[-2000:]}"
                f"{done.stderr[-2000:]}"
            )

    def init(self) -> None:
        self._run(
            *(self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres"),
            *("-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            *(self.pg_ctl, "-D", str(self.data), "-l", str(self.log)),
            *("-o", options, "-w", "-t", "60", "start"),
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def create_database(self, name: str) -> str:
        """Create ``name`` and return its DATABASE_URL."""
        import psycopg  # the project's driver; only this method needs it

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def cleanup(self, keep: bool = False) -> None:
        try:
            if self.running():
                self.stop("immediate")
        finally:
            if not keep:
                shutil.rmtree(self.base, ignore_errors=True)


class PrivateRedis:
    def __init__(self, workdir: Path):
        require("redis-server")
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        with open(self.workdir / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    *("--port", str(self.port), "--bind", "127.0.0.1"),
                    *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                    *("--dir", str(self.workdir)),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        wait_for(lambda: port_open(self.port), 10, "redis-server to listen")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


# --- the site --------------------------------------------------------------------

# Settings a developer's shell may carry that must not reach a production process.
SHELL_SETTINGS = (
    *("DJANGO_", "DATABASE_", "REDIS_", "PAGE_CACHE", "FRONTEND_CACHE"),
    *("CLOUDFLARE_", "AWS_", "SECURE_", "CSRF_", "DB_", "CACHE_", "MEDIA_"),
    *("TEST_", "EMAIL_"),
)


def production_env(
    database_url: str, redis_url: str, media: Path, port: int, **overrides: str
) -> dict:
    """What cms.settings.production needs, and nothing the shell carried. An empty
    ``redis_url`` leaves REDIS_URL out (the set-up without Redis). Static files are
    collected next to ``media``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(SHELL_SETTINGS)}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        WEB_ARCHIVE_ROOT=str(media.parent / "webarchive"),
        # A folder of its own: sites built at once must not collect into one.
        STATIC_ROOT=str(media.parent / "static"),
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BASE_URL=f"http://127.0.0.1:{port}",
        EMAIL_URL="console://",
        SECURE_SSL_REDIRECT="false",
        DB_CONNECT_TIMEOUT="2",
        PAGE_CACHE="on",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(overrides)
    return env


def start_manage(env: dict, *args: str) -> subprocess.Popen:
    """``manage.py`` with ``args`` in the background; see finish()."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def finish(process: subprocess.Popen, what: str, timeout: float = 900) -> str:
    """Wait for a start_manage() process; its output, or HarnessError."""
    out, err = process.communicate(timeout=timeout)
    if process.returncode != 0:
        raise HarnessError(
            f"{what} failed:\n{out.decode()[-2000:]}{err.decode()[-3000:]}"
        )
    return out.decode()


def manage(env: dict, *args: str, timeout: float = 900) -> str:
    return finish(start_manage(env, *args), f"manage.py {args[0]}", timeout)


def build_site(env: dict) -> None:
    """collectstatic (it needs no database) while migrate and load_demo run."""
    collectstatic = start_manage(env, "collectstatic", "--noinput")
    steps = [collectstatic]
    try:
        for args in (("migrate", "--noinput"), ("load_demo",)):
            steps.append(start_manage(env, *args))
            finish(steps[-1], args[0])
        finish(collectstatic, "collectstatic")
    finally:
        for process in steps:  # interrupted or failed: leave nothing running
            if process.poll() is None:
                process.kill()
                process.wait()


def start_process(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """A long-running process (the scheduler, a worker) in its own process group,
    its output appended to ``log``; stop it with stop_group()."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_group(process, timeout: float = 15) -> None:
    """Stop a process started in its own session, and every child it left."""
    if process is None:
        return
    if process.poll() is None:
        process.terminate()  # graceful: gunicorn's master stops its workers
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    # Any child left behind is in the group the process led.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


class Gunicorn:
    """gunicorn as the README's deploy section runs it (``cms.wsgi:application``),
    in its own process group; start() returns once /healthz answers."""

    def __init__(
        self,
        env: dict,
        port: int,
        log: Path,
        workers: int = 2,
        options: tuple[str, ...] = ("--timeout", "30"),
    ):
        self.env, self.port, self.log = env, port, log
        self.workers, self.options = workers, options
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self) -> None:
        require("gunicorn")
        self.process = start_process(
            [
                str(GUNICORN),
                "cms.wsgi:application",
                *("--workers", str(self.workers)),
                *("--bind", f"127.0.0.1:{self.port}"),
                *self.options,
            ],
            self.env,
            self.log,
        )

        def ready() -> bool:
            if self.process.poll() is not None:
                raise HarnessError(
                    f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}"
                )
            return fetch(self.base_url + "/healthz", 5)[0] == 200

        wait_for(ready, 60, "gunicorn to answer /healthz")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def worker_pids(self) -> set[int]:
        """The workers' process ids (empty on a kernel without the children file)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if not children.exists():
            return set()
        return {int(child) for child in children.read_text().split()}

    def log_tail(self, lines: int = 60) -> str:
        """The last lines of the log that are not one reader's request."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        kept = [
            line
            for line in text.splitlines()
            if not ('"cms.requests"' in line and '"INFO"' in line)
        ]
        return "\n".join(kept[-lines:])

    def stop(self) -> None:
        stop_group(self.process)
        self.process = None


# --- HTTP ------------------------------------------------------------------------


def fetch(url: str, timeout: float = REQUEST_TIMEOUT, agent: str = "cms-harness"):
    """(status, headers, body); status 0 with the error as body when the request
    did not get an HTTP answer at all."""
    request = urllib.request.Request(url, headers={"User-Agent": agent})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except OSError as error:
        return 0, {}, repr(error).encode()
