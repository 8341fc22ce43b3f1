"""Tortoise models: the whole database schema.

These are persistence rows. GraphQL types are built from them field by field in
schema/; nothing here is exposed directly (password hashes and token versions
must never leave the service layer).

Each foreign key ``owner`` also gets an ``owner_id`` column attribute from Tortoise; the
bare ``owner_id: uuid.UUID`` annotations beside them only tell the type checker so (they
are not fields and add no column).
"""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields
from tortoise.models import Model

SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000"
SYSTEM_USER_EMAIL = "system@system.invalid"


class User(Model):
    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=320, unique=True)
    display_name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=255, null=True)
    is_admin = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    is_system = fields.BooleanField(default=False)
    # Bumped to end every session of the user at once (logout everywhere,
    # password change, deactivation, demotion).
    token_version = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    last_login_at = fields.DatetimeField(null=True)
    # Set by an admin's unlock (unlockUser, `gql-invoke user unlock`). The login limiter
    # lives in each server's memory; this stamp is how an unlock made in another process
    # reaches it: failures older than the stamp no longer count.
    login_unlocked_at = fields.DatetimeField(null=True)
    max_pending_jobs = fields.IntField(null=True)
    max_images_per_day = fields.IntField(null=True)
    max_storage_bytes = fields.BigIntField(null=True)

    class Meta:
        table = "users"


class AppSetting(Model):
    key = fields.CharField(max_length=100, primary_key=True)
    value = fields.TextField()

    class Meta:
        table = "app_settings"


class AuthSession(Model):
    """One row per issued JWT: logout revokes one, logoutEverywhere all of a user's."""

    jti = fields.CharField(max_length=64, primary_key=True)
    # What the API shows as Session.id. The jti stays inside the service layer: should
    # the JWT secret ever leak, a forged token still needs the jti of a live session.
    public_id = fields.CharField(max_length=32, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)
    revoked = fields.BooleanField(default=False)
    # Written at most once a minute per session (services/sessions.py), not per request.
    last_seen_at = fields.DatetimeField(null=True)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=255, null=True)

    class Meta:
        table = "auth_sessions"
        # A user's sessions, newest first (the sessions query, logoutEverywhere).
        indexes = (("user_id", "created_at"),)


