//! The core's one error type. What reaches the webview is `{code, message}` where `code`
//! is one of the small closed set in [`ErrorCode`]: the UI branches on it, so add a code
//! only when the UI needs one.

use serde::Serialize;

use crate::admin_api::ApiError;
use crate::domain::words::{plain, text, Text};

/// Everything a core operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The caller asked for something invalid (an empty basket, an unknown variant).
    #[error("{0}")]
    Invalid(Text),
    /// The named thing does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The operation does not fit the sale's current state.
    #[error("{0}")]
    Conflict(Text),
    /// The store answered or could not be reached.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// No store token is available (keyring empty and no environment variable).
    #[error("{0}")]
    NotConfigured(Text),
    /// The OS keyring could not be used.
    #[error("the OS keyring is not available: {0}. Set COUNTERPAY_API_TOKEN instead")]
    Keyring(String),
    /// The local database failed (SQLite, a migration, a corrupt row: it names the row).
    #[error(transparent)]
    Db(crate::db::Error),
    /// Reading or writing a local file failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// Staff must sign in with a PIN first (or again, after the counter locked itself).
    #[error("{0}")]
    Locked(Text),
    /// The signed-in staff member's role does not allow this.
    #[error("{0}")]
    Forbidden(Text),
    /// A manager's PIN must approve this (a discount past what a cashier may give).
    #[error("{0}")]
    ApprovalRequired(Text),
}

/// The closed set of codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Fix the input and try again.
    InvalidInput,
    /// The thing asked for is gone.
    NotFound,
    /// The sale moved on; refresh.
    Conflict,
    /// The store could not be reached or timed out; try again.
    StoreUnreachable,
    /// The store refused the request; its reason is in the message.
    StoreRejected,
    /// Settings are missing (token, store).
    NotConfigured,
    /// Something broke inside the app; details are in the log.
    Internal,
    /// Sign in with a PIN.
    Locked,
    /// A manager must do this.
    Forbidden,
    /// Ask for a manager's PIN and send it with the same request.
    ApprovalRequired,
}

impl Error {
    /// The code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Api(e) if e.is_transient() => ErrorCode::StoreUnreachable,
            Error::Api(ApiError::Status { status: 401 | 403, .. }) => ErrorCode::NotConfigured,
            Error::Api(_) => ErrorCode::StoreRejected,
            Error::NotConfigured(_) | Error::Keyring(_) => ErrorCode::NotConfigured,
            Error::Db(_) | Error::Io(_) => ErrorCode::Internal,
            Error::Locked(_) => ErrorCode::Locked,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::ApprovalRequired(_) => ErrorCode::ApprovalRequired,
        }
    }

    /// The sentence staff read: internal failures say only that something broke.
    pub fn words(&self) -> Text {
        match self {
            Error::Invalid(t)
            | Error::Conflict(t)
            | Error::NotConfigured(t)
            | Error::Locked(t)
            | Error::Forbidden(t)
            | Error::ApprovalRequired(t) => t.clone(),
            Error::NotFound(what) => not_found(what),
            Error::Api(e) => e.words(),
            Error::Keyring(why) => text!("error-keyring", reason = why),
            Error::Db(_) | Error::Io(_) => text!("internal-error"),
        }
    }

    /// A message fit for staff, in their language.
    pub fn public_message(&self) -> String {
        self.words().for_staff()
    }
}

/// "The sale is gone" and the like, for the things the core looks up.
fn not_found(what: &str) -> Text {
    match what {
        "sale" => text!("not-found-sale"),
        "claim" => text!("not-found-claim"),
        "refund" => text!("not-found-refund"),
        "upsell" => text!("not-found-upsell"),
        "staff member" => text!("not-found-staff"),
        other => text!("not-found-other", what = plain(other)),
    }
}

impl From<crate::db::Error> for Error {
    fn from(e: crate::db::Error) -> Self {
        match e {
            crate::db::Error::Conflict(m) => Error::Conflict(m),
            crate::db::Error::NotFound(what) => Error::NotFound(what),
            crate::db::Error::Invalid(m) => Error::Invalid(m),
            other => Error::Db(other),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e.into())
    }
}

/// The serialisable form sent to the webview.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PublicError {
    /// What the UI branches on.
    pub code: ErrorCode,
    /// What staff read.
    pub message: String,
}

impl From<Error> for PublicError {
    fn from(e: Error) -> Self {
        if e.code() == ErrorCode::Internal {
            tracing::error!(error = %e, "internal error");
        }
        PublicError { code: e.code(), message: e.public_message() }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
