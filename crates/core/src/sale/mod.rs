//! The sale: its states and the one table that moves it ([`crate::domain::sale`]), what the
//! window sees of it ([`view`]), charging ([`charge`]), what a customer's browser posts
//! ([`claim`]) and the clock's and staff's moves ([`lifecycle`]). What may pay a sale is
//! [`crate::claims`]; the customer's pages are beside the return endpoint
//! ([`crate::return_endpoint`]).
//!
//! Invariants:
//! - a sale row exists (state `creating`) before the create call leaves, so a crash or an
//!   unknown outcome never loses track of a payment link;
//! - every change is one row of the state table, applied as a compare-and-set on the
//!   current state with its timeline and audit entries in one transaction
//!   ([`crate::db::sales::transition`]);
//! - a posted order is a claim: only `GET /orders/{number}/` can make a sale `paid`, and a
//!   refused claim is a note, not a state;
//! - a payment that arrives after cancel, expiry or decline is still verified and
//!   recorded, flagged `after_cancel`: the customer's money is never dropped;
//! - the return token is ≥128 bits from the OS RNG; only its SHA-256 is stored and looked
//!   up (a retry makes a new token; the earlier links still land on the sale).

mod charge;
pub mod claim;
mod lifecycle;
mod token;
mod view;

pub use crate::claims::ClaimSource;
pub use crate::domain::sale::{SaleEvent, SaleState, TRANSITIONS};
pub use charge::{BasketLine, ChargeOptions, MAX_LINES, MAX_QUANTITY};
pub use claim::{Claim, ClaimError};
pub use token::{random_token, token_hash, token_is_well_formed};
pub use view::{order_facts, LineView, SaleView};
