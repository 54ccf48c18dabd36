//! Is the return endpoint reachable at its public URL? The customer's phone must reach it
//! after paying, so a sale should not start while it cannot. The check asks
//! `<public URL>/healthz?nonce=<random>` through the tunnel and expects this counter's own
//! nonce back (another server answering on that URL does not count).

use std::time::Duration;

use serde::Serialize;

use crate::counter::{read, write, Counter};
use crate::domain::words::{plain, text};
use crate::events::Event;
use crate::sale::random_token;

/// How long the check waits for an answer.
pub const TIMEOUT: Duration = Duration::from_secs(8);

/// The last check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Reachability {
    /// Not checked yet.
    Unchecked,
    /// A check is running.
    Checking {
        /// The URL being checked.
        url: String,
    },
    /// The endpoint answered with our nonce.
    Reachable {
        /// The URL checked.
        url: String,
        /// When (ms).
        at: i64,
    },
    /// It did not.
    Unreachable {
        /// The URL checked.
        url: String,
        /// Why, in staff's words.
        reason: String,
        /// When (ms).
        at: i64,
    },
}

impl Counter {
    /// The last reachability check.
    pub fn reachability(&self) -> Reachability {
        read(&self.inner.reachability)
    }

    fn set_reachability(&self, r: Reachability) {
        write(&self.inner.reachability, r.clone());
        self.emit(Event::Reachability { reachability: r });
    }

    /// Check the public URL now; records and emits the outcome.
    pub async fn check_reachability(&self) -> Reachability {
        let Some(base) = self.public_url() else {
            let r = Reachability::Unreachable { url: String::new(), reason: text!("endpoint-not-running").for_staff(), at: self.now_ms() };
            self.set_reachability(r.clone());
            return r;
        };
        self.set_reachability(Reachability::Checking { url: base.clone() });
        let nonce = random_token();
        let url = format!("{base}/healthz?nonce={nonce}");
        let answer = async {
            let client = reqwest::Client::builder().timeout(TIMEOUT).build().map_err(|e| text!("reach-failed", reason = plain(e)))?;
            let resp = client.get(&url).send().await.map_err(|e| {
                if e.is_timeout() {
                    text!("reach-timeout")
                } else {
                    text!("reach-cannot-connect", reason = crate::admin_api::root_cause(&e))
                }
            })?;
            let status = resp.status();
            let body = resp.text().await.map_err(|e| text!("reach-failed", reason = plain(e)))?;
            if !status.is_success() {
                return Err(text!("reach-status", status = plain(status)));
            }
            if body.trim() != format!("counterpay ok {nonce}") {
                return Err(text!("reach-other-server"));
            }
            Ok(())
        };
        let r = match answer.await {
            Ok(()) => Reachability::Reachable { url: base, at: self.now_ms() },
            Err(reason) => Reachability::Unreachable { url: base, reason: reason.for_staff(), at: self.now_ms() },
        };
        if let Reachability::Unreachable { reason, .. } = &r {
            tracing::warn!(reason, "the return URL is not reachable");
        }
        self.set_reachability(r.clone());
        r
    }

    /// Check now and then every `every`, until the process ends.
    pub fn spawn_reachability_checks(&self, every: Duration) {
        let counter = self.clone();
        tokio::spawn(async move {
            loop {
                counter.check_reachability().await;
                counter.clock().sleep(every).await;
            }
        });
    }
}
