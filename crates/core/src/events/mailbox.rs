//! The counter window's events, kept until the window asks for them.
//!
//! Pushing each event into the page as a script (what a Tauri channel does for small
//! payloads) costs the web process memory for every distinct script it runs: WebKit keeps
//! the compiled code of each one for a while, and every sale's events are distinct. 1,000
//! sales grew the web process by about 15 MB that way. Instead, the window asks for its
//! events with one request that waits until there are some ([`Mailbox::next`]), and gets
//! them as the request's answer, which is data, never code.
//!
//! The window opens the mailbox when its page starts ([`Mailbox::open`]). A page that
//! reloads opens it again: the previous page's request is answered `None` (stop asking),
//! and what it had not taken is dropped, since the new page reads its state afresh. A page
//! that stops asking (hung, or busy) loses nothing silently: past [`MAILBOX_CAPACITY`]
//! events the mailbox holds one [`Event::Resync`] instead, and the page reads again what
//! it shows.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;

use super::Event;

/// Events kept for a window that is not asking; past it they become one resync.
pub const MAILBOX_CAPACITY: usize = 1000;

#[derive(Debug, Default)]
struct State {
    /// The page that opened the mailbox last (0: none yet).
    page: u64,
    events: VecDeque<Event>,
    /// Events dropped since the page last asked (it reads its state again).
    missed: u64,
}

/// The events waiting for the counter window.
#[derive(Debug, Default)]
pub struct Mailbox {
    state: Mutex<State>,
    arrived: Notify,
}

impl Mailbox {
    /// An empty mailbox that nobody has opened: events pushed now are dropped.
    pub fn new() -> Mailbox {
        Mailbox::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A page starts taking events: its number, for [`Mailbox::next`]. Events the page
    /// before it had not taken are dropped; its waiting request is answered `None`.
    pub fn open(&self) -> u64 {
        let page = {
            let mut s = self.state();
            s.page += 1;
            s.events.clear();
            s.missed = 0;
            s.page
        };
        self.arrived.notify_waiters();
        page
    }

    /// Keep `event` for the page (dropped when no page has opened the mailbox).
    pub fn push(&self, event: Event) {
        {
            let mut s = self.state();
            if s.page == 0 {
                return;
            }
            if s.missed > 0 {
                s.missed += 1;
            } else if s.events.len() >= MAILBOX_CAPACITY {
                // The page stopped asking: it will read everything again, once.
                s.missed = s.events.len() as u64 + 1;
            } else {
                s.events.push_back(event);
            }
            if s.missed > 0 {
                let missed = s.missed;
                s.events.clear();
                s.events.push_back(Event::Resync { missed });
            }
        }
        self.arrived.notify_waiters();
    }

    /// The events for `page`, in the order they came: waits up to `wait` for the first one
    /// (an empty list then: ask again). `None` when a newer page has opened the mailbox.
    pub async fn next(&self, page: u64, wait: Duration) -> Option<Vec<Event>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let arrived = self.arrived.notified();
            tokio::pin!(arrived);
            // Registered before looking, so a push between the look and the wait wakes it.
            arrived.as_mut().enable();
            {
                let mut s = self.state();
                if s.page != page {
                    return None;
                }
                if !s.events.is_empty() {
                    s.missed = 0;
                    return Some(s.events.drain(..).collect());
                }
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return Some(Vec::new());
            }
        }
    }

    /// True once a page has opened the mailbox (the window is taking events).
    pub fn opened(&self) -> bool {
        self.state().page > 0
    }

    /// How many events are waiting (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.state().events.len()
    }

    /// True when no event is waiting.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synced(variants: usize) -> Event {
        Event::CatalogSynced { variants }
    }

    fn variants(events: &[Event]) -> Vec<usize> {
        events
            .iter()
            .map(|e| match e {
                Event::CatalogSynced { variants } => *variants,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[tokio::test]
    async fn events_wait_for_the_page_and_come_in_order() {
        let mailbox = Mailbox::new();
        mailbox.push(synced(0));
        assert!(mailbox.is_empty() && !mailbox.opened(), "nobody opened it: dropped");
        let page = mailbox.open();
        assert!(mailbox.opened());
        mailbox.push(synced(1));
        mailbox.push(synced(2));
        let got = mailbox.next(page, Duration::from_secs(5)).await.unwrap();
        assert_eq!(variants(&got), [1, 2]);
        assert!(mailbox.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiting_page_is_woken_by_the_next_event_or_answered_empty() {
        let mailbox = std::sync::Arc::new(Mailbox::new());
        let page = mailbox.open();
        let waiting = tokio::spawn({
            let mailbox = mailbox.clone();
            async move { mailbox.next(page, Duration::from_secs(25)).await }
        });
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert!(!waiting.is_finished(), "nothing yet: still waiting");
        mailbox.push(synced(7));
        assert_eq!(variants(&waiting.await.unwrap().unwrap()), [7]);

        let started = tokio::time::Instant::now();
        let none = mailbox.next(page, Duration::from_secs(25)).await.unwrap();
        assert!(none.is_empty());
        assert_eq!(started.elapsed(), Duration::from_secs(25), "answered at the wait's end");
    }

    #[tokio::test]
    async fn a_reloaded_page_takes_over_and_the_old_one_is_told_to_stop() {
        let mailbox = std::sync::Arc::new(Mailbox::new());
        let old = mailbox.open();
        mailbox.push(synced(1));
        assert_eq!(variants(&mailbox.next(old, Duration::from_secs(5)).await.unwrap()), [1]);
        // The old page is waiting again when the page reloads.
        let waiting = tokio::spawn({
            let mailbox = mailbox.clone();
            async move { mailbox.next(old, Duration::from_secs(60)).await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished(), "waiting for the next event");
        let new = mailbox.open();
        assert!(waiting.await.unwrap().is_none(), "the old page stops asking");
        mailbox.push(synced(2));
        assert!(mailbox.next(old, Duration::from_secs(5)).await.is_none());
        assert_eq!(variants(&mailbox.next(new, Duration::from_secs(5)).await.unwrap()), [2]);
        // What a page had not taken when it reloaded is dropped: the next reads afresh.
        mailbox.push(synced(3));
        let newer = mailbox.open();
        assert!(mailbox.is_empty());
        mailbox.push(synced(4));
        assert_eq!(variants(&mailbox.next(newer, Duration::from_secs(5)).await.unwrap()), [4]);
    }

    #[tokio::test]
    async fn a_page_that_stops_asking_gets_one_resync_not_a_growing_pile() {
        let mailbox = Mailbox::new();
        let page = mailbox.open();
        for n in 0..MAILBOX_CAPACITY + 500 {
            mailbox.push(synced(n));
        }
        assert_eq!(mailbox.len(), 1, "bounded");
        let got = mailbox.next(page, Duration::from_secs(5)).await.unwrap();
        match got.as_slice() {
            [Event::Resync { missed }] => assert_eq!(*missed, (MAILBOX_CAPACITY + 500) as u64),
            other => panic!("expected one resync, got {other:?}"),
        }
        // Asked again, it is back to single events.
        mailbox.push(synced(9));
        assert_eq!(variants(&mailbox.next(page, Duration::from_secs(5)).await.unwrap()), [9]);
    }
}
