//! The return endpoint: where the store sends the customer's browser after Klarna, as a
//! form POST to `/klarna/return/<token>` with `response=<order JSON>`.
//!
//! It sits on the public internet behind a tunnel, so it trusts nothing: an unknown token
//! is 404, a wrong content type or malformed `response` is 400, a body over
//! [`MAX_BODY`] is 413, each with a clear page and nothing written but a log line. A
//! claimed order only counts once the store confirms it ([`Counter::receive_return`]).
//! Every answer carries strict security headers; the listener binds loopback by default.
//!
//! Abuse limits on every route: a per-client rate limit, a global concurrency limit, a
//! request timeout, a body that must arrive within [`BODY_TIMEOUT`], body size limits, and a
//! `Host` check (the public URL's host or the listener's own address).
//!
//! The client, for the rate limit, is the peer address; only when the peer is loopback (a
//! tunnel on this machine) is a proxy header believed, and then only the part the proxy
//! itself wrote: `CF-Connecting-IP` with cloudflared, else the **last** `X-Forwarded-For`
//! (or `Forwarded`) entry, which the nearest proxy appends. Anything a client writes earlier
//! in those headers is ignored.
//!
//! The same listener takes the store's signed webhooks at [`crate::webhooks::PATH`].

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tokio::net::TcpListener;

mod gate;
pub mod pages;
mod receive;
pub mod texts;

use pages::Page;

use crate::counter::Counter;
use crate::db::sales;
use crate::domain::words::{text, Text};
use crate::sale::{token_hash, token_is_well_formed, Claim};

/// The largest body accepted: a real order is a few kilobytes.
pub const MAX_BODY: usize = 256 * 1024;
/// Requests handled at once; more wait.
pub const MAX_CONCURRENT: usize = 512;
/// How long one request may take, verification round trip included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request's body may take to arrive.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(5);

/// Requests per second one client may make, sustained.
pub const RATE_PER_SECOND: u64 = 20;
/// Requests one client may make in a burst.
pub const RATE_BURST: u32 = 60;

/// Why a request to the endpoint gets no regular answer: every handler returns this, and it
/// is the one place a failure becomes an HTTP answer.
#[derive(Debug)]
pub enum EndpointError {
    /// The request is not one this endpoint takes (unknown link, wrong type, too large, too
    /// slow, malformed): a page saying so, nothing written but a log line.
    Refused(StatusCode, Text),
    /// A webhook delivery that is not trusted or not readable: plain text for the store.
    Webhook(crate::webhooks::WebhookError),
    /// A webhook that could not be recorded now: 503, and the store delivers it again.
    Unavailable(crate::Error),
    /// Something broke inside the counter while a customer waited: a 500 page.
    Internal(crate::Error),
}

impl From<crate::Error> for EndpointError {
    fn from(e: crate::Error) -> Self {
        EndpointError::Internal(e)
    }
}

