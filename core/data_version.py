"""The data version: one counter that moves with every committed write to the data we show.

Public pages, charts, the open data and the SIG dashboard are cached under `version_token()`.
The counter is one row, bumped by database triggers (installed by `tracker.apps`, from
`install_triggers` below) in the same transaction as the write, so every path moves it:
services, the admin, imports, `QuerySet.update()`, raw SQL and history pruning alike. Reading
it is one primary-key lookup.

Besides the count, each bump stores a random stamp. A transaction that rolls back takes its
bump with it, so the next write reuses the same count with different rows (tests do this all
the time; a database restored from a backup does it too); the stamp tells the two apart.

Public API:
    current_version() -> int        the write count (moves with every write; for ordering)
    version_token() -> str          the cache identity: database identity, count and stamp
    TABLE                           the counter table's name (created by tracker's migration)
    install_triggers(connection, tables) -> int   (tracker.apps, after every migrate)
    trigger_name(table) -> str, tables_with_trigger(connection) -> set[str]   (for the tests)
"""

import hashlib

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "tracker_data_version"
_FUNCTION = "tracker_data_version_bump"
_PREFIX = "data_version_"

# Trigger names have a length limit (PostgreSQL: 63 bytes); long table names are hashed.
_MAX_NAME = 63


def _read(connection: BaseDatabaseWrapper) -> tuple[int, int]:
    with connection.cursor() as cursor:
        # The table name is a constant of this module, never input.
        cursor.execute(f"SELECT value, stamp FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def current_version(connection: BaseDatabaseWrapper = default_connection) -> int:
    """How many writes (statements on PostgreSQL, rows on SQLite) the data has seen; one query."""
    return _read(connection)[0]


def _database_identity(connection: BaseDatabaseWrapper) -> str:
    """Which database this is: a shared cache (Redis) must never pair one database's version
    with another's pages."""
    conf = connection.settings_dict
    parts = (conf["ENGINE"], conf.get("HOST") or "", str(conf.get("PORT") or ""), str(conf["NAME"]))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def version_token(connection: BaseDatabaseWrapper = default_connection) -> str:
    """A short string naming this database at this version of its data; one query.

    Equal tokens mean the same rows in the same database. Use it in cache keys and ETags.
    """
    value, stamp = _read(connection)
    return f"{_database_identity(connection)}.{value}.{stamp % (1 << 48):x}"


def trigger_name(table: str) -> str:
    name = f"{_PREFIX}{table}"
    if len(name) <= _MAX_NAME:
        return name
    return f"{_PREFIX}{hashlib.sha256(table.encode()).hexdigest()[:16]}"


# SQLite: random() is a signed 64-bit integer. PostgreSQL: see _PG_FUNCTION.
_BUMP_SQLITE = f"UPDATE {TABLE} SET value = value + 1, stamp = random() WHERE id = 1;"  # noqa: S608

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET value = value + 1,
        stamp = floor(random() * 9007199254740991)::bigint WHERE id = 1;
    RETURN NULL;
END;
$$;
"""  # noqa: S608

# Columns whose changes are not shown anywhere and would otherwise bust every cache: a report
# build renews its lease every twenty seconds (reports/services.py). The trigger on such a
# table fires on `UPDATE OF` every other column, so renewing a lease moves nothing.
EXCLUDED_COLUMNS = {"reports_reportrun": {"lease_expires_at"}}


def _columns(connection: BaseDatabaseWrapper, cursor, table: str) -> list[str]:
    return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _update_of(connection, cursor, table: str) -> str:
    """ " OF <every column but the excluded ones>" for a table with excluded columns, else ""."""
    excluded = EXCLUDED_COLUMNS.get(table)
    if not excluded:
        return ""
    kept = [c for c in _columns(connection, cursor, table) if c not in excluded]
    return " OF " + ", ".join(connection.ops.quote_name(c) for c in kept)


def _sqlite_sql(connection, cursor, table: str) -> list[str]:
    quoted = connection.ops.quote_name(table)
    name = trigger_name(table)
    update_of = _update_of(connection, cursor, table)
    sql = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        columns = update_of if event == "UPDATE" else ""
        if columns:
            # Rebuilt every time: the column list must follow columns added since.
            sql.append(f"DROP TRIGGER IF EXISTS {name}_{event[0]}")
        sql.append(
            f"CREATE TRIGGER IF NOT EXISTS {name}_{event[0]} AFTER {event}{columns}"
            f" ON {quoted} BEGIN {_BUMP_SQLITE} END;"
        )
    return sql


def _postgresql_sql(connection, cursor, table: str) -> list[str]:
    quoted = connection.ops.quote_name(table)
    name = trigger_name(table)
    update_of = _update_of(connection, cursor, table)
    if not update_of:
        return [
            f"CREATE OR REPLACE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {quoted} FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}();"
        ]
    # Row level for these: a statement trigger fires even when no row matched, and the
    # recovery job (every minute) runs an UPDATE that usually matches none.
    return [
        f"CREATE OR REPLACE TRIGGER {name} AFTER INSERT OR UPDATE{update_of} OR DELETE"
        f" ON {quoted} FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}();",
        f"CREATE OR REPLACE TRIGGER {name[: _MAX_NAME - 2]}_t AFTER TRUNCATE"
        f" ON {quoted} FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}();",
    ]


def tables_with_trigger(connection: BaseDatabaseWrapper = default_connection) -> set[str]:
    """The tables that carry the bump trigger (for every event it needs)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [_PREFIX + "%"],
            )
            found: dict[str, set[str]] = {}
            for table, name in cursor.fetchall():
                found.setdefault(table, set()).add(name)
            return {
                t
                for t, names in found.items()
                if {f"{trigger_name(t)}_{e}" for e in "IUD"} <= names
            }
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
            [_PREFIX + "%"],
        )
        return {table for table, name in cursor.fetchall() if name == trigger_name(table)}


def install_triggers(connection: BaseDatabaseWrapper, tables: list[str]) -> int:
    """Give each of `tables` the bump trigger; idempotent. Returns how many tables were new."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return 0
    have = tables_with_trigger(connection)
    existing = set(connection.introspection.table_names())
    new = [t for t in tables if t not in have and t in existing]
    # Tables with excluded columns are rebuilt every time, so their column list stays current.
    rebuilt = [t for t in tables if t in have and t in EXCLUDED_COLUMNS]
    build = _sqlite_sql if connection.vendor == "sqlite" else _postgresql_sql
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and (new or rebuilt):
            cursor.execute(_PG_FUNCTION)
        for table in new + rebuilt:
            for sql in build(connection, cursor, table):
                cursor.execute(sql)
    return len(new)


def bump(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Move the version by hand: after a migration (data and code may both have changed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {TABLE} SET value = value + 1,"  # noqa: S608
                " stamp = floor(random() * 9007199254740991)::bigint WHERE id = 1"
            )
        else:
            cursor.execute(_BUMP_SQLITE)
