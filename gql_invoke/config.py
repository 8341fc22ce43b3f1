"""Settings: <root>/gql_invoke.yaml, each key overridable by env GQL_INVOKE_<KEY>.

Start-up must fail loudly on a typo: an unknown key or a value of the wrong type
stops the server with a message naming the key and where it came from.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from gql_invoke.domain import QueuePolicy

CONFIG_FILENAME = "gql_invoke.yaml"
ENV_PREFIX = "GQL_INVOKE_"
DEFAULT_MAX_PENDING_JOBS = 500
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
# GQL_INVOKE_* variables that are not configuration keys: the root itself, and the
# database the aerich CLI authors migrations against (tools/regen_migration.sh).
NON_KEY_ENV = frozenset({ENV_PREFIX + "ROOT", ENV_PREFIX + "AERICH_DB_URL"})


class ConfigError(Exception):
    """The configuration cannot be used; the message says which key and where."""


@dataclass
class Settings:
    multiuser: bool = False
    host: str = "127.0.0.1"
    port: int = 9090
    # Single-user mode has no sign-in: serving it beyond loopback needs this (launch.py).
    allow_unauthenticated_network: bool = False
    # Empty means the embedded SQLite database under <root>/databases/.
    db_url: str = ""
    use_memory_db: bool = False
    jwt_token_expiry_hours: int = 24
    jwt_remember_me_days: int = 7
    graphiql: bool = True
    introspection: bool = True
    cors_origins: list[str] = field(default_factory=list)
    # DNS rebinding: Host headers answered besides IP literals, localhost and the
    # host of public_url.
    allowed_hosts: list[str] = field(default_factory=list)
    # The URL users reach the server at (behind a proxy), e.g. https://gen.example.org.
    public_url: str = ""
    # Addresses (IPs or CIDRs) whose X-Forwarded-For / X-Forwarded-Proto are believed.
    trusted_proxies: list[str] = field(default_factory=list)
    # Largest /graphql request body (and websocket frame) in bytes.
    max_request_bytes: int = 1_048_576
    # Largest multipart upload (uploadImage) in bytes, the whole request body.
    max_upload_bytes: int = 20 * 1_048_576
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 100
    login_failure_window_minutes: int = 15
    image_url_lifetime_seconds: int = 3600
    # Empty means FAIR_SHARE in multiuser mode and FIFO in single-user mode.
    queue_policy: str = ""
    fair_share_window_minutes: int = 60
    pipeline_cache_size: int = 2
    # Empty means cuda when available, else cpu.
    device: str = ""
    previews: bool = True
    previews_per_second: int = 4
    worker_enabled: bool = True
    # One worker process per entry (cpu, mps, cuda, cuda:N); empty: one on `device`.
    generation_devices: list[str] = field(default_factory=list)
    # A claimed item's lease; its worker renews it every third of this.
    worker_lease_seconds: int = 30
    build_demo_model: bool = True
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    # Static query cost (fields x page sizes, schema/query_cost.py): 5x the heaviest
    # operation of the web UI (playground/ui-operations.graphql; a test keeps it so).
    max_query_cost: int = 18_010
    max_connections_per_user: int = 20
    max_subscriptions_per_user: int = 200
    # Pending jobs of users without their own maxPendingJobs quota; 0 means the
    # default (500 in multiuser mode, unlimited in single-user mode); -1 unlimited.
    default_max_pending_jobs: int = 0
    # Boards one user may own (admins are exempt).
    max_boards: int = 1000
    log_level: str = "info"

    # Not configuration keys: where the settings were resolved.
    root: Path = field(default=Path("."), metadata={"internal": True})

    @property
    def database_url(self) -> str:
        if self.use_memory_db:
            return "sqlite://:memory:"
        if self.db_url:
            return self.db_url
        db_file = self.root / "databases" / "gql_invoke.db"
        return f"sqlite://{db_file}?journal_mode=WAL&synchronous=FULL&busy_timeout=10000"

    @property
    def outputs_dir(self) -> Path:
        return self.root / "outputs"

    @property
    def models_dir(self) -> Path:
        return self.root / "models"

    @property
    def effective_max_pending_jobs(self) -> int | None:
        """The pending-job cap of users without their own quota (None: no cap)."""
        if self.default_max_pending_jobs == -1:
            return None
        if self.default_max_pending_jobs == 0:
            return DEFAULT_MAX_PENDING_JOBS if self.multiuser else None
        return self.default_max_pending_jobs

    @property
    def effective_queue_policy(self) -> str:
        if self.queue_policy:
            return self.queue_policy
        return QueuePolicy.FAIR_SHARE if self.multiuser else QueuePolicy.FIFO


def config_keys() -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(Settings) if not f.metadata.get("internal")}


def resolve_root(root: str | os.PathLike[str] | None = None) -> Path:
    if root:
        return Path(root).expanduser().resolve()
    env_root = os.environ.get(ENV_PREFIX + "ROOT")
    if env_root:
        return Path(env_root).expanduser().resolve()
    return (Path.home() / "gql-invoke").resolve()


def _coerce(key: str, value: Any, source: str) -> Any:
    """Check a file value, or parse an env string, against the field's type."""
    expected = config_keys()[key].type
    from_env = source.startswith("env ")
    if expected in ("bool", bool):
        return _coerce_bool(key, value, source, from_env)
    if expected in ("int", int):
        return _coerce_int(key, value, source, from_env)
    if expected in ("str", str):
        if isinstance(value, str):
            return value
        raise ConfigError(f"{source}: key '{key}' must be a string, got {value!r}")
    if expected in ("list[str]",):
        return _coerce_str_list(key, value, source, from_env)
    raise ConfigError(f"{source}: key '{key}' has an unsupported type")  # pragma: no cover


