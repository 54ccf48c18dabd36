//! The one gate every request to the endpoint passes before its route: the global
//! concurrency limit, the per-client rate limit, the phone's language, the `Host` check, the
//! request timeout, and the security headers on every answer.
//!
//! One middleware, not a stack of tower layers: measured on the rejection path (an unknown
//! link, 64 connections), each of the six layers this replaces took 15–30% of the requests a
//! second on its own (each `from_fn` layer clones the services below it per request, and the
//! timeout layer armed a timer for answers that never wait); together they left a third of
//! what axum itself answers. The timeout is armed only for a request that has to wait
//! (reading a body, asking the store): a refusal is answered on the first poll.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use tokio::sync::Semaphore;

use super::{client_address, host_allowed, refused, texts, MAX_CONCURRENT, RATE_BURST, RATE_PER_SECOND, REQUEST_TIMEOUT};
use crate::counter::Counter;
use crate::domain::words::text;

/// How often the rate limiter forgets clients that went quiet.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// What the gate keeps between requests.
pub(super) struct Gate {
    counter: Counter,
    clients: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
    permits: Semaphore,
    started: Instant,
    /// When the clients were last swept, in milliseconds since `started`.
    last_sweep: AtomicU64,
}

impl Gate {
    pub(super) fn new(counter: Counter) -> Arc<Gate> {
        let period = Duration::from_secs(1) / RATE_PER_SECOND as u32;
        let quota = Quota::with_period(period)
            .expect("the rate limit's period is not zero")
            .allow_burst(NonZeroU32::new(RATE_BURST).expect("the burst is not zero"));
        Arc::new(Gate {
            counter,
            clients: DefaultKeyedRateLimiter::keyed(quota),
            clock: DefaultClock::default(),
            permits: Semaphore::new(MAX_CONCURRENT),
            started: Instant::now(),
            last_sweep: AtomicU64::new(0),
        })
    }

    /// Forget clients that went quiet, so rotating addresses cannot grow the table forever: at
    /// most once a minute, on the request that finds the minute is up (no task of its own).
    fn sweep_when_due(&self) {
        let now = self.started.elapsed().as_millis() as u64;
        let last = self.last_sweep.load(Ordering::Relaxed);
        // One request (the one that moves the time on) sweeps; the others go on.
        if now.saturating_sub(last) >= SWEEP_EVERY.as_millis() as u64
            && self.last_sweep.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            self.clients.retain_recent();
            self.clients.shrink_to_fit();
        }
    }
}

/// The security headers every answer carries.
const HEADERS: [(header::HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::CACHE_CONTROL, "no-store"),
];

pub(super) async fn gate(State(gate): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    let mut response = admit(&gate, req, next).await;
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn admit(gate: &Gate, req: Request, next: Next) -> Response {
    // More requests than this at once wait for a place (the semaphore is never closed).
    let Ok(_permit) = gate.permits.acquire().await else {
        return (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response();
    };
    let lang = texts::Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    texts::with_language(lang, async move {
        // Without the peer (a router served without connect info), every request is one client.
        let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
        let client = client_address(peer, req.headers(), gate.counter.behind_cloudflared());
        gate.sweep_when_due();
        if let Err(not_until) = gate.clients.check_key(&client) {
            let wait = not_until.wait_time_from(gate.clock.now()).as_secs().max(1);
            let mut answer = refused(StatusCode::TOO_MANY_REQUESTS, text!("refused-too-many")).into_response();
            answer.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
            return answer;
        }
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        if !host_allowed(&gate.counter, host) {
            return refused(StatusCode::MISDIRECTED_REQUEST, text!("refused-misdirected")).into_response();
        }
        within(REQUEST_TIMEOUT, next.run(req)).await.unwrap_or_else(|| {
            tracing::warn!("a return request ran out of time");
            (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response()
        })
    })
    .await
}

/// `work`'s output, or `None` when it takes longer than `limit`. Work done on its first poll
/// (most answers) arms no timer.
async fn within<F: Future>(limit: Duration, work: F) -> Option<F::Output> {
    let mut work = std::pin::pin!(work);
    let first = std::future::poll_fn(|cx| Poll::Ready(work.as_mut().poll(cx))).await;
    match first {
        Poll::Ready(out) => Some(out),
        Poll::Pending => tokio::time::timeout(limit, work).await.ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_timeout_holds_for_work_that_waits_and_costs_nothing_for_work_that_does_not() {
        assert_eq!(within(Duration::from_secs(1), async { 7 }).await, Some(7));
        let slow = within(Duration::from_secs(1), tokio::time::sleep(Duration::from_secs(5)));
        assert_eq!(slow.await, None, "work still waiting at the limit is cut off");
        let quick = within(Duration::from_secs(1), tokio::time::sleep(Duration::from_millis(10)));
        assert_eq!(quick.await, Some(()), "work that waits less than the limit finishes");
    }
}
