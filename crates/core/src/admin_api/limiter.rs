//! One client-side rate limiter per token: a GCRA that lets a burst of `rate - 1` requests
//! through, then spaces them `1/rate` seconds apart plus a 2.5% margin. The store counts
//! arrivals, and a first request delayed by connection set-up arrives closer to the next
//! ones than it was sent; the one-request and 2.5% margins absorb that and timer jitter, so
//! the store's 429 is the exception.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

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
}