impl IntoResponse for EndpointError {
    fn into_response(self) -> Response {
        match self {
            EndpointError::Refused(status, why) => {
                tracing::info!(status = status.as_u16(), %why, "return request refused");
                refusal_page(status, &why)
            }
            EndpointError::Webhook(refused) => {
                tracing::info!(%refused, "webhook refused");
                let status = StatusCode::from_u16(crate::webhooks::status_for(&refused)).unwrap_or(StatusCode::BAD_REQUEST);
                (status, refused.to_string()).into_response()
            }
            EndpointError::Unavailable(e) => {
                // Nothing was recorded: the store retries a failed delivery.
                tracing::warn!(error = %e, "webhook could not be recorded now");
                (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response()
            }
            EndpointError::Internal(e) => {
                tracing::error!(error = %e, "return handling failed");
                page(pages::client_error(500, None))
            }
        }
    }
}

/// The page for a refusal. A refusal without placeables (an unknown link, a body too large)
/// is the same page every time in a language: written once per worker thread and kept (no
/// lock shared between threads), so a flood of them costs no more than answering.
fn refusal_page(status: StatusCode, why: &Text) -> Response {
    type Kept = Vec<(texts::Lang, StatusCode, String, axum::body::Bytes)>;
    thread_local! {
        static KEPT: std::cell::RefCell<Kept> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let lang = texts::current();
    let write = || axum::body::Bytes::from(pages::client_error(status.as_u16(), Some(&why.render(lang))).html);
    let html = if why.has_placeables() {
        write()
    } else {
        KEPT.with_borrow_mut(|kept| {
            let found = kept.iter().find(|(l, s, k, _)| *l == lang && *s == status && k == why.key()).map(|(.., html)| html.clone());
            found.unwrap_or_else(|| {
                let html = write();
                kept.push((lang, status, why.key().to_string(), html.clone()));
                html
            })
        })
    };
    (status, Html(html)).into_response()
}

fn refused(status: StatusCode, why: Text) -> EndpointError {
    EndpointError::Refused(status, why)
}

/// The endpoint's routes for `counter`, behind its [gate](gate::gate) (the abuse limits and
/// the security headers).
pub fn router(counter: Counter) -> Router {
    Router::new()
        .route("/klarna/return/{token}", post(klarna_return).get(return_get))
        .route(crate::webhooks::PATH, post(webhook))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(gate::Gate::new(counter.clone()), gate::gate))
        .with_state(counter)
}

/// The address a request comes from: the peer, unless the peer is a proxy on this machine;
/// then what that proxy wrote (`CF-Connecting-IP` for cloudflared, else the last
/// `X-Forwarded-For` or `Forwarded` entry).
pub fn client_address(peer: std::net::IpAddr, headers: &HeaderMap, cloudflared: bool) -> std::net::IpAddr {
    if !peer.is_loopback() {
        return peer;
    }
    let parse = |v: &str| -> Option<std::net::IpAddr> {
        let v = v.trim().trim_matches('"');
        if let Ok(ip) = v.parse() {
            return Some(ip);
        }
        // `[v6]:port`, `v4:port`
        if let Some(rest) = v.strip_prefix('[') {
            return rest.split(']').next()?.parse().ok();
        }
        v.rsplit_once(':').and_then(|(ip, _)| ip.parse().ok())
    };
    if cloudflared {
        if let Some(ip) = headers.get("cf-connecting-ip").and_then(|v| v.to_str().ok()).and_then(parse) {
            return ip;
        }
    }
    let last =
        |name: &str| headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).last().map(str::to_string);
    if let Some(ip) = last("x-forwarded-for").as_deref().and_then(parse) {
        return ip;
    }
    if let Some(entry) = last("forwarded") {
        if let Some(ip) =
            entry.split(';').find_map(|kv| kv.trim().strip_prefix("for=").or_else(|| kv.trim().strip_prefix("For="))).and_then(parse)
        {
            return ip;
        }
    }
    peer
}

/// Bind `addr` and serve until `shutdown` completes, draining requests in flight.
///
/// Fails when the address cannot be bound (in use, not local).
pub async fn serve(
    counter: Counter,
    addr: SocketAddr,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    counter.set_listening_on(bound);
    tracing::info!(%bound, "return endpoint listening");
    let app = router(counter).into_make_service_with_connect_info::<SocketAddr>();
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
            tracing::error!(error = %e, "return endpoint stopped");
        }
    });
    Ok((bound, handle))
}

fn page(p: Page) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::OK);
    (status, Html(p.html)).into_response()
}

type Answer = Result<Response, EndpointError>;

/// The body of a request, within `limit` bytes and [`BODY_TIMEOUT`].
async fn body_of(body: Body, limit: usize) -> Result<axum::body::Bytes, EndpointError> {
    match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, limit)).await {
        Ok(Ok(b)) => Ok(b),
        Ok(Err(_)) => Err(refused(StatusCode::PAYLOAD_TOO_LARGE, text!("refused-too-large"))),
        Err(_) => Err(refused(StatusCode::REQUEST_TIMEOUT, text!("refused-too-slow"))),
    }
}

async fn klarna_return(State(counter): State<Counter>, Path(token): Path<String>, headers: HeaderMap, body: Body) -> Answer {
    let unknown = || refused(StatusCode::NOT_FOUND, text!("refused-unknown-link"));
    let known = token_is_well_formed(&token) && matches!(sales::token_known(counter.db(), &token_hash(&token)), Ok(true));
    if !known {
        return Err(unknown());
    }
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    if !form {
        return Err(refused(StatusCode::BAD_REQUEST, text!("refused-not-a-form")));
    }
    let bytes = body_of(body, MAX_BODY).await?;
    let claim = Claim::from_form(&bytes).map_err(|e| refused(StatusCode::BAD_REQUEST, e.words()))?;
    match counter.receive_return(&token, claim).await? {
        Some(p) => Ok(page(p)),
        None => Err(unknown()),
    }
}

