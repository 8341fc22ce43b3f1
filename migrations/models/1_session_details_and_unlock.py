"""Session details (opaque public id, last seen, client IP and user agent) and the
per-account login unlock stamp.

Written by hand from aerich's diff: aerich adds the NOT NULL public_id in one
statement, which fails on a database that already has sessions. Here the column is
added, every existing session gets a random id, and only then is it made unique.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UP = """
        ALTER TABLE "auth_sessions" ADD "public_id" VARCHAR(32) NOT NULL DEFAULT '';
UPDATE "auth_sessions" SET "public_id" = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX IF NOT EXISTS "uid_auth_sessio_public__c7a845" ON "auth_sessions" ("public_id");
ALTER TABLE "auth_sessions" ADD "last_seen_at" TIMESTAMP;
ALTER TABLE "auth_sessions" ADD "ip" VARCHAR(64);
ALTER TABLE "auth_sessions" ADD "user_agent" VARCHAR(255);
CREATE INDEX IF NOT EXISTS "idx_auth_sessio_user_id_e8a225" ON "auth_sessions" ("user_id", "created_at");
ALTER TABLE "users" ADD "login_unlocked_at" TIMESTAMP;
"""

POSTGRES_UP = """
        ALTER TABLE "auth_sessions" ADD "public_id" VARCHAR(32);
UPDATE "auth_sessions" SET "public_id" = md5("jti" || random()::text);
ALTER TABLE "auth_sessions" ALTER COLUMN "public_id" SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "uid_auth_sessio_public__c7a845" ON "auth_sessions" ("public_id");
ALTER TABLE "auth_sessions" ADD "last_seen_at" TIMESTAMPTZ;
ALTER TABLE "auth_sessions" ADD "ip" VARCHAR(64);
ALTER TABLE "auth_sessions" ADD "user_agent" VARCHAR(255);
CREATE INDEX IF NOT EXISTS "idx_auth_sessio_user_id_e8a225" ON "auth_sessions" ("user_id", "created_at");
ALTER TABLE "users" ADD "login_unlocked_at" TIMESTAMPTZ;
"""

# The same on both engines (SQLite has DROP COLUMN since 3.35).
DOWN = """
        DROP INDEX IF EXISTS "uid_auth_sessio_public__c7a845";