class ApiToken(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    name = fields.CharField(max_length=200)
    token_hash = fields.CharField(max_length=128, unique=True)
    scopes: Any = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked = fields.BooleanField(default=False)

    class Meta:
        table = "api_tokens"


class AuditEvent(Model):
    id = fields.UUIDField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    # Kept as plain ids so the trail survives deleting the actor or target.
    actor_id = fields.UUIDField(null=True, db_index=True)
    action = fields.CharField(max_length=64, db_index=True)
    target_type = fields.CharField(max_length=64)
    target_id = fields.CharField(max_length=64, null=True)
    detail: Any = fields.JSONField(default=dict)
    ip = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "audit_events"


class Board(Model):
    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: uuid.UUID
    name = fields.CharField(max_length=300)
    is_public = fields.BooleanField(default=False)
    archived = fields.BooleanField(default=False)
    cover_image_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "boards"
        indexes = (("owner_id", "archived"),)


class BoardShare(Model):
    id = fields.IntField(primary_key=True)
    board: fields.ForeignKeyRelation[Board] = fields.ForeignKeyField(
        "models.Board", related_name=False, on_delete=fields.CASCADE
    )
    board_id: uuid.UUID
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    access = fields.CharField(max_length=16)  # READ | WRITE | ADMIN
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "board_shares"
        unique_together = (("board_id", "user_id"),)


class Image(Model):
    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: uuid.UUID
    board: fields.ForeignKeyNullableRelation[Board] = fields.ForeignKeyField(
        "models.Board", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    board_id: uuid.UUID | None
    filename = fields.CharField(max_length=255)
    thumbnail = fields.CharField(max_length=255)
    width = fields.IntField()
    height = fields.IntField()
    size_bytes = fields.BigIntField()
    starred = fields.BooleanField(default=False)
    metadata: Any = fields.JSONField(null=True)
    # domain.ImageOrigin: GENERATED (the worker) or UPLOADED (uploadImage).
    origin = fields.CharField(max_length=16, default="GENERATED")
    queue_item_id = fields.IntField(null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "images"
        # (created_at) serves "every image I can read", newest first, without a sort.
        indexes = (
            ("board_id", "created_at"),
            ("owner_id", "board_id", "created_at"),
            ("created_at", "id"),
        )


class Workflow(Model):
    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: uuid.UUID
    name = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    graph: Any = fields.JSONField()
    is_public = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "workflows"


class StylePreset(Model):
    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: uuid.UUID
    name = fields.CharField(max_length=300)
    positive_prompt = fields.TextField()
    negative_prompt = fields.TextField(default="")
    is_public = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "style_presets"


class ClientState(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    key = fields.CharField(max_length=255)
    value = fields.TextField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "client_state"
        unique_together = (("user_id", "key"),)


class ModelRecord(Model):
    key = fields.CharField(max_length=200, primary_key=True)
    name = fields.CharField(max_length=300)
    type = fields.CharField(max_length=16)  # MAIN | VAE | LORA
    base = fields.CharField(max_length=16)  # SD1 | SD2 | SDXL | ANY
    description = fields.TextField(default="")
    source = fields.TextField()
    path = fields.TextField()
    format = fields.CharField(max_length=16)  # diffusers | checkpoint
    defaults: Any = fields.JSONField(default=dict)
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "models"


class QueueItem(Model):
    id = fields.IntField(primary_key=True)
    batch_id = fields.UUIDField(db_index=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: uuid.UUID
    status = fields.CharField(max_length=16, db_index=True)
    priority = fields.IntField(default=0)
    params: Any = fields.JSONField()
    model_key = fields.CharField(max_length=200, db_index=True)
    cost = fields.FloatField()
    error = fields.TextField(null=True)
    attempts = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    # Who runs it (workers.id) and until when: a worker renews the lease while it
    # generates; an IN_PROGRESS row whose lease ran out is re-queued by anyone
    # (services/queue_jobs.reap_expired_leases). NULL on rows claimed before leases.
    worker_id = fields.CharField(max_length=64, null=True)
    lease_expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "queue_items"
        # The line, and the reaper's expired leases.
        indexes = (("status", "priority", "id"), ("status", "lease_expires_at"))


class Worker(Model):
    """One GPU task loop (one per device, on any machine), while it runs (services/workers.py).

    ``current_item_id`` is a plain column, not a foreign key: a pruned item must not take
    the worker row with it, and the worker reports it, it does not own it."""

    id = fields.CharField(max_length=64, primary_key=True)
    device = fields.CharField(max_length=32)
    host = fields.CharField(max_length=255)
    pid = fields.IntField()
    status = fields.CharField(max_length=16)
    current_item_id = fields.IntField(null=True)
    started_at = fields.DatetimeField()
    last_heartbeat_at = fields.DatetimeField()
    # The worker's own worker_lease_seconds: it is silent (LOST) after that long, whatever
    # the process looking thinks (a worker machine may be configured otherwise).
    lease_seconds = fields.IntField(default=30)

    class Meta:
        table = "workers"


class QueueEventRow(Model):
    """One QUEUE event, written once by the process that published it (services/
    queue_events.py): its id is the event's cursor in every process, and a stream that
    resumes with ``since`` replays the rows after it. Pruned (a day, 100,000 rows)."""

    id = fields.BigIntField(primary_key=True)
    body = fields.TextField()  # the JSON of events.to_dict(payload)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "queue_events"


class LoginAttempt(Model):
    """One counted sign-in attempt (services/login_counters.py), shared by every process so
    N API processes do not grant N times the attempts. ``key``: per account and client, or
    per client; a success forgives its rows, rows past the window are deleted."""

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=400)
    at = fields.DatetimeField()

    class Meta:
        table = "login_attempts"
        indexes = (("key", "at"),)
