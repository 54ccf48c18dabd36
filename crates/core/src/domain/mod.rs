//! The domain's leaf types: what a sale, an id, an amount and a catalog entry are, with no
//! behaviour that reaches the store, the database or the window. Everything else in the
//! crate may use these; they use nothing else in the crate, so [`crate::db`] can depend on
//! them without depending on the services above it (a test keeps it so).

pub mod catalog;
pub mod clock;
pub mod ids;
pub mod money;
pub mod refund;
pub mod remote;
pub mod sale;
pub mod words;

pub use clock::Clock;
pub use ids::{OrderNumber, VariantId};
pub use sale::{SaleEvent, SaleState};
