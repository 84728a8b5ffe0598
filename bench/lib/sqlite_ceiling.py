#!/usr/bin/env python3
"""The raw-SQLite ceiling of a write benchmark, measured in the same run.

    sqlite_ceiling.py SOURCE_DB ROWS BATCH TABLE [TABLE ...]

Copies the schema of each TABLE (with its indexes) from SOURCE_DB into a
fresh database with the server's settings (WAL, synchronous=NORMAL), takes
one existing row of each table as a template, and inserts ROWS "writes":
each write is one new row in every TABLE, with fresh values in the primary
key and unique columns. Writes are committed BATCH at a time (1 = a commit
per write). Prints the writes per second. No HTTP, no JSON, no checks: what
SQLite alone can do on this machine.
"""
import os
import sqlite3
import sys
import tempfile
import time


def unique_columns(db, table):
    cols = {row[1] for row in db.execute(f"PRAGMA table_info({table})") if row[5]}  # primary key
    for index in db.execute(f"PRAGMA index_list({table})"):
        if index[2]:  # unique
            cols |= {row[2] for row in db.execute(f"PRAGMA index_info({index[1]})")}
    return cols


def main():
    source, rows, batch, tables = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    plans = []
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(os.path.join(tmp, "ceiling.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        for table in tables:
            for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                                      "ORDER BY type DESC", (table,)):
                db.execute(sql)
            cursor = src.execute(f"SELECT * FROM {table} LIMIT 1")
            template = cursor.fetchone()
            if template is None:
                sys.exit(f"{table} has no row to use as a template")
            names = [d[0] for d in cursor.description]
            fresh = unique_columns(src, table)
            plans.append((f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                          [(name in fresh, value) for name, value in zip(names, template)]))

        def row(plan, i):
            return [(f"{v}-{i}" if isinstance(v, str) else (v or 0) + i + 1) if fresh else v for fresh, v in plan]

        start = time.perf_counter()
        for first in range(0, rows, batch):
            db.execute("BEGIN")
            for i in range(first, min(first + batch, rows)):
                for sql, plan in plans:
                    db.execute(sql, row(plan, i))
            db.execute("COMMIT")
        seconds = time.perf_counter() - start
        print(f"{rows / seconds:.0f}")


if __name__ == "__main__":
    main()