/// Only requests addressed to this counter: its public URL's host, or the listener itself
/// (a local browser, a reverse proxy that rewrites `Host`), in any case.
fn host_allowed(counter: &Counter, host: &str) -> bool {
    if host.is_empty() {
        return false;
    }
    if let Some(url) = counter.public_url() {
        if public_host_matches(&url, host) {
            return true;
        }
    }
    // The listener itself, by its address, `localhost` or `127.0.0.1`, with its port.
    let Some(addr) = counter.listening_on() else { return false };
    let Some((name, port)) = host.rsplit_once(':') else { return false };
    if port.parse::<u16>().ok() != Some(addr.port()) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip == addr.ip() || ip == std::net::Ipv4Addr::LOCALHOST)
}

/// Whether `host` (a `Host` header) names the public URL `url`: its host, alone or with the
/// URL's port. The URL's parts are worked out once per worker thread while it stays the same.
fn public_host_matches(url: &str, host: &str) -> bool {
    struct Parsed {
        url: String,
        name: String,
        with_port: Option<String>,
    }
    thread_local! {
        static LAST: std::cell::RefCell<Option<Parsed>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|p| p.url != url) {
            let parsed = url::Url::parse(url).ok();
            let name = parsed.as_ref().and_then(|u| u.host_str()).unwrap_or("").to_ascii_lowercase();
            let with_port = parsed.as_ref().and_then(|u| u.port()).map(|p| format!("{name}:{p}"));
            *last = Some(Parsed { url: url.to_string(), name, with_port });
        }
        let p = last.as_ref().expect("set above");
        !p.name.is_empty() && (host.eq_ignore_ascii_case(&p.name) || p.with_port.as_deref().is_some_and(|w| host.eq_ignore_ascii_case(w)))
    })
}

async fn webhook(State(counter): State<Counter>, headers: HeaderMap, body: Body) -> Answer {
    let bytes = body_of(body, crate::webhooks::MAX_BODY).await?;
    let signature = headers.get("x-29next-signature").and_then(|v| v.to_str().ok());
    let delivery = counter.receive_webhook(signature, &bytes).await.map_err(EndpointError::Unavailable)?.map_err(EndpointError::Webhook)?;
    tracing::info!(?delivery, "webhook handled");
    Ok((StatusCode::OK, "ok").into_response())
}

/// A GET (someone opening the link by hand) changes nothing.
async fn return_get() -> EndpointError {
    refused(StatusCode::METHOD_NOT_ALLOWED, text!("refused-method"))
}

#[derive(Deserialize)]
struct Health {
    nonce: Option<String>,
}

/// Liveness, and the reachability check's echo: `?nonce=` comes back as it was sent.
async fn healthz(Query(q): Query<Health>) -> Answer {
    let nonce = q.nonce.unwrap_or_default();
    if nonce.len() > 128 || !nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(refused(StatusCode::BAD_REQUEST, text!("refused-nonce")));
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("counterpay ok {nonce}")).into_response())
}

async fn not_found() -> EndpointError {
    refused(StatusCode::NOT_FOUND, text!("refused-nothing-here"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), axum::http::HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_what_the_nearest_proxy_wrote_names_the_client() {
        let lo: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        let far: std::net::IpAddr = "198.51.100.4".parse().unwrap();
        let real: std::net::IpAddr = "203.0.113.9".parse().unwrap();
        let xff = headers(&[("x-forwarded-for", "10.9.9.9, 203.0.113.9")]);
        assert_eq!(client_address(lo, &xff, false), real, "the last entry is the one the tunnel appended");
        assert_eq!(client_address(far, &xff, false), far, "headers from a peer that is not a local proxy are ignored");
        let two_lines = headers(&[("x-forwarded-for", "1.1.1.1"), ("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(client_address(lo, &two_lines, false), real, "across repeated header lines too");
        let cf = headers(&[("cf-connecting-ip", "192.0.2.1"), ("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(client_address(lo, &cf, true), "192.0.2.1".parse::<std::net::IpAddr>().unwrap(), "cloudflared's own header");
        assert_eq!(client_address(lo, &cf, false), real, "CF-Connecting-IP means nothing behind another tunnel");
        let fwd = headers(&[("forwarded", "for=10.0.0.1, for=\"[2001:db8::1]:4711\"")]);
        assert_eq!(client_address(lo, &fwd, false), "2001:db8::1".parse::<std::net::IpAddr>().unwrap());
        let junk = headers(&[("x-forwarded-for", "not an address")]);
        assert_eq!(client_address(lo, &junk, false), lo, "an unreadable header falls back to the peer");
    }
}
