"""Queue events and login counters: what several processes of one deployment share.

From aerich's diffs (SQLite, then PostgreSQL). Two new tables, nothing existing touched:
``queue_events`` (the durable, pruned sequence behind queueEvents cursors:
services/queue_events.py) and ``login_attempts`` (the login rate limit's sliding windows,
counted in the database so N API processes do not grant N times the attempts:
services/login_counters.py).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UP = """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(400) NOT NULL,
    "at" TIMESTAMP NOT NULL
) /* One counted login attempt (services\/login_counters.py): shared by every process, so */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_key_6a6538" ON "login_attempts" ("key", "at");
        CREATE TABLE IF NOT EXISTS "queue_events" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* One QUEUE event, written once by the process that published it (services\/ */;
CREATE INDEX IF NOT EXISTS "idx_queue_event_created_f6db50" ON "queue_events" ("created_at");
"""

POSTGRES_UP = """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(400) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_login_attem_key_6a6538" ON "login_attempts" ("key", "at");
COMMENT ON TABLE "login_attempts" IS 'One counted login attempt (services/login_counters.py): shared by every process, so';
        CREATE TABLE IF NOT EXISTS "queue_events" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_queue_event_created_f6db50" ON "queue_events" ("created_at");
COMMENT ON TABLE "queue_events" IS 'One QUEUE event, written once by the process that published it (services/';
"""

# The same on both engines.
DOWN = """
        DROP TABLE IF EXISTS "queue_events";
DROP TABLE IF EXISTS "login_attempts";
"""


def _is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_UP if _is_postgres(db) else SQLITE_UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWN


MODELS_STATE = (
    "eJztXVtz2zYW/isYvdSZ0Xpt2XGy2Z2dsR21devYaSxvO407NETCEmoKYAnQjrbb/74AKF"
    "5EghQp60IxeGljAIekvoPLuePPzoQ6yGX7px4e0EdEOu/Anx0CJ0j8I9fXBR3oeUmPbOBw"
    "6KrB0MMWl8NUMxwy7kObi54H6DIkmhzEbB97HFP5FhK4rmykthiIyShpCgj+I0DiWSPEx8"
    "gXHZ9/E82YOOgLYtGf3qP1gJHrzH0wduS7VbvFp55qu729eP+tGilfN7Rs6gYTkoz2pnxM"
    "STw8CLCzL2lk3wgR5EOOnNTPkF85+81RU/jFooH7AYo/1UkaHPQAA1eC0fnXQ0BsiQFQb5"
    "L/Of737NNSwyzr6npg3fQHltWpgZ1NicQdEy6B+vOv8LkJIKq1I19w/v3pp72jk1cKAsr4"
    "yFedCq7OX4oQchiSKtATlNX/czifj6Gvxzkan0FafOgyGEcNCcjJBIvgiwBaA6SdCfxiuY"
    "iM+Fj82Ts4KMH4P6efFMxilMKZihURLparWVcv7JN4J/iqVWSNIRvXQXmeajVYL57PG0P6"
    "sPe2AtJiVCHSqm8eaWZT+ZQcyj/cXF/pUU4oMgg72Obgf8DFjK9rVqf2jmGAXY4J25fv28"
    "b2IRGST54w9oebxnnvw+kvWRacX16fZfcZ+YCzDDtsH0nILMjzLHkvejieID1b5imzrJmR"
    "7kf/2MVtR/xA55q409kiLGHN4OJD/2Zw+uHjHH/enw76sqenWqeZ1r2TDM/ih4CfLwbfA/"
    "kn+PX6qp9lYzxu8GtHfhMMOLUIfbagk9ovotYItTmuoy8eFk9bguvzlCvg+uxzm8L0HWFy"
    "hEkpl13IuBWwpVZ3ltZwusmc9tGTEEU0kvgZpS6CRM/jFFWGvUNBtq4dO27ZLE/Prq8v59"
    "h5djHInJm3H876Qp5RfBSDMFfNF1eDzJkploVv1dN7UiSrVH6au4QW6DpSnXx41Ko6Eqo8"
    "tN9SH+ER+RFNFcAX4jsgsXU6zkyDvp09ZjchTVqTjdOHz7H+nZ5Q4reLX4zC2Xp+enN++r"
    "7fUQgPof34DH3HmoNa9tAezbTEY/Ndk94k2wIJHClw5K+Q3xzbLbwbxHn4CzVWjbi3W27X"
    "8CwWDtyiZeMRTesog7Ph7dMCK+nbhyX69mGkbxfbN56gG2gMHAP0hevRjglaYeEok0X6vw"
    "zKtb5YFLm8vvouGp5VBTVb7pZ2iMDBvP+E1M6W3yGS3vIdQo6zkBxobJ8tt33WV142aZLY"
    "6MbcXouEWLu0rlCdpnnBslqsl26Sxy9ZQ3NwyvfWEF8SinWdqNsTYU6OK0gwJ8eFAozsyv"
    "gLoC+OixCjGiBnyFohu2wIat3WsBBo7d5QDeaGWavWjbKDOMRuHbdMQtEMt4x8bWvcMtir"
    "M9vD0Waa66d5YxQfPr5BjIWIaDSfpLtbrvrwscXCkdV0n841QcCnz8BDPsCMBcgBP/w8eA"
    "dcOqIBB6EdmAFKBG3YJlQwf/os1CEEoOsC+gAgkCanb9h+J8PI1T99sUb2OW3/SjkifytU"
    "1X7nuM6Kmg1vnTFnVQdHsbbmBUMX2zWP6zmi1oF+1KsA+lGvEHTZZbz2RkdukNe+Yerejj"
    "DZ+HIb58tVcQ4MIbJsjESK1sRINHldGZVqPZYDJYkLlYdo1k8xvvNU7cO59/p1lSjl16+L"
    "o5Rlnwk8MYEnJvCkgnXljIpHdDR2lbCjW2ZRGcoh63cjf+7QZxKDB317jJ/ETym2WRj3sk"
    "mt2ayholKoz1FJqM9RPrUGMys079TUaObojE5TQ6eJt5Z6gKfJDN418Lbpk9zWJ+Jkqimd"
    "5SnXGsewIzKasXRW27vba+kMPGdJrs9TGq43hesaE83s6xOup8XjqjtomsYouOUKrsLKaL"
    "iLNNz0lGqcinsj9BLUKdJzw97uQmXXYnLgGlTez7Pnh+hFtoLfXhJQfUEKUgC0ix6TXNDR"
    "jMfNdRaP5Cf8rXd4/Ob47dHJ8VsxRH1m3PKmZDuIxNGS+GnbRkyTcV8WCxpRtFDJPTypks"
    "6SPQZT2Swnxhvfdmmlioya3uiqSitpGiOtGO/GBoW/YWQHf6HwF9vTdxPUhdJfeonqpb/s"
    "nDUS9Y76jM5djAi/4ZBrJep0d6lIbauBFotHrlikTsEnk4yNNL1NaXqbWeHbFubWH+Fg8s"
    "DXngdu7KzVJvtuai5V7KxG0DZhREYk1IqEF9IVqxMGw45SMVC5cTcRRpRWUdLJT10wH2JU"
    "Nm7e8oRNGNK2w5AesJCsaoYipWlaIf9sQMLk42AyJNpc55J08jSRQboa0s/Y4ZpyyoUaaD"
    "x+sRK6CwCvRA9N0BwL8WGsEdML4UwIDJ4aPBn+L7KGU66rRX2GR4WwztO1Cdp/9HpHR296"
    "B0cnb18fv3nz+u1BjHG+qwzss4vvJN5zO4WGARz6fu0gxRSViVGsEaM4QRxK2SMPd3GFjz"
    "TNi2p87E5k4lqKeYgfLUR6wZqJVusu3GpydEvtNs0qb7Xqbdz43ouh3k0LVsN977uzl9Vw"
    "vZvISxN52QCj4OLIy9wmsAJQq0Y0NHPlLx/QID4AXN1eXm7L1npJR5icciHeeNpawHP93T"
    "LLqytHioNcDa1RE8umARHsBooezOjBnlhkT9hG7O/hc8NRPtv3pq/eARU564DhFCBZxQp4"
    "PpXBkl3AaCfDt3W8445cgdOPF1ETYsChgFAORj4kHFwBKawwwMcoehfbB/f3j2h6fw9w2O"
    "HiiRAq/W8YEM1gz0P+HYG2+gQAiQPCeIYuoL6q6RX++eqfAAIWqMhQ8ED9EX4S78Gcydpf"
    "1et2zfzhpbW6dOdQmUrestCFjejhJsBhoVH0uFI27HFJNuxxPhu22cWsmyJpNUkf0XjUQ4"
    "UkJ+9t5xj9IP/3CdlUX/8g3V16iCZN5rqNLRYLXOH1lqbmQQW811LzQAFUA99ofAvxXX26"
    "zRCyWuBG4w24FcBNf1YO4+IwzAzZ5qDudLYgnawjFJPRwLdrhb4mFK2Y2ZsG3IO66IRiuK"
    "PxBuwlwH6g/kSn+pTENsUUrQB8/fu2+uBaF2unacwdDuVzfpk7HFj8G3JMWVT5KkVowhzq"
    "lGIy7uCvxB3cEOvLTzJGQ11Y+El9XM7+Mj+gW2aBCeM9alxqqBwMP932b/tAUXXBs485Rw"
    "RQYiPpP5Dm/pmrQPwbcqBK6rExcgBOeyG0rouVPPmOpH9W6N+QXgPsRO4I1fMNA3bgM+oD"
    "TLJeD+mTgEB8G4IT9a47IuZOIP0cz5iPwf09w+Kr7u+BjzwXTsPHSrcEgA9c3krC98FHPy"
    "Di2/YgcOC0K2817R4cHKhRryp6L4zDopEOiyF1NJbDYkE+Gt8KuXLTgvxuHbDmcs5WnK8X"
    "HE0Kz1bVWeFclXGUm8jOkmUAglCn8jEVp6babGSGlcy7SnqF/M/EsZjczFLPIf61HC5rS+"
    "QfQm6P68YQpmjWG/PWkNtzasQQJjO7qokntVJad+Xs6i086d2k4laQJtlcpspBozeEtAHY"
    "h5NaBrOEYvPmshblQ6gj2qrp758jat9+sUK3f7owOdOI6d+6FBZsGBFBBt8HSdGuif3++v"
    "bssg8+fuqfX9xczCZ5LHOrznlb46f+6WUGXuT7VBPVXax5xgRtuO9o05pnOry34vmXJjHn"
    "n7GVf626fDbtdjmuz1Oayw6bFo86f/JPPJnnsdTqztAaTjeZ08/UfyzI3SsWpueI2iCMrP"
    "uSy5yxruaa0tGbddXkdWVSYk1K7Pox3dnLSG741EUfBbeRNncz3d0t880wOdDy1MgtJp+Y"
    "Gnfmqs3dTzsR7MAcP8n1RGdJ05Wjm/OkrUB901YqgkZwSRZoSE0eRW0GmOtmTcxtY3afFt"
    "sRTen4tnFdoxabKzqNVmy04upasYJdow5H7CjWg2U9fKP/tlz/RZOadcdjgtaVuTjqVdJ/"
    "eyX6by+n/zqYyfwPq66dIUvXCs13A/FFHmTsmYpNcwyZJpe6GPAcYft8UGspqS+UVOhMsK"
    "Y0wyLdNiYzqm0N1VYCZ0ubzBKAx3QbRDzaz3cZcDZls4yOeoAndGaK10Cc00dErCchfWpL"
    "vhTG1uXoTICdMYy13URiDGNfI9erGMZcyLgV1SGuy/gcsQkNag6r8ys85FRAXGo/LrXQtQ"
    "8wPG8yz6Vu5yHiiN9r/U6HdbIQdKRruslls7v5isUliVN4h6aAy7ccWCfVUU9sYNbDzLhY"
    "RaOl7j/TkrcI5w0UM2lIaYWfVRB4R+OumPV0yxwWYQh5jTpF3328BRyyR+BS6oE9Kprk7Q"
    "IOknWCuoASAMkUTKA9xgS96oLnMXaRrCXkB4SlCgrNXiwrCam6PbmyRet40R25I/f3duD7"
    "iPDoSq7wRgUIPFdMIhAuka66jAHKGxKkx07esPBODgmrD0lCMAkYV6M4fER3RNYqCl8lix"
    "GFFY0wD6sepfuQR31ZN0l0iW91KGLqIfSZyPpGne7K/T/F5tsX5A002SexqrSBYgdQOAdr"
    "uSZiihY6JY56lXxAJS6grIF8rM14LoZ3rE94bgO4a3FAeLVK0XgvuLawceCu+v7ZBpZL2e"
    "JsXX29lMxhXWPaaihbJOCucgY3JZO4aXO7TZYPZZwcI8GxIYJ8Wetm9gGG6Y1jeoPU0gdX"
    "X0w37usuUk3lKBNP1/J4OpNPtt58MnMZzJaSmEY+9DQBdcWV6WICU5juZTc2mNwxkzvWjM"
    "m/o8ESJkTma+R6lRAZkztmcsdM7lih3nuKfGyPOxqtd9bTLdN5YTKmMQqvKVH/whL1hVHZ"
    "xSpucUB2G7Tctfi05KKqgfBseAvRPaxkQzgssSEc6mpQE46IRtArVmZTJEadranObtWI+9"
    "f/AWGluWQ="
)