DROP INDEX IF EXISTS "idx_auth_sessio_user_id_e8a225";
ALTER TABLE "auth_sessions" DROP COLUMN "public_id";
ALTER TABLE "auth_sessions" DROP COLUMN "last_seen_at";
ALTER TABLE "auth_sessions" DROP COLUMN "ip";
ALTER TABLE "auth_sessions" DROP COLUMN "user_agent";
ALTER TABLE "users" DROP COLUMN "login_unlocked_at";
"""


def _is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_UP if _is_postgres(db) else SQLITE_UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWN


MODELS_STATE = (
    "eJztXW1zozgS/iuUv9xclS+VOK+3dXVVTsaz670knoudm62dmqJkUGxtMLBIJOObm/9+Eh"
    "gQIDBybIwZfcmLpMbwtNT0092Sv3UWjgktfNR30cR5hnbnJ+1bxwYLSP/I9XW1DnDdpIc1"
    "EDC1gsHARTphw4JmMMXEAwahPU/AwpA2mRAbHnIJctin2L5lsUbHoAORPUuafBv96UN6rR"
    "kkc+jRjs9faDOyTfgV4uhf91l/QtAyUzeMTPbZQbtOlm7Q9vg4fP8hGMk+bqobjuUv7GS0"
    "uyRzx46H+z4yj5gM65tBG3qAQJN7DHaXq2eOmsI7pg3E82F8q2bSYMIn4FsMjM4/nnzbYB"
    "howSexH2f/XN0aN0zX70cTfTyY6HpHAjvDsRnuyCYMqG/fw+smgAStHfYBN7/0H96dXvw1"
    "gMDBZOYFnQFcne+BICAgFA1AT1AOfudwvpkDT4xzND6DNL3RTTCOGhKQkwkWwRcBtANIOw"
    "vwVbegPSNz+m/v+LgE4//0HwKY6agAZ4euiHCx3K+6emEfwzvBN1hF+hzguQzKaantYL1+"
    "PteG9EnvqgLSdFQh0kFfGmlsOOwqOZR/HY/uxSgnEhmETWQQ7X+ahTDZ1azmbMfURxZBNj"
    "5in7cP88EQYldeYPynxeP87q7/W1YFN7ej66ydYRe4zqjD8CCDTAckr5L3tIegBRSrJS2Z"
    "Vc1K9Cj64xDNDn1Ac2Rby9UiLFHNZHg3GE/6dx9T+nnfnwxYTy9oXWZa311kdBZfRPs0nP"
    "yisX+130f3g6wa43GT3zvsnoBPHN12XnVgcvYiao1QS2kdfnURvdoGWk9LbkHrq9ttitIP"
    "RMkRJqVatgAmuo83Wt1ZWaXpJmvagy/UFRF44teOY0Fgi3XMSWXUO6Viu7LYcUu9Or0ejW"
    "5T6rweTjLvzMe76wH1ZwI90kGIBM3D+0nmnUmXhafL8R5OZJvkp7lLaA3XYXTy6VlIdRhU"
    "eWg/OB5EM/tfcBkAPKT3AWxDxHFWDPpxdZnDhDRpTQynB15j/s1PKPrs9IlhOFtv+uOb/v"
    "tBJ0B4CoznV+CZegpq1uP0nExLPDbftegtsi3ABrMAHPYU7J7juIU7hoSETyiIasS93fK4"
    "hqvjcOAeIxvPcClDBlfD28cCK/HtkxK+fRLx7eL4xguwfEGAYwK/EjHasUArIhxlvsjgt0"
    "k564tdkdvR/c/R8CwVFJjcPVkI30Rk8AIDy5a3EElvuYVg43TIBqrYZ8tjn/Lkpc6QRK2G"
    "ub0RCbp2HVmnmpd5w7Jaz0vr1PFb1lAKTva5Eu5LIrGrN+r+XJiLswoezMVZoQPDujL5Au"
    "DR10WIkQTIGbFW+C41QS0yDWuBFtqGajA3LFq1a5RNSACyZNIyiUQz0jLsY1uTlkGuzGwP"
    "R6tpLp7mjSE+ZD6GGIeICJhP0t0tpz5kruNwZDXu0xnZUPOcV82FnoYw9qGp/fpp8pNmOT"
    "PHJ1oYB8aaY1PZsI1SMG/5SukQ1IBlac6TBjQWcvoLPupkFLn9q69nZJ/5+BeXiPxSSNX+"
    "IEhmRa2Gty6Ys60XRzFbc/2phQzJ13VKqHWgn/YqgH7aKwSddamsveLIDcraN4zuHYiSVS"
    "63cbncoM4BQ2hvWiPByaoaiSavK0WpdhM5CDxxSnlswfopxjct1T6ce+fnVaqUz8+Lq5RZ"
    "nyo8UYUnqvCkQnTl2qGX6AjiKmFHtyyiMmVDdp9G/txxXu0YPOAZc/RCH6U4ZqHSy2prTb"
    "2BikqlPqclpT6n+a01COtheEeS0aTkFKeR4DSxaZEDnBdTeEvgbTgvzKwv6JtJ0jvLS+60"
    "juFAfDQV6axmu9sb6fRdc0OtpyWV1puidUGIZnX3idZ597iqBeVlFMEtJ7gBVorhrmO4/J"
    "RqHMUdU14CO0U8N+ztriW7OmYDd0B5P6+uH6IXxQq+vKWgemgXbAEQLnpk54qOVjpubrJ4"
    "xm7hb72Ts8uzq9OLsys6JLjNuOWyxBxE7mhJ/bRhQCzYcV9WCxpJtJDknlxU2c6SfQ1yu1"
    "kuVDa+7d5KFR+VN3RVvRVeRnkrKrtRo/M3jeLgb3T+4nj6YYK61vvjl6jY+8vOWeVRH2jO"
    "6MZC0CZjAojQo+a7S11qIxio43jkll1qDj62yVh50/v0pve5K3zfztzuKxzUPvCd7wNXcd"
    "Zqk/0wmUuVOKtytFUZkXIJhS7hkKViRc5g2FHqBgZp3DrKiHiKwm9+6mrpEqOycenIE1Jl"
    "SPsuQ3pC1LOSLEXiZVrh/9TgYZK5v5jawr3OJdvJeSGFdDWkX5FJBMcpFzLQePx6EnoIAG"
    "+FhyZozqn7MBe46YVwJgIKTwGeGP0X6tMlEZ1FfY1mhbCm5doE7d97vdPTy97x6cXV+dnl"
    "5fnVcYxxvqsM7OvhzwzvlKUQKIAAz5MuUuSkVI2iRI3iAhLAfI883MUnfPAybzrj43AqE3"
    "dymAd9aOrSU9UshKy70NTk5DayNs063mrbZlzl3ouhPswIVsNz74djyyRS76ryUlVeNiAo"
    "uL7yMmcEtgBq1YqGZq78zQsa6A1o94+3t/uKtd6xXw/QcMQbN/nublncNWlS54Tv8ZSjLX"
    "4vl9qsWQHvnWzWDACSwDca30J8t18nPAVYCtxovAK3Arj8beUwLq4fyYjVB3VnD+mpndSQ"
    "YMf3DKmanUSiFTO7bsBdIEqrFMMdjVdgbwD2k+MtRLGlkqRsLNEKwHdvt4MblvpGUF5GHT"
    "699Xg1wvEz5JSy7sgOTlDlZ2TOkFBx7B8kjp0LE+4n+vJvllwaErjoCGIvSWe3LPKSJKjq"
    "KHtj+yv80OZ7yPEQCeIo0qVragfEG3dATAEx5rLJF05mt8mChhw7LJF8SeZ1VReTWwmt+6"
    "6e7XuYvLWoaAp4kfpKfI4bbRB4AuqBhZTDnkjU7663qJAkeAXrkvmGlFD77MUW0w78iW5Y"
    "4Id/sBxQYDAigQy+T0yiXRP7/ejx+nagfXwY3AzHw9Ukj33qoDPNdR4G/dsMvNDzHEE6vD"
    "iEFQu04aDoukNYgFAH3RVFWArff7yIev8prv6jcvVsvfJmWk9Lqm+JaM7W2LyWDWfhsgKZ"
    "jVZ3RlZpusmaVjWPquaxAeV5TT1tckyWFvxItQ1JRxAh5ru7ZTFizAbqbjByj0V6ahOz+i"
    "6Fwy/Po+pABL2w9UR9DYGDUlIFkhdtBep1s2kbzsCGKhCIqnozaQWo7xNRtQmNsT4tjneo"
    "s8HapnUBLVbfwaBYsWLF1VlxALuADkfqKObB7MAzxX9bzn/hQvJgqVigddsBT3uV+G+vhP"
    "/2cvzXRNi1wFKXjTNk5VrBfGuog3ABxq8ONZpzgAV7TooBzwm2IXFfw5lplKQCc4EEW9jW"
    "cdtYTFFbCWrLgDNYTGYDwGO5GhGP7PkhA46XeFVZLgd4IqemuATixHmGtv5CvU/h1tjCGq"
    "CcnCoEUoGxtodIVGDsR9R6lcCYBTDRLWeG7A0UnxNWpUHNUXV+hYea8m3LMZ43WujCCyid"
    "N1nnjNu50Dbp8+p/OFOZammR6I6O6qzXmm/ZXWI4hV+SQOHydBPIbMkSCyuYxTBjQlfRbK"
    "MDroXiLcK5hmOuG7LF+5PjPT9Zgb3LJSzivm5Z0uJ1NUolLlqeuFCFe7st3FOnk+2pWmzm"
    "AVeQuSjeqhwLqJ3KbztCSBXpqSK9Zkz+A41KqVjkj6h1VaSnivSagenBFun1oYeMeUfAel"
    "c93TLOC5IxjSG86syyN55ZVpj+Lqa4xZnvNrDcnVQvsUUlgfBqeAvRPakUQzgpiSGciA4l"
    "sgm0BY5eMZnlRBSdlaSzew3ifv8/ao0wzg=="
)
