//! rpm's SQLite `rpmdb.sqlite`: the `Packages` table's `blob` column holds
//! the package headers. The file is read from memory (SQLite's
//! `sqlite3_deserialize`, through rusqlite): nothing is written to disk.
//!
//! The database is untrusted, so SQLite is told so (defensive mode, schema
//! not trusted, cell sizes checked), `Packages` must be a plain table (a
//! view could be made to run without end), and a database that says it is
//! in WAL mode is read as a rollback-journal one (an in-memory database has
//! no WAL; the header's two version bytes say which, and an image's
//! database is checkpointed when rpm closes it).

use rusqlite::config::DbConfig;
use std::io::Read;

use rusqlite::{Connection, OpenFlags, MAIN_DB};

pub const MAGIC: &[u8] = b"SQLite format 3\0";

/// Every `Packages.blob`.
pub fn blobs(data: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let fail = |e: rusqlite::Error| e.to_string();
    if data.len() < 100 {
        return Err("shorter than its header".into());
    }
    // Bytes 18 and 19: the write and read format versions, 2 for WAL.
    let versions: &[u8] = if data[18..20] == [2, 2] {
        &[1, 1]
    } else {
        &data[18..20]
    };
    let patched = data[..18].chain(versions).chain(&data[20..]);
    let mut db = Connection::open_with_flags(
        ":memory:",
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(fail)?;
    db.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .map_err(fail)?;
    db.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .map_err(fail)?;
    db.deserialize_read_exact(MAIN_DB, patched, data.len(), true)
        .map_err(fail)?;
    db.pragma_update(None, "cell_size_check", true)
        .map_err(fail)?;
    let kind: Option<String> = db
        .query_row(
            "SELECT type FROM sqlite_master WHERE name = 'Packages'",
            [],
            |row| row.get(0),
        )
        .ok();
    if kind.as_deref() != Some("table") {
        return Err("no Packages table".into());
    }
    let mut statement = db.prepare("SELECT blob FROM Packages").map_err(fail)?;
    let rows = statement
        .query_map([], |row| row.get::<_, Vec<u8>>(0))
        .map_err(fail)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(fail)
}
