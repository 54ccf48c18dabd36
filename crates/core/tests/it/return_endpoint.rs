//! The public return endpoint refuses everything that is not a well-formed return for a
//! known sale, with a clear 4xx page, and writes nothing for it.

use std::time::Duration;

use counterpay_core::db::sales;
use counterpay_core::sale::{BasketLine, SaleState};

use crate::support::*;

async fn send(h: &Harness, url: &str, content_type: Option<&str>, body: Vec<u8>) -> (u16, String, reqwest::header::HeaderMap) {
    let mut req = h.http.post(url).body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, resp.text().await.unwrap(), headers)
}

/// What is sent, where, with which content type, and the status and words expected back.
type Case<'a> = (&'a str, &'a str, Option<&'a str>, Vec<u8>, u16, &'a str);

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

#[tokio::test]
async fn malformed_returns_get_a_clear_4xx_and_write_nothing() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let url = return_url(&h, &sale.id);
    let unknown = format!("http://{}/klarna/return/{}", h.endpoint, counterpay_core::sale::random_token());
    let events_before = sales::events(h.counter.db(), &sale.id).unwrap().len();

    let oversize = format!("response={}", "a".repeat(300 * 1024)).into_bytes();
    let cases: Vec<Case<'_>> = vec![
        ("missing response field", &url, FORM, b"other=1".to_vec(), 400, "no “response” field"),
        ("invalid JSON", &url, FORM, b"response=%7Bnot-json".to_vec(), 400, "not a JSON object"),
        ("JSON that is not an object", &url, FORM, b"response=%5B1%2C2%5D".to_vec(), 400, "not a JSON object"),
        ("an order without a number", &url, FORM, b"response=%7B%22total%22%3A1%7D".to_vec(), 400, "no order number"),
        ("wrong content type", &url, Some("application/json"), br#"{"response":"{}"}"#.to_vec(), 400, "Expected a form post"),
        ("no content type", &url, None, b"response=%7B%7D".to_vec(), 400, "Expected a form post"),
        ("unknown token", &unknown, FORM, b"response=%7B%7D".to_vec(), 404, "not known here"),
        ("oversize body", &url, FORM, oversize, 413, "too large"),
    ];
    for (what, target, ct, body, want, words) in cases {
        let (status, page, headers) = send(&h, target, ct, body).await;
        assert_eq!(status, want, "{what}");
        assert!(page.contains(words), "{what}: the page must say why ({words}): {page}");
        assert!(page.contains("<!doctype html>"), "{what}: a page, not a bare error");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{what}");
    }
    let (status, _, _) = send(&h, &format!("http://{}/klarna/return/short", h.endpoint), FORM, b"response=%7B%7D".to_vec()).await;
    assert_eq!(status, 404, "a malformed token is unknown");

    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::AwaitingPayment, "nothing moved the sale");
    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), events_before, "nothing was written");
    assert_eq!(sales::count(h.counter.db()).unwrap(), 1);
}

#[tokio::test]
async fn health_check_echoes_its_nonce() {
    let h = harness().await;
    let body = h.http.get(format!("http://{}/healthz?nonce=abc-123", h.endpoint)).send().await.unwrap().text().await.unwrap();
    assert_eq!(body, "counterpay ok abc-123");
    let bad = h.http.get(format!("http://{}/healthz?nonce=%3Cscript%3E", h.endpoint)).send().await.unwrap();
    assert_eq!(bad.status(), 400, "a nonce is echoed only if it is plain");
    let other = h.http.get(format!("http://{}/admin", h.endpoint)).send().await.unwrap();
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn requests_for_another_host_are_refused() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let url = return_url(&h, &sale.id);
    let resp = h
        .http
        .post(&url)
        .header("host", "evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("response=%7B%7D")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 421, "a request addressed to another host is not ours");
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::AwaitingPayment);

    // The listener by its own names is ours; a lookalike or another port is not.
    let port = h.endpoint.port();
    let health = |host: String| {
        let http = h.http.clone();
        let url = format!("http://{}/healthz", h.endpoint);
        async move { http.get(url).header("host", host).send().await.unwrap().status().as_u16() }
    };
    for ours in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LOCALHOST:{port}")] {
        assert_eq!(health(ours.clone()).await, 200, "{ours}");
    }
    for theirs in [
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.2:{port}"),
        format!("[::2]:{port}"),
        format!(":{port}"),
    ] {
        assert_eq!(health(theirs.clone()).await, 421, "{theirs}");
    }
}

