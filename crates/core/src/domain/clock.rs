//! Time you can control: the counter's clock. In the app it is the system's; a test moves
//! it forward ([`Clock::advance`]) instead of sleeping, and everything waiting on it
//! ([`Clock::sleep`]) wakes as if that much time had passed.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

/// A wall clock in milliseconds since the Unix epoch, shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// How far it was moved ahead of the system's clock.
    ahead_ms: AtomicI64,
    moved: Notify,
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Now, in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis() + self.inner.ahead_ms.load(Ordering::SeqCst)
    }

    /// Now, as a date and time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_else(chrono::Utc::now)
    }

    /// Move the clock `by` ahead (tests): sleepers whose time has come wake at once.
    pub fn advance(&self, by: Duration) {
        self.inner.ahead_ms.fetch_add(by.as_millis() as i64, Ordering::SeqCst);
        self.inner.moved.notify_waiters();
    }

    /// Wait until `d` has passed on this clock (the system's time, or a test's advance,
    /// whichever comes first).
    pub async fn sleep(&self, d: Duration) {
        let until = self.now_ms().saturating_add(d.as_millis() as i64);
        loop {
            let moved = self.inner.moved.notified();
            tokio::pin!(moved);
            moved.as_mut().enable();
            let left = until - self.now_ms();
            if left <= 0 {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(left as u64)) => {}
                _ = moved => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_sleeper_wakes_when_the_clock_is_moved_past_its_time() {
        let clock = Clock::system();
        let before = clock.now_ms();
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep(Duration::from_secs(3600)).await }
        });
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished());
        clock.advance(Duration::from_secs(1800));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished(), "half the time is not the time");
        clock.advance(Duration::from_secs(1801));
        tokio::time::timeout(Duration::from_secs(5), sleeper).await.expect("woke").unwrap();
        assert!(clock.now_ms() - before >= 3_601_000);
    }
}