def _coerce_bool(key: str, value: Any, source: str, from_env: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if from_env and text in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        return text in ("1", "true", "yes", "on")
    raise ConfigError(f"{source}: key '{key}' must be true or false, got {value!r}")


def _coerce_int(key: str, value: Any, source: str, from_env: bool) -> int:
    if isinstance(value, bool):
        raise ConfigError(f"{source}: key '{key}' must be an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if from_env:
        try:
            return int(str(value).strip())
        except ValueError:
            pass
    raise ConfigError(f"{source}: key '{key}' must be an integer, got {value!r}")


def _coerce_str_list(key: str, value: Any, source: str, from_env: bool) -> list[str]:
    if from_env and isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{source}: key '{key}' is not a JSON list: {exc}") from exc
        else:
            value = [v.strip() for v in text.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{source}: key '{key}' must be a list of strings, got {value!r}")


def _validate(settings: Settings, sources: dict[str, str], default_source: str) -> None:
    def source_of(key: str) -> str:
        return sources.get(key, default_source)

    _validate_numbers(settings, source_of)
    _validate_addresses(settings, source_of)
    _validate_choices(settings, source_of)


_AT_LEAST_ONE = (
    "port",
    "jwt_token_expiry_hours",
    "jwt_remember_me_days",
    "login_max_failures_per_account",
    "login_max_failures_per_ip",
    "login_failure_window_minutes",
    "image_url_lifetime_seconds",
    "pipeline_cache_size",
    "previews_per_second",
    "max_query_depth",
    "max_aliases",
    "max_tokens",
    "fair_share_window_minutes",
    "max_request_bytes",
    "max_upload_bytes",
    "max_connections_per_user",
    "max_subscriptions_per_user",
    "max_boards",
    "max_query_cost",
)


def _validate_numbers(settings: Settings, source_of: Callable[[str], str]) -> None:
    for key in _AT_LEAST_ONE:
        if getattr(settings, key) < 1:
            raise ConfigError(f"{source_of(key)}: key '{key}' must be at least 1")
    if settings.default_max_pending_jobs < -1:
        raise ConfigError(
            f"{source_of('default_max_pending_jobs')}: key "
            "'default_max_pending_jobs' must be -1 (unlimited), 0 (default) or more"
        )


def _validate_addresses(settings: Settings, source_of: Callable[[str], str]) -> None:
    if settings.public_url and not settings.public_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"{source_of('public_url')}: key 'public_url' must start with http:// or https://"
        )
    if settings.public_url and urlsplit(settings.public_url).path.strip("/"):
        # The pages load /assets/... from the root of the host: a sub-path would break them.
        raise ConfigError(
            f"{source_of('public_url')}: key 'public_url' must be the root of a host (e.g. "
            "https://art.example.org), not a path under it: serve gql-invoke from its own "
            "(sub)domain"
        )
    for key in ("trusted_proxies",):
        for value in getattr(settings, key):
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise ConfigError(
                    f"{source_of(key)}: key '{key}': {value!r} is not an IP address or CIDR network"
                ) from None
    if settings.port > 65535:
        raise ConfigError(f"{source_of('port')}: key 'port' must be at most 65535")


# Longer, and a dead worker's job would wait that long to run again; the sweep's date
# arithmetic overflowed on absurd values.
MAX_LEASE_SECONDS = 86_400
# What the code tells apart (startswith("postgres")); tortoise's other schemes, such as
# asyncpg://, would pass for SQLite there.
DB_URL_SCHEMES = ("postgres://", "postgresql://", "sqlite://")


def _is_device(name: str) -> bool:
    return name in ("cpu", "mps", "cuda") or re.fullmatch(r"cuda:[0-9]{1,2}", name) is not None


def _validate_choices(settings: Settings, source_of: Callable[[str], str]) -> None:
    if settings.queue_policy and settings.queue_policy not in tuple(QueuePolicy):
        raise ConfigError(
            f"{source_of('queue_policy')}: key 'queue_policy' must be one of "
            f"{', '.join(QueuePolicy)}"
        )
    device = settings.device
    if device and not _is_device(device):
        raise ConfigError(f"{source_of('device')}: key 'device' must be cpu, mps, cuda or cuda:N")
    for entry in settings.generation_devices:
        if not _is_device(entry):
            raise ConfigError(
                f"{source_of('generation_devices')}: key 'generation_devices': {entry!r} is not "
                "cpu, mps, cuda or cuda:N"
            )
    if not 3 <= settings.worker_lease_seconds <= MAX_LEASE_SECONDS:
        raise ConfigError(
            f"{source_of('worker_lease_seconds')}: key 'worker_lease_seconds' must be at least 3 "
            f"and at most {MAX_LEASE_SECONDS} (a day)"
        )
    if settings.db_url and not settings.db_url.startswith(DB_URL_SCHEMES):
        raise ConfigError(
            f"{source_of('db_url')}: key 'db_url' must start with postgres:// (or "
            "postgresql://) or sqlite://; leave it empty for SQLite under <root>/databases/"
        )
    if settings.log_level not in LOG_LEVELS:
        raise ConfigError(
            f"{source_of('log_level')}: key 'log_level' must be one of {', '.join(LOG_LEVELS)}"
        )


KEY_HELP = {
    "multiuser": "false: one person, no sign-in (everything runs as the system user)",
    "allow_unauthenticated_network": "true: allow single-user mode (no sign-in) on a "
    "non-loopback host",
    "db_url": "empty: SQLite under <root>/databases/; or postgres://user:pass@host/db",
    "use_memory_db": "throw-away in-memory SQLite (tests, demos)",
    "cors_origins": 'origins allowed to call the API from a browser, e.g. ["https://a.b"]',
    "login_max_failures_per_account": "failed sign-ins per account within the window",
    "login_max_failures_per_ip": "failed sign-ins per client address within the window",
    "queue_policy": "empty: FAIR_SHARE when multiuser, else FIFO; or FIFO, ROUND_ROBIN",
    "allowed_hosts": "Host names answered besides IP literals, localhost and public_url's host",
    "public_url": "where users reach the server, e.g. https://gen.example.org (optional)",
    "trusted_proxies": "proxy IPs/CIDRs allowed to set X-Forwarded-For/-Proto; [] ignores them",
    "max_request_bytes": "largest /graphql body and websocket frame, in bytes",
    "max_upload_bytes": "largest multipart upload (uploadImage) request body, in bytes",
    "max_query_cost": "static cost limit per operation (README: Query cost)",
    "default_max_pending_jobs": "0: 500 in multiuser mode, none single-user; -1: unlimited",
    "max_boards": "boards one user may own; admins are exempt",
    "max_connections_per_user": "open websockets per user; the next is closed with 4429",
    "max_subscriptions_per_user": "operations running at once over one user's websockets; "
    "the next gets RATE_LIMITED",
    "device": "empty: cuda when available, else cpu; or cpu, mps, cuda, cuda:N",
    "generation_devices": 'one worker process per entry, e.g. ["cuda:0", "cuda:1"]; '
    "empty: one worker on `device`",
    "worker_lease_seconds": "a claimed job's lease; a worker silent this long loses the job",
}


def default_config_text() -> str:
    lines = [
        "# gql-invoke configuration. Every key can be overridden by the env var",
        "# GQL_INVOKE_<KEY> (e.g. GQL_INVOKE_MULTIUSER=true). Unknown keys stop start-up.",
        "# Uncomment a line to change a default.",
    ]
    for name, f in config_keys().items():
        default = f.default
        if f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        if name in KEY_HELP:
            lines.append(f"# ({KEY_HELP[name]})")
        lines.append(f"# {name}: {json.dumps(default)}")
    return "\n".join(lines) + "\n"


def load_settings(
    root: str | os.PathLike[str] | None = None,
    *,
    overrides: dict[str, Any] | None = None,
    write_default: bool = True,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Read <root>/gql_invoke.yaml, then env overrides, then explicit overrides (CLI flags)."""
    root_path = resolve_root(root)
    env = os.environ if environ is None else environ
    config_file = root_path / CONFIG_FILENAME
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def take(key: str, value: Any, source: str) -> None:
        if key not in config_keys():
            raise ConfigError(f"{source}: unknown key '{key}'")
        values[key] = _coerce(key, value, source)
        sources[key] = source

    if config_file.exists():
        for key, value in _read_config_file(config_file).items():
            take(key, value, str(config_file))
    elif write_default:
        root_path.mkdir(parents=True, exist_ok=True)
        config_file.write_text(default_config_text(), encoding="utf-8")

    for env_key, raw in env.items():
        if env_key.startswith(ENV_PREFIX) and env_key not in NON_KEY_ENV:
            take(env_key[len(ENV_PREFIX) :].lower(), raw, f"env {env_key}")

    for key, value in (overrides or {}).items():
        if value is not None:
            take(key, value, "command line")

    settings = Settings(**values)
    settings.root = root_path
    _validate(settings, sources, str(config_file))
    return settings


def _read_config_file(config_file: Path) -> dict[Any, Any]:
    try:
        loaded = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_file}: not valid YAML: {exc}") from exc
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ConfigError(f"{config_file}: must be a mapping of key: value")
    return loaded
