//! Integration tests of the core: real loopback HTTP against the sandbox store, real
//! SQLite files in temporary directories. Modules mirror `src/`.

mod admin_api;
mod attacks;
mod back_office;
mod catalog;
mod checkout;
mod closing;
mod counter;
mod receipt;
mod report;
mod return_endpoint;
mod setup;
mod staff;
mod state_table;
mod support;
mod upsell;
mod webhooks;
