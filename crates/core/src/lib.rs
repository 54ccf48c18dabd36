//! Counterpay's core: the domain and services of a Klarna point of sale for 29 Next stores,
//! with no GUI dependency.
//!
//! - [`admin_api`]: the typed Admin API client;
//! - [`domain`]: the leaf types (sale state and its transition table, ids, amounts, clock);
//! - [`db`]: the SQLite store (WAL, migrations, per-table modules), above [`domain`] only;
//! - [`sale`]: the sale: its view, charging, claims posted by browsers, expiry and cancel;
//! - [`claims`]: what may pay a sale: the one rule for browser returns, webhooks and reconciliation;
//! - [`return_endpoint`]: the public form-POST endpoint and its customer pages;
//! - [`catalog`]: catalog sync and search;
//! - [`Counter`]: one counter tying them together, the one entry point for the shell,
//!   the return endpoint and the tests.

#![deny(missing_docs)]

pub mod admin_api;
pub mod back_office;
pub mod bindings;
pub mod catalog;
pub mod claims;
pub mod closing;
pub mod config;
pub mod correlation;
mod counter;
pub mod db;
pub mod domain;
pub mod error;
pub mod events;
pub mod lan;
mod layers;
pub mod pricing;
pub mod qr;
pub mod reachability;
pub mod receipt;
mod remote;
pub mod report;
pub mod return_endpoint;
pub mod sale;
pub mod secret;
pub mod staff;
pub mod startup;
pub mod tunnel;
pub mod upsell;
pub mod webhooks;
pub mod window;

pub use counter::{Counter, DemoStore, OpenWork, Options, SettingsView, SetupStep, SetupView, StoreStatus, TestChoice, API_TIMEOUT};
pub use domain::words;
pub use error::{Error, ErrorCode, PublicError, Result};
pub use return_endpoint::pages;
