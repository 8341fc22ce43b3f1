"""Workers and leases: the workers registry, and who runs each claimed item until when.

From aerich's diffs (SQLite, then PostgreSQL). Only nullable columns and a new table:
existing rows are untouched (claims made before leases keep worker_id and
lease_expires_at NULL, which crash recovery treats as a legacy claim).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UP = """
        CREATE TABLE IF NOT EXISTS "workers" (
    "id" VARCHAR(64) NOT NULL PRIMARY KEY,
    "device" VARCHAR(32) NOT NULL,
    "host" VARCHAR(255) NOT NULL,
    "pid" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "current_item_id" INT,
    "started_at" TIMESTAMP NOT NULL,
    "last_heartbeat_at" TIMESTAMP NOT NULL
) /* One GPU task loop (one per device, on any machine), while it runs (services/workers.py). */;
ALTER TABLE "queue_items" ADD "worker_id" VARCHAR(64);
ALTER TABLE "queue_items" ADD "lease_expires_at" TIMESTAMP;
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_106fc1" ON "queue_items" ("status", "lease_expires_at");
"""

POSTGRES_UP = """
        CREATE TABLE IF NOT EXISTS "workers" (
    "id" VARCHAR(64) NOT NULL PRIMARY KEY,
    "device" VARCHAR(32) NOT NULL,
    "host" VARCHAR(255) NOT NULL,
    "pid" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "current_item_id" INT,
    "started_at" TIMESTAMPTZ NOT NULL,
    "last_heartbeat_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "workers" IS 'One GPU task loop (one per device, on any machine), while it runs (services/workers.py).';
ALTER TABLE "queue_items" ADD "worker_id" VARCHAR(64);
ALTER TABLE "queue_items" ADD "lease_expires_at" TIMESTAMPTZ;
CREATE INDEX IF NOT EXISTS "idx_queue_items_status_106fc1" ON "queue_items" ("status", "lease_expires_at");
"""

# The same on both engines (SQLite has DROP COLUMN since 3.35).
DOWN = """
        DROP INDEX IF EXISTS "idx_queue_items_status_106fc1";
ALTER TABLE "queue_items" DROP COLUMN "worker_id";
ALTER TABLE "queue_items" DROP COLUMN "lease_expires_at";
DROP TABLE IF EXISTS "workers";
"""


def _is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_UP if _is_postgres(db) else SQLITE_UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWN


MODELS_STATE = (
    "eJztXW1zmzoW/isMX7ad8WYb563b2dmZJE17fTeNu42zvXPbDpVBsXWDJS4Scb3d/veVwA"
    "YMAiPH2Jjqy+2NpAP4OZI4z3kR380JcaBLD849NCAPEJuvjO8mBhPI/yfX1zFM4HlJj2hg"
    "YOiGg4GHLCaGhc1gSJkPbMZ77oFLIW9yILV95DFExF1w4Lqikdh8IMKjpCnA6M8A8muNIB"
    "tDn3d8+sKbEXbgN0gXf3oP1j2CrrP0wMgR9w7bLTbzwra7u97rN+FIcbuhZRM3mOBktDdj"
    "Y4Lj4UGAnAMhI/pGEEMfMOikfoZ4yvlvXjRFT8wbmB/A+FGdpMGB9yBwBRjmP+4DbAsMjP"
    "BO4j/H/5w/WmqYZd30B9bt1cCyTAXsbIIF7ggzAdT3H9F1E0DCVlPc4PKX8w/Pjk6fhxAQ"
    "ykZ+2BnCZf4IBQEDkWgIeoJy+G8O58sx8OU4L8ZnkOYPug7Gi4YE5GSCLeBbAFQDpOYEfL"
    "NciEdszP/svnhRgvF/zj+EMPNRIc6Er4hosdzMu7pRn8A7wTdcRdYY0LEKystSm8F69Xze"
    "GtKH3ZcVkOajCpEO+5aRpjYRV8mh/Ott/0aOciKRQdhBNjP+Z7iIsrpmdWrvGAbIZQjTA3"
    "G/XWwfAiFx5Qmlf7ppnJ+9O/8tq4LL6/5Fdp8RF7jIqMP2oYDMAiyvkte8h6EJlKtlWTKr"
    "mrnoweJ/9nHb4T/Q6WN3Nl+EJaoZ9N5d3Q7O371f0s/r88GV6OmGrbNM67PTjM7iixgfe4"
    "NfDPGn8Xv/5iqrxnjc4HdTPBMIGLEwmVrASe0Xi9YFaktah988xK+2htaXJTeg9fnjNkXp"
    "e6LkBSalWnYBZVZA11rdWVmt6SZr2oeP3BSRWOIXhLgQYLmOU1IZ9Q65WF07dtyyXZ1e9P"
    "vXS+q86A0y78y7dxdX3J4J9cgHIRY2924GmXcmXxa+pcZ7UiKbJD/NXUIruI6gk/cPUqoj"
    "oMpD+4b4EI3wv+AsBLjHnwNgW8Zx5gz6bn6Z/YQ0aU02Th9MY/6dnlD8t/NfDKPZenl+e3"
    "n++soMER4C+2EKfMdaglr0kC7JtMRj812T7iTbAjAYheCIXyGeOfZbeLeQsegXSrwacW+n"
    "3K/hWTQauEPPxgOcqZDB+fD2scBKfPuwhG8fLvh2sX/jEbiBxMExgN+YHO1YoBUejjJb5O"
    "q3QTnri02R6/7N28XwLBWUbLk72iECB7GrRxjubPkdIukt3yHEOAuKgdr32XLfpzp52aZL"
    "Yqsbc3s9EnztElWjOi3zhGW1mpduU8dPWUNLcIr7KpgviURdb9TdmTCnxxUsmNPjQgNGdG"
    "XiBcDnr4sIIwWQM2KtsF22BLVsa1gJtHRvqAZzw7xVdaPsQAaQqxKWSSSaEZYRt21NWAZ5"
    "KrM9Gq2nuXyaN4b4sPEtpDRCRMJ8ku5OOfVhY4tGI6txH7OPoeGTqeFB30CUBtAxfv04eG"
    "W4ZEQCZkR+YGoQzGWjNk7B/NmU0yFoANc1yL0BDOFy+gs9MDOK3PzVVzOyT2n/VyoQ+aWQ"
    "qv3BkMqKmg9vnTNnUy+OYrbmBUMX2Yqv6yWh1oF+1K0A+lG3EHTRpaP2miM3KGrfMLq3J0"
    "rWsdzGxXLDPAcKIV43RyIlq3MkmryuNKWqx3MQWuKc8mDJ+inGd1mqfTh3T06qZCmfnBRn"
    "KYs+nXiiE0904kkF78oF4ZcwJX6VqKNT5lEZiiH1h5E/mWSKY/CAb4/RI/8pxT4LHV7WpT"
    "XbdVRUSvU5Kkn1OcqX1iBqRe4dRUazJKc5jQKnibcWNcDTYhpvBbxt8ii29Ql/MylaZ3nJ"
    "WvMY9sRG057Oant3ez2dgeesqfVlSa31pmhd4qKZP32i9bR5XHUHTctogltOcEOsNMNdxX"
    "DTU6pxFPeW8xJoFvHcqLezkuxaVAysgfJ+ml8/Qm/hK/jylITqHi4oAZAueoRzSUdzHTc3"
    "WDwSj/DX7uHx2fHLo9Pjl3xI+Jhxy1nJdrAwR0vyp20bUknFfVku6EKihST38LRKOUv2NZ"
    "iqZjnV0fi2WytVbNT0RlfVWknLaGtFRze2aPwNF37wJxp/sT99P0Fdaf2ll6jc+svOWW1R"
    "72nM6NJFELNbBpjUok53l5rUdjjQovHIDZvUKfhEkbG2pndpTe+yKnzXxlz9GQ66Drz2On"
    "DtZ6022feTuVTxs2pDW6cRaZNQahL2RChWZgxGHaVmYBjG3UYaUZqipIufOsZyilHZuGXP"
    "E9JpSLtOQ7pH3LJSTEVKy7TC/tmChcnGwWSIpbXOJeXkaSGNdDWkp8hhkuOUCxloPH41Cd"
    "0HgDfCQxM0x9x8GEvM9EI4EwGNpwRPiv4LreGMyc6ivkCjQliX5doE7d+73aOjs+6Lo9OX"
    "J8dnZycvX8QY57vKwL7ovRV4L+0UEgUw4PvKSYopKZ2jqJCjOIEMCNsjD3fxCR9pmSed8b"
    "E/mYm1HObBfzQ36blqJlLWXbjV5OTW2m2adbzVprdxHXsvhno/PVgNj73vz16mEHrXmZc6"
    "87IBTsHVmZe5TWADoFbNaGjmyl8/oYE/gHFzd329K1/rO/HPB2gTeeFmurtT5ndNmvQ54T"
    "s85WiD3+XSxZoV8K6lWDMESAHfxfgW4rv5POEhoErgLsZrcCuAm36sHMbF+SMZse1Bbe4g"
    "PFVLDgklgW8r5ewkEq2Y2dsG3AOysEox3IvxGuw1wL4n/kTmWyoJysYSrQC8/n07fGClL4"
    "KmZfTh0xv3VyMa/4acUlYd2ZES1PEZlTMktB/7J/Fj59yEu/G+/FsEl3oMTkyJ7yXp7JR5"
    "XpIA1TbS3kR9RRDt+T4iPmKhH0WkromEtqSX708UWqkjb9VS23SFxBMrJIaA2WPV4ExKpt"
    "5gQkOOJVYIziQzu6oJmloprfuWz+Yt0PRuUnErSItsLwXoRaM3hDRB9cFEyaBPJLZvzrco"
    "0SR8RVuK8YglofbtFxsMS6RPfKMSO/2NS0DBhrEQyOB7LyTaNbFf9+8urq+M9x+uLnu3vf"
    "kkj23usHOZC324Or/OwAt9n0jC5cUurligDQdJb9vFBRg34D2ZB6bw/ZcW0e8/zeV/Vi6f"
    "zWdeT+vLkvorEs0pnc1r2SYTTyTQrLW6M7Ja003W9JT4DwVJkcXG9JJQG4yRur8eknPWKa"
    "4pmbxeV01eVzrXWOcaNyAttqmnvN6ymQvfc21DZkoiM+nuTllshoqBlheO3GFyrD48QH/D"
    "ZP/TYrk6EEOPYj1xG15ipJRkX+VFW4H6tr1UGI7AmiqQiOo8T2UF6O/46Jygxuw+LfYj6j"
    "P52qZ1CS3W3z7RrFiz4uqsOIRdQocX6ijmweKgQc1/W85/4UTxQLdYoHVluEfdSvy3W8J/"
    "uzn+6yDquWBmqfoZsnKtYL5byC/yAKVTwjfNMaCSWq9iwHOC7YtB1XJWISepwJkgSenoKm"
    "4bi2lqq0BtBXC28MmsAXgst0XEF/v5PgNOZ3Re0aEGeCKnp7gC4ow8QGw9cutTWpJemFuX"
    "k9MJdtox1nYXiXaM/Yxar+IYcwFllktGCK+THZQV1qlBzVF1foVHmgqwS+yHtRa69AJa50"
    "3WueB2HsQO/73WH2SoUoUgE63piNzt7uYbNpcETtHHSThcvuUAlVJHubCGWQ4zZXwVjdY6"
    "WF4q3iKct3C8fEOOVvgYJoGbknDFvKdTFrCIUsirhSzMPobG2/d3BgP0wXAJ8YxnhDfxlW"
    "o48BHZXIRgA+CZMQH2GGH4vGNMx8iFBmKGH2BqPKPQFwPp3+Y3PvBmzw/MjGZru9Fn/Bl/"
    "/WoHvi8+oTk/6/zrVwNRAxieyyeRES2RjoEJ4233UcTOeICzV2IIvzZ0DCFoTALKwlEMPM"
    "DPmI2hEd3K8MnUmCI25uM6/CEdI90HPeIzGnbxZ3UIpOFFyBTzv0MkNhz/KXbfPqFuoMkx"
    "iU2VDRQHgKI5qBSaiCVaGJQ46laKAZWEgLIO8rG04rkY3rG84LkN4NYSgPCUjqLxnvA9iM"
    "aBu+kP+zTwuJQdztbNn5eSeVkrTFuJZIsM3E3O4KZUEjdtbrfJ8xE6J8eQa2wIAVvXu5m9"
    "gFZ645TeIFp674bPJSWmYV9nFTUVo3Q+Xcvz6XQ9Wb31ZPqw+h0VMY184EkS6opPposF9M"
    "F0TztRWteO6dqxZkz+PU2W0CkyP6PWq6TI6NoxXTuma8cKee859JE9NiWsd97TKeO8IBnT"
    "GMKrj6h/4hH1hVnZxRS3OCG7DSy3lpiWWFQKCM+HtxDdw0o+hMMSH8Kh7AxqzCCWGHrFZD"
    "YloumsIp3dqRP3x/8BQ9z9wg=="
)
