//! The sale's states and the one table of what moves a sale between them.
//!
//! ```text
//! draft ──charge──▶ creating ──link_ready──▶ awaiting_payment ──confirmed──▶ paid
//!   ▲                  │                       │        │  └─doubted──▶ review ──confirmed──▶ paid
//!   └──link_failed─────┤                       │        │                 └──rejected──▶ rejected
//!   └──interrupted─────┘                       │        └─declined──▶ failed
//!                                              ├─cancel──▶ cancelled
//!                                              └─expire──▶ expired
//! ```
//!
//! A payment the store confirms is recorded from any state but `paid` (after a cancel,
//! expiry, decline or rejection too, flagged late): the customer's money is never dropped.
//! Every change of state is one row of [`TRANSITIONS`]; anything else is refused with a
//! reason ([`next`]).

use std::fmt;
use std::str::FromStr;

use super::words::{text, Text};
use serde::{Deserialize, Serialize};

/// Where a sale is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SaleState {
    /// Not (successfully) sent to the store yet.
    Draft,
    /// The create call is in flight.
    Creating,
    /// The QR code is shown; waiting for the customer.
    AwaitingPayment,
    /// The store holds a paid order with this sale's items that is not provably this
    /// sale's (no Counterpay mark, or other amounts): a manager decides.
    Review,
    /// The store confirmed the payment.
    Paid,
    /// Klarna declined (`response={}`).
    Failed,
    /// A manager turned down the order held for review.
    Rejected,
    /// Staff cancelled.
    Cancelled,
    /// Nobody paid in time.
    Expired,
}

impl SaleState {
    /// Every state.
    pub const ALL: [SaleState; 9] = [
        SaleState::Draft,
        SaleState::Creating,
        SaleState::AwaitingPayment,
        SaleState::Review,
        SaleState::Paid,
        SaleState::Failed,
        SaleState::Rejected,
        SaleState::Cancelled,
        SaleState::Expired,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SaleState::Draft => "draft",
            SaleState::Creating => "creating",
            SaleState::AwaitingPayment => "awaiting_payment",
            SaleState::Review => "review",
            SaleState::Paid => "paid",
            SaleState::Failed => "failed",
            SaleState::Rejected => "rejected",
            SaleState::Cancelled => "cancelled",
            SaleState::Expired => "expired",
        }
    }

    /// How staff would say a sale is in this state ("waiting for the customer").
    pub fn words(self) -> Text {
        match self {
            SaleState::Draft => text!("sale-is-draft"),
            SaleState::Creating => text!("sale-is-creating"),
            SaleState::AwaitingPayment => text!("sale-is-awaiting-payment"),
            SaleState::Review => text!("sale-is-review"),
            SaleState::Paid => text!("sale-is-paid"),
            SaleState::Failed => text!("sale-is-failed"),
            SaleState::Rejected => text!("sale-is-rejected"),
            SaleState::Cancelled => text!("sale-is-cancelled"),
            SaleState::Expired => text!("sale-is-expired"),
        }
    }

    /// No further change is expected (a late payment may still arrive after some of them).
    pub fn is_final(self) -> bool {
        matches!(self, SaleState::Paid | SaleState::Failed | SaleState::Rejected | SaleState::Cancelled | SaleState::Expired)
    }
}

impl fmt::Display for SaleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored state name that is not a state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sale state {0:?}")]
pub struct UnknownState(pub String);

impl FromStr for SaleState {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, UnknownState> {
        SaleState::ALL.into_iter().find(|state| state.as_str() == s).ok_or_else(|| UnknownState(s.to_string()))
    }
}

