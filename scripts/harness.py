"""Small helpers shared by the load scripts (scripts/soak.py, bench/run.py)."""

import os
import socket


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