#[tokio::test]
async fn one_client_cannot_monopolise_the_endpoint() {
    let h = harness().await;
    let mut limited = 0;
    let mut told = None;
    for _ in 0..(counterpay_core::return_endpoint::RATE_BURST as usize + 40) {
        let resp = h
            .http
            .get(format!("http://{}/healthz", h.endpoint))
            .header("x-forwarded-for", "198.51.100.9")
            .header("accept-language", "de-DE,de;q=0.9")
            .send()
            .await
            .unwrap();
        if resp.status() == 429 {
            limited += 1;
            let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!(wait >= 1, "how long to wait, in whole seconds");
            assert_eq!(resp.headers()["x-frame-options"], "DENY", "a refusal carries the security headers too");
            told = Some(resp.text().await.unwrap());
        }
    }
    assert!(limited > 0, "a client past its burst is told to slow down");
    assert!(told.unwrap().contains("Zu viele Anfragen"), "in the phone's language, as a page");
    let other = h.http.get(format!("http://{}/healthz", h.endpoint)).header("x-forwarded-for", "198.51.100.10").send().await.unwrap();
    assert_eq!(other.status(), 200, "other clients are unaffected");
}

/// 10,000 hostile requests over 64 connections: malformed forms, huge bodies, invalid
/// UTF-8, deeply nested JSON, unknown tokens, wrong methods. Bounded in count and time,
/// loopback only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbage_flood_changes_nothing_and_the_counter_keeps_selling() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let url = return_url(&h, &sale.id);
    let events_before = sales::events(h.counter.db(), &sale.id).unwrap().len();
    let deep = format!(
        "response={}",
        url::form_urlencoded::byte_serialize(format!("{}{}", "[".repeat(5000), "]".repeat(5000)).as_bytes()).collect::<String>()
    );
    let bodies: Vec<(Option<&str>, Vec<u8>)> = vec![
        (FORM, b"response=%7Bnot-json".to_vec()),
        (FORM, vec![b'r', b'e', b's', b'p', b'o', b'n', b's', b'e', b'=', 0xff, 0xfe, 0xfd]),
        (FORM, b"\xff\xfe=\xfd".to_vec()),
        (FORM, deep.into_bytes()),
        (FORM, format!("response={}", "x".repeat(400 * 1024)).into_bytes()),
        (Some("application/json"), b"{}".to_vec()),
        (Some("multipart/form-data; boundary=x"), b"--x--".to_vec()),
        (FORM, b"response=%7B%22number%22%3A%22%2E%2E%2Fadmin%22%7D".to_vec()),
    ];
    let unknown = format!("http://{}/klarna/return/{}", h.endpoint, counterpay_core::sale::random_token());
    let targets = [url.clone(), unknown, format!("http://{}/klarna/return/%00%ff", h.endpoint)];

    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..64usize {
        // No connection reuse: the server closes connections it refused early, and a pooled
        // client would race it.
        let http = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let bodies = bodies.clone();
        let targets = targets.clone();
        tasks.spawn(async move {
            let mut statuses = Vec::new();
            for i in 0..(10_000 / 64 + 1) {
                let n = worker * 1000 + i;
                let (ct, body) = &bodies[n % bodies.len()];
                let mut req =
                    http.post(&targets[n % targets.len()]).body(body.clone()).header("x-forwarded-for", format!("203.0.113.{}", n % 250));
                if let Some(ct) = ct {
                    req = req.header("content-type", *ct);
                }
                match req.send().await {
                    Ok(r) => statuses.push(r.status().as_u16()),
                    // Refusing a request before reading its body closes the connection while
                    // a large upload is still being sent: that is a refusal (counted as 0),
                    // not a dead server (which would refuse connections outright).
                    Err(e) if format!("{e:?}").contains("BrokenPipe") || format!("{e:?}").contains("ConnectionReset") => statuses.push(0),
                    Err(e) => panic!("the endpoint must keep answering under load: {e:?}"),
                }
            }
            statuses
        });
    }
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    while let Some(done) = tasks.join_next().await {
        for s in done.unwrap() {
            *counts.entry(s).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    eprintln!("flood: {total} requests in {:?}, statuses {counts:?} (0 = closed before the body was read)", started.elapsed());
    assert!(total >= 10_000, "sent {total}");
    assert!(started.elapsed() < Duration::from_secs(120), "bounded in time");
    let unexpected: Vec<_> = counts.keys().filter(|s| ![0u16, 400, 404, 413, 429].contains(s)).collect();
    assert!(unexpected.is_empty(), "every garbage request gets a 4xx, never a 5xx or a 200: {counts:?}");

    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), events_before, "the flood wrote nothing");
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::AwaitingPayment);
    assert_eq!(sales::count(h.counter.db()).unwrap(), 1);

    // The real customer still gets through at once.
    let (status, page) = browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    assert_eq!(status, 200);
    assert!(page.contains("Thank you"), "{page}");
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::Paid);
}