/// What can happen to a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SaleEvent {
    /// Staff press Charge (or Retry): the create call is about to leave.
    Charge,
    /// The store answered with a payment link.
    LinkReady,
    /// The store could not be asked, or refused: back to the basket with the reason.
    LinkFailed,
    /// The app stopped while the create call was out and the store holds no order for it.
    Interrupted,
    /// Nobody paid before the link timed out.
    Expire,
    /// Staff cancel at the counter.
    Cancel,
    /// The customer's return says Klarna declined.
    Declined,
    /// The store confirms a paid order that is this sale's.
    Confirmed,
    /// The store holds a paid order with this sale's items that is not provably this sale's.
    Doubted,
    /// A manager decides the order held for review is not this sale's payment.
    Rejected,
}

impl SaleEvent {
    /// Every event.
    pub const ALL: [SaleEvent; 10] = [
        SaleEvent::Charge,
        SaleEvent::LinkReady,
        SaleEvent::LinkFailed,
        SaleEvent::Interrupted,
        SaleEvent::Expire,
        SaleEvent::Cancel,
        SaleEvent::Declined,
        SaleEvent::Confirmed,
        SaleEvent::Doubted,
        SaleEvent::Rejected,
    ];

    /// The name in logs and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            SaleEvent::Charge => "charge",
            SaleEvent::LinkReady => "link_ready",
            SaleEvent::LinkFailed => "link_failed",
            SaleEvent::Interrupted => "interrupted",
            SaleEvent::Expire => "expire",
            SaleEvent::Cancel => "cancel",
            SaleEvent::Declined => "declined",
            SaleEvent::Confirmed => "confirmed",
            SaleEvent::Doubted => "doubted",
            SaleEvent::Rejected => "rejected",
        }
    }

    /// Whether staff cause it (their name goes into the audit log) rather than the
    /// customer, the store or the clock.
    pub fn by_staff(self) -> bool {
        matches!(self, SaleEvent::Charge | SaleEvent::Cancel)
    }

    fn words(self) -> Text {
        match self {
            SaleEvent::Charge => text!("sale-can-charge"),
            SaleEvent::LinkReady => text!("sale-can-link-ready"),
            SaleEvent::LinkFailed => text!("sale-can-link-failed"),
            SaleEvent::Interrupted => text!("sale-can-interrupted"),
            SaleEvent::Expire => text!("sale-can-expire"),
            SaleEvent::Cancel => text!("sale-can-cancel"),
            SaleEvent::Declined => text!("sale-can-declined"),
            SaleEvent::Confirmed => text!("sale-can-confirmed"),
            SaleEvent::Doubted => text!("sale-can-doubted"),
            SaleEvent::Rejected => text!("sale-can-rejected"),
        }
    }
}

use SaleEvent as E;
use SaleState as S;

/// Every allowed change: (from, event, to). Nothing else moves a sale.
pub const TRANSITIONS: &[(SaleState, SaleEvent, SaleState)] = &[
    (S::Draft, E::Charge, S::Creating),
    (S::Creating, E::LinkReady, S::AwaitingPayment),
    (S::Creating, E::LinkFailed, S::Draft),
    (S::Creating, E::Interrupted, S::Draft),
    (S::AwaitingPayment, E::Expire, S::Expired),
    (S::Draft, E::Cancel, S::Cancelled),
    (S::Creating, E::Cancel, S::Cancelled),
    (S::AwaitingPayment, E::Cancel, S::Cancelled),
    (S::Draft, E::Declined, S::Failed),
    (S::Creating, E::Declined, S::Failed),
    (S::AwaitingPayment, E::Declined, S::Failed),
    // The store's confirmation pays a sale from every state but paid.
    (S::Draft, E::Confirmed, S::Paid),
    (S::Creating, E::Confirmed, S::Paid),
    (S::AwaitingPayment, E::Confirmed, S::Paid),
    (S::Review, E::Confirmed, S::Paid),
    (S::Failed, E::Confirmed, S::Paid),
    (S::Rejected, E::Confirmed, S::Paid),
    (S::Cancelled, E::Confirmed, S::Paid),
    (S::Expired, E::Confirmed, S::Paid),
    // An unproven payment is held for review from every state but paid and review.
    (S::Draft, E::Doubted, S::Review),
    (S::Creating, E::Doubted, S::Review),
    (S::AwaitingPayment, E::Doubted, S::Review),
    (S::Failed, E::Doubted, S::Review),
    (S::Rejected, E::Doubted, S::Review),
    (S::Cancelled, E::Doubted, S::Review),
    (S::Expired, E::Doubted, S::Review),
    (S::Review, E::Rejected, S::Rejected),
];

