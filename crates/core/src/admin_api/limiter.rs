//! One client-side rate limiter per token: a GCRA that lets a burst of `rate - 1` requests
//! through, then spaces them `1/rate` seconds apart plus a 2.5% margin. The store counts
//! arrivals, and a first request delayed by connection set-up arrives closer to the next
//! ones than it was sent; the one-request and 2.5% margins absorb that and timer jitter, so
//! the store's 429 is the exception.
//!
//! Two classes share the one budget: the counter's own work (Charge, upsells, refunds, the
//! catalog) takes the burst; background checks of what strangers post (claims on a return
//! link, webhook and reconciliation reads) only take a slot when no counter request is
//! queued and the burst is full, so a flood of posted claims can never delay a Charge.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// The longest a background request waits for a moment the counter leaves free.
pub(crate) const BACKGROUND_PATIENCE: Duration = Duration::from_secs(2);

#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    burst: Duration,
    tat: Mutex<Instant>,
}

impl RateLimiter {
    pub(crate) fn per_second(rate: u32) -> RateLimiter {
        // 1/rate plus 2.5%: a sync of N pages takes N/rate × 1.025 seconds at most.
        let interval = Duration::from_secs(1) * 41 / (rate.max(1) * 40);
        RateLimiter { interval, burst: interval * rate.max(2).saturating_sub(2), tat: Mutex::new(Instant::now()) }
    }

    /// Wait until a background request may be sent: behind the counter's own requests, and
    /// never into the burst the counter keeps for itself; but never starved either: after
    /// [`BACKGROUND_PATIENCE`] it takes the next slot in line like any request.
    pub(crate) async fn acquire_background(&self) {
        let deadline = Instant::now() + BACKGROUND_PATIENCE;
        loop {
            let wait = {
                let mut tat = self.tat.lock().await;
                let now = Instant::now();
                if *tat <= now || now >= deadline {
                    let start = (*tat).max(now);
                    *tat = start + self.interval;
                    start - now
                } else {
                    (*tat - now).min(deadline - now)
                }
            };
            if wait.is_zero() || Instant::now() >= deadline {
                if !wait.is_zero() {
                    tokio::time::sleep(wait).await;
                }
                return;
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Wait until a request may be sent.
    pub(crate) async fn acquire(&self) {
        let wait = {
            let mut tat = self.tat.lock().await;
            let now = Instant::now();
            let start = (*tat).max(now);
            *tat = start + self.interval;
            start.saturating_duration_since(now + self.burst)
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn bursts_then_spaces_requests() {
        let l = RateLimiter::per_second(4);
        let t0 = Instant::now();
        for _ in 0..3 {
            l.acquire().await;
        }
        assert_eq!(Instant::now() - t0, Duration::ZERO, "a burst of 3 goes straight through");
        for _ in 0..9 {
            l.acquire().await;
        }
        let elapsed = Instant::now() - t0;
        assert!(elapsed >= Duration::from_millis(2250), "12 requests at 4/s after a burst of 3 take at least 2.25 s, took {elapsed:?}");
        assert!(elapsed <= Duration::from_millis(2310), "and at most 2.5% more, took {elapsed:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn background_requests_wait_behind_the_counters_own() {
        let l = std::sync::Arc::new(RateLimiter::per_second(4));
        // A queue of background claims is already waiting when the counter charges.
        let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for i in 0..6 {
            let (l, order) = (l.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                l.acquire_background().await;
                order.lock().unwrap().push(format!("bg{i}"));
            }));
        }
        tokio::task::yield_now().await;
        let t0 = Instant::now();
        for i in 0..3 {
            l.acquire().await;
            order.lock().unwrap().push(format!("fg{i}"));
        }
        let charged = Instant::now() - t0;
        for t in tasks {
            t.await.unwrap();
        }
        let order = order.lock().unwrap().clone();
        assert!(charged <= Duration::from_millis(300), "six queued background reads must not delay three counter requests: {charged:?}");
        let first_fg = order.iter().position(|o| o == "fg2").unwrap();
        let bg_before = order[..first_fg].iter().filter(|o| o.starts_with("bg")).count();
        assert!(bg_before <= 1, "at most one background read may go before the counter's requests: {order:?}");
        assert_eq!(order.len(), 9, "every request got through in the end");
    }

    #[tokio::test(start_paused = true)]
    async fn a_background_request_is_never_starved() {
        let l = std::sync::Arc::new(RateLimiter::per_second(4));
        // The counter keeps the budget busy (a long catalog sync) ...
        let busy = {
            let l = l.clone();
            tokio::spawn(async move {
                for _ in 0..200 {
                    l.acquire().await;
                }
            })
        };
        tokio::task::yield_now().await;
        // ... and a customer's return must still be checked within the patience and a slot.
        let t0 = Instant::now();
        l.acquire_background().await;
        let waited = Instant::now() - t0;
        assert!(
            waited <= BACKGROUND_PATIENCE + Duration::from_secs(1),
            "bounded by the patience and the counter's burst: waited {waited:?}"
        );
        busy.abort();
    }
}
