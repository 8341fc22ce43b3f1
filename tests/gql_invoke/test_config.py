"""Settings: the root, <root>/gql_invoke.yaml, GQL_INVOKE_* overrides, fail-loud validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gql_invoke.config import (
    CONFIG_FILENAME,
    ConfigError,
    Settings,
    config_keys,
    load_settings,
    resolve_root,
)

REQUIRED_KEYS = {
    "multiuser": False,
    "host": "127.0.0.1",
    "port": 9090,
    "db_url": "",
    "use_memory_db": False,
    "jwt_token_expiry_hours": 24,
    "jwt_remember_me_days": 7,
    "graphiql": True,
    "introspection": True,
    "cors_origins": [],
    "login_max_failures_per_account": 5,
    "login_max_failures_per_ip": 100,
    "login_failure_window_minutes": 15,
}


def write_config(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / CONFIG_FILENAME
    path.write_text(text, encoding="utf-8")
    return path


def test_every_documented_key_exists_with_its_default() -> None:
    defaults = Settings()
    for key, value in REQUIRED_KEYS.items():
        assert key in config_keys()
        assert getattr(defaults, key) == value, key


def test_root_comes_from_argument_then_env_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GQL_INVOKE_ROOT", str(tmp_path / "from-env"))
    assert resolve_root(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert resolve_root(None) == (tmp_path / "from-env").resolve()
    monkeypatch.delenv("GQL_INVOKE_ROOT")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_root(None) == (tmp_path / "home" / "gql-invoke").resolve()


def test_first_start_writes_commented_defaults_that_parse_back(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "r", environ={})
    text = (tmp_path / "r" / CONFIG_FILENAME).read_text()
    assert yaml.safe_load(text) is None  # all comments: nothing is forced
    uncommented = "\n".join(
        line[2:] for line in text.splitlines() if re.match(r"# [a-z_]+: ", line)
    )
    parsed = yaml.safe_load(uncommented)
    assert set(parsed) == set(config_keys())
    assert parsed["port"] == 9090 and parsed["multiuser"] is False
    # Uncommenting every default line gives a valid file with the same values.
    write_config(tmp_path / "r2", uncommented)
    assert load_settings(tmp_path / "r2", environ={}).port == settings.port


def test_existing_file_is_not_overwritten(tmp_path: Path) -> None:
    path = write_config(tmp_path, "port: 9191\n")
    assert load_settings(tmp_path, environ={}).port == 9191
    assert path.read_text() == "port: 9191\n"


def test_default_database_is_sqlite_under_root_with_wal_and_full_sync(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    url = settings.database_url
    assert url.startswith(f"sqlite://{tmp_path.resolve()}/databases/gql_invoke.db?")
    assert "journal_mode=WAL" in url and "synchronous=FULL" in url and "busy_timeout=" in url


def test_db_url_and_memory_db_override_the_default(tmp_path: Path) -> None:
    assert (
        load_settings(tmp_path, environ={}, overrides={"use_memory_db": True}).database_url
        == "sqlite://:memory:"
    )
    url = "postgres://u@h/db"
    assert load_settings(tmp_path, environ={"GQL_INVOKE_DB_URL": url}).database_url == url


def test_env_overrides_file_and_parses_types(tmp_path: Path) -> None:
    write_config(tmp_path, 'multiuser: false\nport: 9000\ncors_origins: ["https://a.example"]\n')
    env = {
        "GQL_INVOKE_MULTIUSER": "true",
        "GQL_INVOKE_PORT": "9555",
        "GQL_INVOKE_CORS_ORIGINS": "https://b.example, https://c.example",
        "GQL_INVOKE_JWT_TOKEN_EXPIRY_HOURS": "2",
        "OTHER_VAR": "ignored",
    }
    settings = load_settings(tmp_path, environ=env)
    assert settings.multiuser is True
    assert settings.port == 9555
    assert settings.cors_origins == ["https://b.example", "https://c.example"]
    assert settings.jwt_token_expiry_hours == 2


def test_env_list_may_be_json(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={"GQL_INVOKE_CORS_ORIGINS": '["https://x.y"]'})
    assert settings.cors_origins == ["https://x.y"]


def test_every_key_can_be_set_from_env(tmp_path: Path) -> None:
    samples = {bool: "true", int: "3", str: "x", list: "a,b"}
    for key, f in config_keys().items():
        kind = {"bool": bool, "int": int, "str": str, "list[str]": list}[str(f.type)]
        value = samples[kind]
        if kind is bool and getattr(Settings(), key):
            value = "off"
        if key == "queue_policy":
            value = "FIFO"
        elif key == "device":
            value = "cpu"
        elif key == "log_level":
            value = "debug"
        elif key == "public_url":
            value = "https://gen.example.org"
        elif key == "trusted_proxies":
            value = "10.0.0.1,10.0.0.0/8"
        elif key == "generation_devices":
            value = "cpu,cuda:1"
        elif key == "db_url":
            value = "postgres://u@db.example.org/gen"
        settings = load_settings(tmp_path, environ={f"GQL_INVOKE_{key.upper()}": value})
        assert getattr(settings, key) != getattr(Settings(), key), key


def test_command_line_overrides_env(tmp_path: Path) -> None:
    settings = load_settings(
        tmp_path, environ={"GQL_INVOKE_PORT": "9555"}, overrides={"port": 9777, "host": None}
    )
    assert settings.port == 9777 and settings.host == "127.0.0.1"


def test_unknown_key_in_file_names_key_and_file(tmp_path: Path) -> None:
    path = write_config(tmp_path, "multiuser: true\nmultiusr: true\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path, environ={})
    assert "multiusr" in str(exc.value) and str(path) in str(exc.value)


def test_wrong_type_in_file_names_key_and_file(tmp_path: Path) -> None:
    path = write_config(tmp_path, "port: high\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path, environ={})
    assert "'port'" in str(exc.value) and str(path) in str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        "multiuser: 1\n",
        'multiuser: "yes"\n',
        "port: true\n",
        "cors_origins: https://a.b\n",
        "host: 8080\n",
    ],
)
def test_file_values_are_not_coerced(tmp_path: Path, text: str) -> None:
    write_config(tmp_path, text)
    with pytest.raises(ConfigError, match="key '"):
        load_settings(tmp_path, environ={})


def test_unknown_env_key_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="GQL_INVOKE_PROT"):
        load_settings(tmp_path, environ={"GQL_INVOKE_PROT": "1"})


def test_bad_env_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="GQL_INVOKE_MULTIUSER.*multiuser"):
        load_settings(tmp_path, environ={"GQL_INVOKE_MULTIUSER": "maybe"})


def test_out_of_range_value_names_its_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="env GQL_INVOKE_PORT: key 'port'"):
        load_settings(tmp_path, environ={"GQL_INVOKE_PORT": "70000"})
    path = write_config(tmp_path, "login_max_failures_per_account: 0\n")
    with pytest.raises(ConfigError, match=f"{path}: key 'login_max_failures_per_account'"):
        load_settings(tmp_path, environ={})


@pytest.mark.parametrize("text", ["[1, 2]\n", "port: [\n"])
def test_file_that_is_not_a_mapping_is_refused(tmp_path: Path, text: str) -> None:
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError, match=str(path)):
        load_settings(tmp_path, environ={})


def test_root_and_aerich_env_vars_are_not_keys(tmp_path: Path) -> None:
    env = {"GQL_INVOKE_ROOT": "/elsewhere", "GQL_INVOKE_AERICH_DB_URL": "sqlite://x.db"}
    assert load_settings(tmp_path, environ=env).root == tmp_path.resolve()


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("public_url", "gen.example.org", "http:// or https://"),
        ("public_url", "https://example.org/art", "the root of a host"),
        ("trusted_proxies", "10.0.0.1,nginx", "'nginx' is not an IP address"),
        ("default_max_pending_jobs", "-2", "-1 (unlimited)"),
        ("max_query_cost", "0", "at least 1"),
        ("max_boards", "0", "at least 1"),
        ("max_request_bytes", "0", "at least 1"),
        ("max_connections_per_user", "0", "at least 1"),
        ("max_subscriptions_per_user", "0", "at least 1"),
    ],
)
def test_security_keys_refuse_bad_values_naming_the_key(
    tmp_path: Path, key: str, value: str, says: str
) -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path, environ={f"GQL_INVOKE_{key.upper()}": value})
    assert key in str(exc.value) and says in str(exc.value)


def test_default_pending_cap_is_500_multiuser_none_single_user_and_configurable() -> None:
    assert Settings(multiuser=True).effective_max_pending_jobs == 500
    assert Settings(multiuser=False).effective_max_pending_jobs is None
    assert Settings(multiuser=False, default_max_pending_jobs=7).effective_max_pending_jobs == 7
    assert Settings(multiuser=True, default_max_pending_jobs=-1).effective_max_pending_jobs is None


def test_generation_devices_are_checked_entry_by_entry(tmp_path: Path) -> None:
    ok = load_settings(tmp_path, environ={"GQL_INVOKE_GENERATION_DEVICES": "cuda:0,cuda:1,cpu"})
    assert ok.generation_devices == ["cuda:0", "cuda:1", "cpu"]
    with pytest.raises(ConfigError, match=r"generation_devices.*'gpu0' is not cpu, mps"):
        load_settings(tmp_path, environ={"GQL_INVOKE_GENERATION_DEVICES": "cuda:0,gpu0"})


def test_a_lease_shorter_than_three_seconds_is_refused(tmp_path: Path) -> None:
    assert load_settings(tmp_path, overrides={"worker_lease_seconds": 3}).worker_lease_seconds == 3
    with pytest.raises(ConfigError, match="worker_lease_seconds' must be at least 3"):
        load_settings(tmp_path, overrides={"worker_lease_seconds": 2})


def test_a_lease_longer_than_a_day_is_refused(tmp_path: Path) -> None:
    day = load_settings(tmp_path, overrides={"worker_lease_seconds": 86_400})
    assert day.worker_lease_seconds == 86_400
    with pytest.raises(ConfigError, match="at most 86400 \\(a day\\)"):
        load_settings(tmp_path, overrides={"worker_lease_seconds": 86_401})
    with pytest.raises(ConfigError, match="worker_lease_seconds"):
        load_settings(tmp_path, environ={"GQL_INVOKE_WORKER_LEASE_SECONDS": "99999999999"})


def test_a_database_url_of_another_engine_is_refused_naming_the_key(tmp_path: Path) -> None:
    for good in ("postgres://u@h/d", "postgresql://u@h/d", f"sqlite://{tmp_path}/x.db"):
        assert load_settings(tmp_path, overrides={"db_url": good}).db_url == good
    for bad in ("mysql://root@h/d", "asyncpg://u@h/d", "/var/db/x.db"):
        with pytest.raises(ConfigError, match="key 'db_url' must start with postgres://"):
            load_settings(tmp_path, overrides={"db_url": bad})
