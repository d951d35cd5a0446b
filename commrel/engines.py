"""The two database engines Commrel runs on: a local SQLite file, or a shared PostgreSQL server.

Everything above this module writes one dialect of SQL: peewee's query builder,
plus a little raw SQL written with ``?`` placeholders and standard functions.
PostgreSQL's driver wants ``%s`` placeholders and reads ``%`` as the start of
one, so raw SQL is translated here, once, rather than at every call site.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import peewee

from .errors import ServerUnavailable

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_URL_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.lower().startswith(_URL_SCHEMES)


def engine_of(db: peewee.Database | None) -> str:
    if isinstance(db, peewee.DatabaseProxy):
        db = db.obj
    return POSTGRESQL if isinstance(db, peewee.PostgresqlDatabase) else SQLITE


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL URL taken apart; ``display`` never shows a password."""

    user: str
    password: str | None
    host: str
    port: int
    database: str
    options: str = ""

    @property
    def display(self) -> str:
        user = f"{quote(self.user)}@" if self.user else ""
        return f"postgresql://{user}{self.host}:{self.port}/{self.database}"

    @property
    def keychain_account(self) -> str:
        """The key a saved password is filed under in the OS keychain."""
        return self.display

    def with_password(self, password: str | None) -> "ServerAddress":
        return ServerAddress(self.user, password, self.host, self.port, self.database, self.options)


def parse_server_url(url: str) -> ServerAddress:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("postgresql", "postgres"):
        raise ValueError(f"{url!r} is not a postgresql:// address.")
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ValueError("The address names no database: add it after the host, as in "
                         "postgresql://user@host:5432/commrel.")
    try:
        port = parts.port or 5432
    except ValueError:
        raise ValueError(f"The port in {url!r} is not a port number (1 to 65535).") from None
    return ServerAddress(
        user=unquote(parts.username or ""),
        password=unquote(parts.password) if parts.password is not None else None,
        host=parts.hostname or "localhost",
        port=port,
        database=database,
        options=parts.query,
    )


def strip_password(url: str) -> str:
    """The URL as it may be shown or stored in settings."""
    if not is_server_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{quote(user)}@{netloc}" if user else netloc,
                       parts.path, parts.query, parts.fragment))


# %s first: peewee's own placeholders may share a statement with a raw fragment.
_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|%s|\?|%")


def translate_placeholders(sql: str) -> str:
    """Rewrite ``?`` placeholders (outside quoted text) as ``%s`` and double every ``%``."""
    def swap(match: re.Match) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%s":
            return token
        if token == "%":
            return "%%"
        return token.replace("%", "%%")
    return _QUOTED_OR_MARK.sub(swap, sql)


def _has_question_mark(sql: str) -> bool:
    return "?" in sql and any(m.group(0) == "?" for m in _QUOTED_OR_MARK.finditer(sql))


def unavailable(display: str, exc: Exception) -> ServerUnavailable:
    """A plain message for a server that cannot be reached or refused the login."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    needs_password = "password" in detail.lower()
    if needs_password:
        message = f"The team database {display} needs a password, or the one given was not accepted."
    else:
        message = (f"The team database {display} cannot be reached ({detail}). Check the network "
                   "connection, then try again; nothing was changed.")
    return ServerUnavailable(message, needs_password=needs_password)


class _Psycopg(peewee.Psycopg3Adapter):
    """peewee's psycopg 3 adapter, with the driver loaded when a team database is opened.

    peewee reads the driver from its own module globals, filled at its import;
    Commrel imports peewee without it (see ``commrel/__init__.py``) so that a
    local file opens without loading it.
    """

    def __init__(self):
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb

        super().__init__()
        self._driver, self._status = psycopg, TransactionStatus
        self.txn_idle, self.txn_inerror = TransactionStatus.IDLE, TransactionStatus.INERROR
        self.txn_unknown = TransactionStatus.UNKNOWN
        self.json_type, self.jsonb_type = Json, Jsonb

    def check_driver(self):
        pass

    def get_binary_type(self):
        return self._driver.Binary

    def connect(self, db, **params):
        if db._encoding:
            params.setdefault("client_encoding", db._encoding)
        params.setdefault("dbname", db.database)
        if getattr(db, "unreachable", False):
            # The server was away at the last try: until it answers again, a save fails
            # within seconds instead of holding the window for the whole timeout (a server
            # that is there answers in milliseconds).
            params["connect_timeout"] = min(int(params.get("connect_timeout") or QUICK_RETRY_SECONDS),
                                            QUICK_RETRY_SECONDS)
        return self._driver.connect(**params)

    def server_side_cursor(self, conn):
        in_transaction = self.txn_status(conn) == self._status.INTRANS
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_transaction)


QUICK_RETRY_SECONDS = 3


class PostgresDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL that also accepts the ``?`` placeholders of Commrel's raw SQL.

    A connection that dropped (a laptop leaving the office network) is opened
    again on the next statement outside a transaction; inside one, or when the
    server stays away, the statement fails with ServerUnavailable and nothing
    of that transaction is kept.
    """

    # Whichever driver peewee found at its import, this one is used.
    psycopg2_adapter = psycopg3_adapter = _Psycopg

    def execute_sql(self, sql, params=None):
        if _has_question_mark(sql):
            sql = translate_placeholders(sql)
        elif not params and "%" in sql:
            # Without parameters the driver must not read "%" as a placeholder.
            sql = sql.replace("%", "%%")
        try:
            return super().execute_sql(sql, params or ())
        except peewee.DatabaseError as exc:
            if not self._lost():
                raise
            in_transaction = self.in_transaction()
            self._forget_connection()
            if in_transaction:
                raise unavailable(self.display, exc) from exc
        try:
            self.connect()
            return super().execute_sql(sql, params or ())
        except peewee.DatabaseError as exc:
            if self._lost() or self.is_closed():
                self._forget_connection()
                raise unavailable(self.display, exc) from exc
            raise

    address: ServerAddress  # set by open_postgres

    @property
    def display(self) -> str:
        return self.address.display

    def _lost(self) -> bool:
        conn = self._state.conn
        return conn is None or bool(getattr(conn, "broken", False) or getattr(conn, "closed", False))

    def _forget_connection(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is dropped either way
            self._state.reset()

    unreachable = False  # the last attempt to connect failed

    def connect(self, reuse_if_open=False):
        try:
            opened = super().connect(reuse_if_open)
        except peewee.OperationalError as exc:
            self.unreachable = True
            raise unavailable(self.display, exc) from exc
        self.unreachable = False
        return opened


def open_postgres(address: ServerAddress, *, connect_timeout: int = 10) -> PostgresDatabase:
    kwargs = {"host": address.host, "port": address.port, "connect_timeout": connect_timeout,
              "application_name": "Commrel"}
    if address.user:
        kwargs["user"] = address.user
    if address.password:
        kwargs["password"] = address.password
    # Times are stored as naive UTC; the session's clock must agree.
    kwargs["options"] = "-c timezone=UTC"
    db = PostgresDatabase(address.database, prefer_psycopg3=True, **kwargs)
    db.address = address
    return db
