//! What the database layer fails with. The services above turn it into the crate's
//! [`crate::Error`]; this layer knows nothing of them.

use crate::domain::words::Text;

/// A database operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// Migrations failed at start-up.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Reading or writing a file beside the database failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// A stored row cannot be read back as what it should be: it names the row.
    #[error(transparent)]
    Corrupt(#[from] Corrupt),
    /// The write conflicts with one still open (a unique index said no).
    #[error("{0}")]
    Conflict(Text),
    /// The named row does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A file given to the database is not one it can use.
    #[error("{0}")]
    Invalid(Text),
}

/// A row that cannot be decoded: which table, which row, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{table} row {row} is corrupt: {what}")]
pub struct Corrupt {
    /// The table.
    pub table: &'static str,
    /// The row's key.
    pub row: String,
    /// What could not be read.
    pub what: String,
}

impl Error {
    /// A unique index or another constraint refused the write.
    pub fn is_constraint_violation(&self) -> bool {
        matches!(self, Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => match inner.downcast::<Corrupt>() {
                Ok(c) => Error::Corrupt(*c),
                Err(inner) => Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, inner)),
            },
            other => Error::Sqlite(other),
        }
    }
}

/// The error a row decoder returns for a bad column: `table` row `row`, `what` is wrong.
pub(crate) fn corrupt(table: &'static str, row: impl Into<String>, what: impl Into<String>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(Corrupt { table, row: row.into(), what: what.into() }),
    )
}

/// Decode amount column `column` of `table` row `row`: a decimal string, or a [`Corrupt`].
pub(crate) fn amount(table: &'static str, row: &str, column: &str, text: &str) -> rusqlite::Result<rust_decimal::Decimal> {
    crate::domain::money::parse(text).ok_or_else(|| corrupt(table, row, format!("{column} {text:?} is not an amount")))
}

/// Decode an optional amount column.
pub(crate) fn opt_amount(
    table: &'static str,
    row: &str,
    column: &str,
    text: Option<String>,
) -> rusqlite::Result<Option<rust_decimal::Decimal>> {
    text.map(|t| amount(table, row, column, &t)).transpose()
}

/// The crate's database result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
