"""Initial schema, and the built-in system user that single-user mode acts as."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UP = """
        CREATE TABLE IF NOT EXISTS "app_settings" (
    "key" VARCHAR(100) NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "audit_events" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "at" TIMESTAMP NOT NULL,
    "actor_id" CHAR(36),
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(64) NOT NULL,
    "target_id" VARCHAR(64),
    "detail" JSON NOT NULL,
    "ip" VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_at_d387df" ON "audit_events" ("at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_actor_i_69aa3e" ON "audit_events" ("actor_id");
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_b36abe" ON "audit_events" ("action");
CREATE TABLE IF NOT EXISTS "models" (
    "key" VARCHAR(200) NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "type" VARCHAR(16) NOT NULL,
    "base" VARCHAR(16) NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "defaults" JSON NOT NULL,
    "is_default" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "users" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "display_name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(255),
    "is_admin" INT NOT NULL,
    "is_active" INT NOT NULL,
    "is_system" INT NOT NULL,
    "token_version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "max_pending_jobs" INT,
    "max_images_per_day" INT,
    "max_storage_bytes" BIGINT
);
CREATE TABLE IF NOT EXISTS "api_tokens" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL UNIQUE,
    "scopes" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP,
    "last_used_at" TIMESTAMP,
    "revoked" INT NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "auth_sessions" (
    "jti" VARCHAR(64) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked" INT NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One row per issued JWT: logout revokes one, logoutEverywhere all of a user's. */;
CREATE INDEX IF NOT EXISTS "idx_auth_sessio_expires_37837b" ON "auth_sessions" ("expires_at");
CREATE TABLE IF NOT EXISTS "boards" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "is_public" INT NOT NULL,
    "archived" INT NOT NULL,
    "cover_image_id" CHAR(36),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_boards_owner_i_b499d3" ON "boards" ("owner_id", "archived");
CREATE TABLE IF NOT EXISTS "board_shares" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "access" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "board_id" CHAR(36) NOT NULL REFERENCES "boards" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_board_share_board_i_8218ef" UNIQUE ("board_id", "user_id")
);
CREATE TABLE IF NOT EXISTS "client_state" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_client_stat_user_id_eec192" UNIQUE ("user_id", "key")
);
CREATE TABLE IF NOT EXISTS "images" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "filename" VARCHAR(255) NOT NULL,
    "thumbnail" VARCHAR(255) NOT NULL,
    "width" INT NOT NULL,
    "height" INT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "starred" INT NOT NULL,
    "metadata" JSON,
    "queue_item_id" INT,
    "created_at" TIMESTAMP NOT NULL,
    "board_id" CHAR(36) REFERENCES "boards" ("id") ON DELETE SET NULL,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_images_queue_i_bf348e" ON "images" ("queue_item_id");