#[tokio::test]
async fn shutting_down_answers_the_return_in_flight_then_refuses_new_ones() {
    let h = harness().await;
    // A second endpoint on the same counter, which this test stops.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = counterpay_core::return_endpoint::serve(h.counter.clone(), ([127, 0, 0, 1], 0).into(), async {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let path = url::Url::parse(&return_url(&h, &sale.id)).unwrap().path().to_string();
    let (_, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    // The store answers slowly, so the customer's return is still being verified at exit.
    h.sandbox.faults().set_latency(Duration::from_millis(1500));
    let http = h.http.clone();
    let asked = h.sandbox.requests().len();
    let in_flight = tokio::spawn(async move { post_form(&http, &format!("http://{addr}{path}"), &response).await });
    // Stop once the verification read is at the store (the customer's request is in flight).
    eventually(Duration::from_secs(5), "the verification read", || {
        h.sandbox.requests()[asked..].iter().any(|r| r.method == "GET" && r.path.starts_with("/api/admin/orders/")).then_some(())
    })
    .await;
    stop.send(()).unwrap();

    let (status, page) = in_flight.await.unwrap();
    assert_eq!(status, 200, "the customer in flight gets their page: {page}");
    assert!(page.contains("Thank you, your payment is complete"), "the receipt, not an error: {page}");
    tokio::time::timeout(Duration::from_secs(5), server).await.expect("the endpoint stops once drained").unwrap();
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::Paid);
    let refused = h.http.post(format!("http://{addr}/healthz")).send().await;
    assert!(refused.is_err(), "nothing is accepted after shutdown");
}

/// The customer's phone reads its pages in its own language (`Accept-Language`), also when
/// the payment failed or the link was wrong; any other language gets English.
#[tokio::test]
async fn the_phone_pages_follow_the_phones_language() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let url = return_url(&h, &sale.id);
    let (_, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    let post = |lang: &'static str, body: String, to: String| {
        let http = h.http.clone();
        async move {
            let form = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &body).finish();
            let resp = http
                .post(to)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept-language", lang)
                .body(form)
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), resp.text().await.unwrap())
        }
    };
    let (status, page) = post("sv-SE,sv;q=0.9,en;q=0.5", response.clone(), url.clone()).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="sv">"#) && page.contains("Tack, din betalning är klar"), "{page}");
    assert!(page.contains("12,00 USD"), "the amount the Swedish way: {page}");
    // The same return again, from a German phone, and from a French one.
    let (_, page) = post("de-DE,de;q=0.9", response.clone(), url.clone()).await;
    assert!(page.contains("Vielen Dank, Ihre Zahlung ist abgeschlossen"), "{page}");
    let (_, page) = post("fr-FR,fr;q=0.9", response, url.clone()).await;
    assert!(page.contains("Thank you, your payment is complete"), "{page}");
    // A link that points nowhere says so in the phone's language.
    let wrong = format!("{}x", url.trim_end_matches(|c: char| c.is_ascii_alphanumeric()));
    let (status, page) = post("de", "{}".into(), wrong).await;
    assert_eq!(status, 404);
    assert!(page.contains("Dieser Link hat nicht funktioniert"), "{page}");
}