/// Why a sale cannot take an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.words())]
pub struct Refused {
    /// The sale's state.
    pub from: SaleState,
    /// What was asked.
    pub event: SaleEvent,
}

impl Refused {
    /// "A sale that is paid cannot be cancelled", for staff.
    pub fn words(&self) -> Text {
        text!("sale-cannot", state = self.from.words(), event = self.event.words())
    }
}

/// Where `event` takes a sale that is `from`, or why it cannot.
pub fn next(from: SaleState, event: SaleEvent) -> Result<SaleState, Refused> {
    TRANSITIONS.iter().find(|(f, e, _)| *f == from && *e == event).map(|(_, _, to)| *to).ok_or(Refused { from, event })
}

/// The states `event` may move a sale out of.
pub fn sources(event: SaleEvent) -> Vec<SaleState> {
    TRANSITIONS.iter().filter(|(_, e, _)| *e == event).map(|(f, _, _)| *f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the table must say, written out state by state: every state × every event is
    /// either a move to the named state or refused.
    fn expected(from: SaleState, event: SaleEvent) -> Option<SaleState> {
        use SaleEvent as E;
        use SaleState as S;
        let unpaid_or_ended = from != S::Paid;
        match event {
            E::Charge => (from == S::Draft).then_some(S::Creating),
            E::LinkReady => (from == S::Creating).then_some(S::AwaitingPayment),
            E::LinkFailed | E::Interrupted => (from == S::Creating).then_some(S::Draft),
            E::Expire => (from == S::AwaitingPayment).then_some(S::Expired),
            E::Cancel => matches!(from, S::Draft | S::Creating | S::AwaitingPayment).then_some(S::Cancelled),
            E::Declined => matches!(from, S::Draft | S::Creating | S::AwaitingPayment).then_some(S::Failed),
            E::Confirmed => unpaid_or_ended.then_some(S::Paid),
            E::Doubted => (unpaid_or_ended && from != S::Review).then_some(S::Review),
            E::Rejected => (from == S::Review).then_some(S::Rejected),
        }
    }

    #[test]
    fn every_state_and_event_is_allowed_or_refused_with_a_reason() {
        let mut allowed = 0;
        for from in SaleState::ALL {
            for event in SaleEvent::ALL {
                match (next(from, event), expected(from, event)) {
                    (Ok(to), Some(want)) => {
                        assert_eq!(to, want, "{from} --{}-->", event.as_str());
                        allowed += 1;
                    }
                    (Err(refused), None) => {
                        let reason = refused.to_string();
                        assert!(reason.contains(&from.words().to_string()) && reason.contains("cannot"), "{reason}");
                    }
                    (got, want) => panic!("{from} --{}--> gave {got:?}, expected {want:?}", event.as_str()),
                }
            }
        }
        assert_eq!(allowed, TRANSITIONS.len(), "the table has no duplicate rows");
    }

    #[test]
    fn a_paid_sale_never_moves_again() {
        for event in SaleEvent::ALL {
            assert!(next(SaleState::Paid, event).is_err(), "{}", event.as_str());
        }
        assert_eq!(next(SaleState::Paid, SaleEvent::Cancel).unwrap_err().to_string(), "A sale that is paid cannot be cancelled.");
    }

    #[test]
    fn states_round_trip_through_their_stored_names() {
        for s in SaleState::ALL {
            assert_eq!(s.as_str().parse::<SaleState>(), Ok(s));
        }
        assert_eq!("paid ".parse::<SaleState>(), Err(UnknownState("paid ".into())));
    }
}
