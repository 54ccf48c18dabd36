//! One mechanism for everything Counterpay sends to the store that must happen once
//! (upsells, refunds, cancels, captures, moves, fulfillments, cancellation requests):
//! **save** the action as `requested` in its ledger before the call leaves, **send** it and
//! record what the store answered ([`Counter::send_saved`]), and when the answer was lost,
//! **settle** it by reading the store back ([`Counter::settle_saved`]). Its life is the one
//! table in [`crate::domain::remote`]; each kind only says how it is saved, what it sends and
//! how the store shows it happened.

use std::future::Future;

use crate::admin_api::ApiError;
use crate::counter::Counter;
use crate::db::remote::{self, Ledger};
use crate::domain::remote::{Answer, Phase};
use crate::domain::words::{text, Text};
use crate::error::Result;

/// What the store answered to a sent action.
#[derive(Debug)]
pub(crate) enum Sent<T> {
    /// It did it.
    Accepted(T),
    /// It refused: nothing happened; its words say why.
    Refused(ApiError),
    /// No usable answer: it may or may not have happened.
    Lost(ApiError),
}

impl<T> Sent<T> {
    /// The one rule for what an answer means: a timeout, a 5xx, a 429, a connection lost
    /// and an answer that cannot be read leave the outcome open (the store may have acted);
    /// any other error status is a refusal.
    pub(crate) fn of(r: std::result::Result<T, ApiError>) -> Sent<T> {
        match r {
            Ok(v) => Sent::Accepted(v),
            Err(e) if e.outcome_unknown() || e.is_transient() || matches!(e, ApiError::Decode { .. }) => Sent::Lost(e),
            Err(e) => Sent::Refused(e),
        }
    }

    fn answer(&self) -> Answer {
        match self {
            Sent::Accepted(_) => Answer::Accepted,
            Sent::Refused(_) => Answer::Refused,
            Sent::Lost(_) => Answer::Lost,
        }
    }
}

impl Counter {
    /// Send saved action `id` of `ledger` (`what` it is: an upsell, a refund, ...) with `call`,
    /// and record the store's answer: done, failed with the store's words, or unknown.
    ///
    /// Fails only when the database does; the answer itself is in the result.
    pub(crate) async fn send_saved<T>(
        &self,
        ledger: Ledger,
        id: &str,
        what: Text,
        call: impl Future<Output = std::result::Result<T, ApiError>>,
    ) -> Result<Sent<T>> {
        let sent = Sent::of(call.await);
        let reason = match &sent {
            Sent::Accepted(_) => None,
            Sent::Refused(e) => Some(text!("remote-refused", what = &what, words = e.store_words())),
            Sent::Lost(e) => Some(text!("remote-lost", what = &what, why = e.words())),
        };
        if let Sent::Lost(e) = &sent {
            tracing::warn!(%what, id, error = %e, "outcome unknown; settled by reading the store back");
        }
        remote::record(self.db(), ledger, id, sent.answer(), reason.map(|r| r.to_stored()).as_deref())?;
        Ok(sent)
    }

    /// Settle open action `id` of `ledger` from what the store shows now: `happened` or not,
    /// with `reason` when it did not. Returns whether this call settled it (`false` when it
    /// was settled already).
    pub(crate) fn settle_saved(&self, ledger: Ledger, id: &str, happened: bool, reason: Option<Text>) -> Result<bool> {
        let answer = if happened { Answer::Found } else { Answer::Absent };
        let reason = if happened { None } else { reason.map(|r| r.to_stored()) };
        Ok(remote::record(self.db(), ledger, id, answer, reason.as_deref())?.is_some())
    }

    /// After a restart: every action of `ledger` still `requested` was being sent when the
    /// app stopped, so its outcome is unknown until the store is read back.
    pub(crate) fn mark_interrupted(&self, ledger: Ledger) -> Result<usize> {
        let ids = remote::requested(self.db(), ledger)?;
        for id in &ids {
            let why = text!("remote-interrupted").to_stored();
            if remote::record(self.db(), ledger, id, Answer::Interrupted, Some(&why))? != Some(Phase::Unknown) {
                tracing::warn!(?ledger, id, "an interrupted action was settled meanwhile");
            }
        }
        Ok(ids.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> ApiError {
        ApiError::Status { status, message: format!("status {status}"), fields: Default::default() }
    }

    #[test]
    fn only_a_plain_refusal_is_a_refusal() {
        assert!(matches!(Sent::of(Ok::<_, ApiError>(1)), Sent::Accepted(1)));
        for refused in [400, 401, 403, 404, 409, 422] {
            assert!(matches!(Sent::<()>::of(Err(status(refused))), Sent::Refused(_)), "{refused}");
        }
        for lost in [429, 500, 502, 503, 504] {
            assert!(matches!(Sent::<()>::of(Err(status(lost))), Sent::Lost(_)), "{lost}");
        }
        assert!(matches!(Sent::<()>::of(Err(ApiError::Timeout)), Sent::Lost(_)));
        assert!(matches!(Sent::<()>::of(Err(ApiError::Unreachable("reset".into()))), Sent::Lost(_)));
    }
}
