#![allow(dead_code)] // each benchmark uses some of these

//! The core benchmarks' shop: a counter on the demo store, and its return endpoint.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use counterpay_core::config::EnvOverrides;
use counterpay_core::secret::ApiToken;
use counterpay_core::{Counter, DemoStore, Options};
use counterpay_sandbox::Sandbox;

/// The token every benchmark's demo store accepts.
pub const TOKEN: &str = "bench-token";

/// A counter on `sandbox`, its database in `dir`, keeping to `rate` requests a second.
pub fn counter(sandbox: &Sandbox, dir: &Path, rate: u32, api_timeout: Duration) -> Counter {
    let demo = DemoStore { api_url: sandbox.api_url(), token: ApiToken::new(TOKEN).unwrap(), rate_limit: rate };
    Counter::open(Options { data_dir: dir.into(), demo: Some(demo), env: EnvOverrides::default(), api_timeout, clock: Default::default() })
        .unwrap()
}

/// Serve `counter`'s return endpoint on a free loopback port for the rest of the run.
pub async fn serve(counter: &Counter) -> SocketAddr {
    counterpay_core::return_endpoint::serve(counter.clone(), ([127, 0, 0, 1], 0).into(), std::future::pending()).await.unwrap().0
}