CREATE INDEX IF NOT EXISTS "idx_images_board_i_717c83" ON "images" ("board_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_images_owner_i_0dfa2b" ON "images" ("owner_id", "board_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_images_created_3b245a" ON "images" ("created_at", "id");
CREATE TABLE IF NOT EXISTS "queue_items" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "batch_id" CHAR(36) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "priority" INT NOT NULL,
    "params" JSON NOT NULL,
    "model_key" VARCHAR(200) NOT NULL,
    "cost" REAL NOT NULL,
    "error" TEXT,
    "attempts" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "started_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_queue_items_batch_i_448ded" ON "queue_items" ("batch_id");
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_a88350" ON "queue_items" ("status");
CREATE INDEX IF NOT EXISTS "idx_queue_items_model_k_efa5ed" ON "queue_items" ("model_key");
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_08a94f" ON "queue_items" ("status", "priority", "id");
CREATE TABLE IF NOT EXISTS "style_presets" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "positive_prompt" TEXT NOT NULL,
    "negative_prompt" TEXT NOT NULL,
    "is_public" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "workflows" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "description" TEXT NOT NULL,
    "graph" JSON NOT NULL,
    "is_public" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);

INSERT INTO "users" ("id", "email", "display_name", "password_hash", "is_admin", "is_active",
    "is_system", "token_version", "created_at", "updated_at")
VALUES ('00000000-0000-0000-0000-000000000000', 'system@system.invalid', 'System', NULL,
    0, 1, 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
"""

POSTGRES_UP = """
        CREATE TABLE IF NOT EXISTS "app_settings" (
    "key" VARCHAR(100) NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "audit_events" (
    "id" UUID NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(64) NOT NULL,
    "target_id" VARCHAR(64),
    "detail" JSONB NOT NULL,
    "ip" VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_at_d387df" ON "audit_events" ("at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_actor_i_69aa3e" ON "audit_events" ("actor_id");
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_b36abe" ON "audit_events" ("action");
CREATE TABLE IF NOT EXISTS "models" (
    "key" VARCHAR(200) NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "type" VARCHAR(16) NOT NULL,
    "base" VARCHAR(16) NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "defaults" JSONB NOT NULL,
    "is_default" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "users" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "display_name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(255),
    "is_admin" BOOL NOT NULL,
    "is_active" BOOL NOT NULL,
    "is_system" BOOL NOT NULL,
    "token_version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "max_pending_jobs" INT,
    "max_images_per_day" INT,
    "max_storage_bytes" BIGINT
);
CREATE TABLE IF NOT EXISTS "api_tokens" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL UNIQUE,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "last_used_at" TIMESTAMPTZ,
    "revoked" BOOL NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "auth_sessions" (
    "jti" VARCHAR(64) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked" BOOL NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_auth_sessio_expires_37837b" ON "auth_sessions" ("expires_at");
COMMENT ON TABLE "auth_sessions" IS 'One row per issued JWT: logout revokes one, logoutEverywhere all of a user''s.';
CREATE TABLE IF NOT EXISTS "boards" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "is_public" BOOL NOT NULL,
    "archived" BOOL NOT NULL,
    "cover_image_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_boards_owner_i_b499d3" ON "boards" ("owner_id", "archived");
CREATE TABLE IF NOT EXISTS "board_shares" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "access" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "board_id" UUID NOT NULL REFERENCES "boards" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_board_share_board_i_8218ef" UNIQUE ("board_id", "user_id")
);
CREATE TABLE IF NOT EXISTS "client_state" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(255) NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_client_stat_user_id_eec192" UNIQUE ("user_id", "key")
);
CREATE TABLE IF NOT EXISTS "images" (
    "id" UUID NOT NULL PRIMARY KEY,
    "filename" VARCHAR(255) NOT NULL,
    "thumbnail" VARCHAR(255) NOT NULL,
    "width" INT NOT NULL,
    "height" INT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "starred" BOOL NOT NULL,
    "metadata" JSONB,
    "queue_item_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "board_id" UUID REFERENCES "boards" ("id") ON DELETE SET NULL,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_images_queue_i_bf348e" ON "images" ("queue_item_id");
CREATE INDEX IF NOT EXISTS "idx_images_board_i_717c83" ON "images" ("board_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_images_owner_i_0dfa2b" ON "images" ("owner_id", "board_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_images_created_3b245a" ON "images" ("created_at", "id");
CREATE TABLE IF NOT EXISTS "queue_items" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "batch_id" UUID NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "priority" INT NOT NULL,
    "params" JSONB NOT NULL,
    "model_key" VARCHAR(200) NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,
    "error" TEXT,
    "attempts" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_queue_items_batch_i_448ded" ON "queue_items" ("batch_id");
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_a88350" ON "queue_items" ("status");
CREATE INDEX IF NOT EXISTS "idx_queue_items_model_k_efa5ed" ON "queue_items" ("model_key");
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_08a94f" ON "queue_items" ("status", "priority", "id");
CREATE TABLE IF NOT EXISTS "style_presets" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "positive_prompt" TEXT NOT NULL,
    "negative_prompt" TEXT NOT NULL,
    "is_public" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "workflows" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "description" TEXT NOT NULL,
    "graph" JSONB NOT NULL,
    "is_public" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);

INSERT INTO "users" ("id", "email", "display_name", "password_hash", "is_admin", "is_active",
    "is_system", "token_version", "created_at", "updated_at")
VALUES ('00000000-0000-0000-0000-000000000000', 'system@system.invalid', 'System', NULL,
    FALSE, TRUE, TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
"""

SQLITE_DOWN = """
        """

POSTGRES_DOWN = """
        """


def _is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_UP if _is_postgres(db) else SQLITE_UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_DOWN if _is_postgres(db) else SQLITE_DOWN


MODELS_STATE = (
    "eJztXW1z27gR/iscfWk643ps2bHdm05nJFu509W2Uktubi6T4UAkLOFMETwCtKOm+e8FSP"
    "EdpAhZoigGX/IC7FLUs8Ryn90F9K2zwCa0yHHPQRP8DO3OT9q3jg0WkP0jN3ekdYDjxDN8"
    "gIKp5QsDB+mUi/nDYEqoCwzKZp6ARSAbMiExXORQhPmn2J5l8UFsMEFkz+Ihz0Z/epBdaw"
    "bpHLps4vMXNoxsE36FJPyv86w/IWiZqRtGJv9sf1ynS8cfe3wc3nzwJfnHTXUDW97CjqWd"
    "JZ1jOxL3PGQecx0+N4M2dAGFZuJr8LtcfedwKLhjNkBdD0a3asYDJnwCnsXB6PzjybMNjo"
    "HmfxL/4/yfq1tLiOn6/WiijwcTXe9IYGdgm+OObMqB+vY9uG4MiD/a4R9w/Uvv4d3ZxV99"
    "CDChM9ef9OHqfPcVAQWBqg96jLL/dw7n6zlwxTiH8hmk2Y1ugnE4EIMcP2AhfCFAO4C0sw"
    "BfdQvaMzpn/+2enJRg/J/egw8zk/JxxmxFBIvlfjXVDeY43jG+/irS54DMZVBOa20H6/XP"
    "c21In3avKiDNpAqR9ufSSBMD86vkUP51PLoXoxxrZBA2kUG1/2kWInRXT3XCd0w9ZFFkk2"
    "P+eftwHxwhfuUFIX9aSZzf3fV+y5rg+nbUz/oZfoF+xhyGCzlkOqB5k9ywGYoWUGyWtGbW"
    "NCvV4/Afh+h22Bc0R7a1XC3CEtNMhneD8aR39zFln5veZMBnuv7oMjP67iJjs+gi2qfh5B"
    "eN/1f7fXQ/yJoxkpv83uH3BDyKdRu/6sBM+ItwNEQtZXX41UHsahtYPa25BauvbrcpRj8Q"
    "I4eYlFrZAoTqHtlodWd1laWbbGkXvrBQRBCJ9zG2ILDFNk5oZcw7ZWq78tjRSL027Y9Gty"
    "lz9oeTzDvz8a4/YPGMb0cmhKg/PLyfZN6ZbFm4uhzvSahsk/w0dwmt4TqcTj49C6kOhyoP"
    "7QfsQjSz/wWXPsBDdh/ANkQcZ8WgH1eXOUxI49HYcbrgNeLfyQeKfXf2jWHwtF73xte9m0"
    "HHR3gKjOdX4Jp6Cmo+g7s4MxLJ5qcW3UV2BNhg5oPDvwW/5yhv4YwhpcE3FGQ1otmj8ryG"
    "o5NAcI+ZjWe4lCGDK/H2scBKfPu0hG+fhny7OL/xAixPkOCYwK9UjHak0IoMR1ksMvhtUs"
    "76olDkdnT/cyiepYICl7snD+GZiA5eoO/Z8h4ini33EFxOh1xQ5T5bnvuUJy91piRqdczt"
    "zUiwtYtlg+qkzhuW1XpeWqeN37KGUnDyz5UIX2KNXb1R9xfCXJxXiGAuzgsDGD6VqRcAl7"
    "0uAowkQM6otSJ2qQlqkWtYC7TQN1SDuWHZql2jbEIKkCVTlok1mlGW4R/bmrIMcmSe9kBa"
    "Pebix7wxxIfOx5CQABEB84mnj8qpD53rJJCsxn06IxtqLn7VHOhqiBAPmtqvnyY/aRaeYY"
    "9qQR6YaNhmusEYo2Du8pXRIagBy9LwkwY0nnL6CznuZAy5/au/gZH9QZHMwlmJty5ns633"
    "QzEpU3XjYlO0l6U1qG7cMMJxIEZW1URVTWyq31TVRFVNTIfMfcwuIQqWg4nSMHnKRXZfG/"
    "jcwa92BB5wjTl6YV/li6oZqH7pZpDos0r127OS+u1Zvl8aEd3xphYyJIOElJ4KEyTChMi1"
    "yAGeVFN4S+Bt4Bfu1hfszSQZneU1d1qcOpAYTTWdV/Pd7U0eeI65odXTmsrqTbG6IJuwuv"
    "vY6snwuKoHTeoogltOcH2sFMNdx3CTj1TjKO6Y8RLYKeK5wezRWrKrEy64A8r7eXX9AL0w"
    "V/DlLV1yQ7ugr1O46JGdqySvbNzcesyM38Lfuqfnl+dXZxfnV0zEv81o5LLEHYThaElTnG"
    "FAIthGWdbgE2q0kOSeXlTpUc6+BhMtyhdZhqti1LZFK1Vi1KSjqxqtJHVUtKKqGzUGf9Mw"
    "D/7G4C/Kpx8mqGujv+QSFUd/2WdWRdQHWjO6thC06ZgCKoyok9OlIbXhC+okktxySJ2Aj+"
    "8cU9H0PqPpfW7123cwlz5c5/37CoE0kyo+XIfPpWMAtblv55v7VJ612sN+mMylSp5VBdqq"
    "jUiFhMKQcMhLsaJgMJgoDQP9Mm4dbURJipLIIDG5dItRmVw684RUG9K+25CeEIusJFuRkj"
    "qtiH9qiDDp3FtMbeEGtpI9gkklhXQ1pF+RSQVnZBYy0Eh+PQk9BIC3wkNjNOcsfJgLwvRC"
    "OGMFhacAT4L+C/XpkooOGO2jWSGsab02Qfv3bvfs7LJ7cnZx9f788vL91UmEcX6qDOz+8G"
    "eOd8pTCAxAgetKNykmtFSPokSP4gJSwGOPPNzF27aTOm/auH04nYk72aHNvjQL6ZlpFkLW"
    "XehqcnobeZtmnVmybTeuau/FUB9mBqvhtffD8WUSpXfVeak6LxuQFFzfeZlzAlsAtWpHQz"
    "NX/uYNDewGtPvH29t95Vrv+F8P0MDijZvJ6aOyvGs8pA5/3eNBIlv8sRW1WbMC3jvZrOkD"
    "JIFvKN9CfLffJzwFRArcUF6BWwHc5G3lMC7uH8mo1Qd1Zw/lqZ30kBDsuYZUz06s0Yonu2"
    "7AHSAqqxTDHcorsDcA+wm7C1FuqaQoG2m0AvDd+23/hqV+5i2po04U3Xq+GpHoO+SMsu7I"
    "joSiqs/InCGh8tg/SB47lybcT/bl37y4NKRw0RHkXuLJo7LMS1ygqqPtje+v8AKf7yLsIu"
    "rnUaRb19QOiDfugJgCasxliy8Jnd0WCxpykqdE8SV+rquGmImV0LofYNh+hJn0FhVdQVKl"
    "vhafk0Y7hCQBdcFCKmCPNeoP11vUSOK/gnXJekNKqX3+Yie/8W5gIojDP1gYFDiMUCGD7x"
    "PXaNeDfTN67N8OtI8Pg+vheLh6yKOY2p9Mc52HQe82Ay90XSwohxensCKFNvxwRd0pLEBZ"
    "gO6IMiyF77+kinr/Ka7+o3L1bL/yZlZPa6qfR2/O1ti8lQ28cHiDzEarO6OrLN1kS6ueR9"
    "Xz2ID2vKaeNjmmSwt+ZNaGtCPIECenj8pyxIQL6o4vqX5/ueWbmFV73m7b85g5EEUvfD2x"
    "WEMQoJR0geRVW4F63WzahjOwoQkEqqrfTNoA6vdEVG9CY7xPi/Md6mywtlldQIvVbzAoVq"
    "xYcXVW7MMuoMOhOYp5MD/wTPHflvNfuJA8WCpSaN12wLNuJf7bLeG/3Rz/NRFxLLDUZfMM"
    "Wb1WMN8a+iAcQMgrZk5zDohgz0kx4DnFNhTuazgzjZFUYC6QYAvbOm4bqSlqK0FtOXAGz8"
    "lsAHikVyPioT8/ZMDJkqw6y+UAj/XUIy6BOMXP0NZfWPQp3Bpb2AOU01ONQCox1vYUiUqM"
    "/YhWr5IYswChuoVnyN7A8Dll1RrUHFPnVziP8x1om+z76n/gqUznrEh1R8c21ruyt/zq5D"
    "gFB+YzuFzdBDLbc8TKCmYxzISyVTTb6LBjoXqLcK7hyOOGbPf9hN3nJ8v3d7nkdTR3VJbA"
    "fl1JqSR2y5PYqolrt01c6qSqPXUOzVzgCLLYxdtWIwW1a/Vtx8mohi3VsNWMh/9AMxQqL/"
    "UjWl01bKmGrWZgerANWz3oImPeEbDe1cxRGecFsUxjCK86v+qN51cVlkKLKW5xFbQNLHcn"
    "nSx8UUkgvBJvIbqnlXIIpyU5hFPRATU2hbYg0CsmswkVRWcl6exek7jf/w9jiJkZ"
)
