//! One client-side rate limiter per token: a GCRA that lets a burst of `rate` requests
//! through, then spaces them `1/rate` seconds apart, so the store's 429 is the exception.

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
        let interval = Duration::from_secs(1) / rate.max(1);
        RateLimiter { interval, burst: interval * rate.max(1).saturating_sub(1), tat: Mutex::new(Instant::now()) }
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
        for _ in 0..4 {
            l.acquire().await;
        }
        assert_eq!(Instant::now() - t0, Duration::ZERO, "a burst of 4 goes straight through");
        for _ in 0..8 {
            l.acquire().await;
        }
        let elapsed = Instant::now() - t0;
        assert!(elapsed >= Duration::from_millis(2000), "12 requests at 4/s take at least 2 s, took {elapsed:?}");
        assert!(elapsed <= Duration::from_millis(2300), "and not much more, took {elapsed:?}");
    }
}
