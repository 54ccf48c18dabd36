//! The life of an action sent to the store that must happen once: an upsell's charge, a
//! refund, a cancel, a capture, a move or a fulfillment. Each is *saved* before it is sent,
//! *sent*, and, when the answer is lost, *settled by reading the store back*; nothing else
//! for the same order is sent while one is open.
//!
//! ```text
//! requested ──accepted──▶ done
//!     │ ──refused──▶ failed             (the store's words; nothing happened)
//!     │ ──lost / interrupted──▶ unknown ──found──▶ done
//!     │                                 └─absent──▶ failed
//!     └──found / absent (read back before its own answer came)──▶ done | failed
//! ```

use serde::{Deserialize, Serialize};

/// Where a remote action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Saved; being sent (or the app stopped while it was).
    Requested,
    /// The answer was lost: the store must be read back before anything else is sent.
    Unknown,
    /// The store did it.
    Done,
    /// The store refused, or has no trace of it: nothing happened.
    Failed,
}

impl Phase {
    /// Every phase.
    pub const ALL: [Phase; 4] = [Phase::Requested, Phase::Unknown, Phase::Done, Phase::Failed];

    /// Its outcome is not known yet (it blocks the next action for the same order).
    pub fn is_open(self) -> bool {
        matches!(self, Phase::Requested | Phase::Unknown)
    }

    /// The stored name (`requested`, `unknown`, `done`, `failed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Requested => "requested",
            Phase::Unknown => "unknown",
            Phase::Done => "done",
            Phase::Failed => "failed",
        }
    }

    /// The phase with this stored name.
    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What was learnt about a remote action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// The store answered that it did it.
    Accepted,
    /// The store refused it.
    Refused,
    /// No usable answer (a timeout, a 5xx, a connection lost, an answer that cannot be read).
    Lost,
    /// The app stopped while it was being sent.
    Interrupted,
    /// Reading the store back shows it happened.
    Found,
    /// Reading the store back shows no trace of it.
    Absent,
}

impl Answer {
    /// Every answer.
    pub const ALL: [Answer; 6] = [Answer::Accepted, Answer::Refused, Answer::Lost, Answer::Interrupted, Answer::Found, Answer::Absent];
}

use Answer as A;
use Phase as P;

/// Every allowed change: (from, answer, to). A closed action never changes again.
pub const TRANSITIONS: &[(Phase, Answer, Phase)] = &[
    (P::Requested, A::Accepted, P::Done),
    (P::Requested, A::Refused, P::Failed),
    (P::Requested, A::Lost, P::Unknown),
    (P::Requested, A::Interrupted, P::Unknown),
    (P::Requested, A::Found, P::Done),
    (P::Requested, A::Absent, P::Failed),
    (P::Unknown, A::Found, P::Done),
    (P::Unknown, A::Absent, P::Failed),
];

/// Where `answer` takes an action that is `from`; `None` when it does not move it.
pub fn next(from: Phase, answer: Answer) -> Option<Phase> {
    TRANSITIONS.iter().find(|(f, a, _)| *f == from && *a == answer).map(|(_, _, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_and_answer_moves_as_the_life_says() {
        for from in Phase::ALL {
            for answer in Answer::ALL {
                let want = match (from, answer) {
                    (P::Requested, A::Accepted | A::Found) | (P::Unknown, A::Found) => Some(P::Done),
                    (P::Requested, A::Refused | A::Absent) | (P::Unknown, A::Absent) => Some(P::Failed),
                    (P::Requested, A::Lost | A::Interrupted) => Some(P::Unknown),
                    _ => None,
                };
                assert_eq!(next(from, answer), want, "{from:?} + {answer:?}");
            }
        }
    }

    #[test]
    fn a_closed_action_never_reopens_and_an_unknown_one_waits_for_the_store() {
        for answer in Answer::ALL {
            assert_eq!(next(P::Done, answer), None);
            assert_eq!(next(P::Failed, answer), None);
        }
        // A late "accepted" for an action already unknown is not believed over the read-back.
        assert_eq!(next(P::Unknown, A::Accepted), None);
        assert!(Phase::ALL.iter().all(|p| Phase::parse(p.as_str()) == Some(*p)));
    }
}
