//! Webhooks: `POST/GET /webhooks/`, `DELETE /webhooks/{id}/`, and signed deliveries of
//! `order.created` when a checkout is paid. The signature is base64 HMAC-SHA256 of the
//! exact body under the webhook's `secret_key`, in `X-29Next-Signature`.

use std::sync::Arc;

use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::{lock, Delivery, State, API_VERSION};

#[derive(Debug, Clone)]
pub(crate) struct Registered {
    id: i64,
    target: String,
    events: Vec<String>,
    secret: String,
    created_at: String,
}

impl Registered {
    fn json(&self) -> Value {
        json!({
            "active": true, "api_version": API_VERSION, "created_at": self.created_at,
            "events": self.events, "id": self.id, "name": "Counterpay", "next_check_date": null,
            "target": self.target, "updated_at": self.created_at, "warning_count": 0,
        })
    }
}

pub(crate) async fn create(AxState(state): AxState<Arc<State>>, body: axum::body::Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, Json(json!({"detail": "JSON parse error."}))).into_response();
    };
    let Some(target) = body["target"].as_str().filter(|t| url::Url::parse(t).is_ok()) else {
        return (StatusCode::BAD_REQUEST, Json(json!({"target": ["Enter a valid URL."]}))).into_response();
    };
    let events: Vec<String> = body["events"].as_array().into_iter().flatten().filter_map(|e| e.as_str().map(str::to_string)).collect();
    if events.is_empty() {
        return (StatusCode::BAD_REQUEST, Json(json!({"events": ["This field is required."]}))).into_response();
    }
    let mut hooks = lock(&state.webhooks);
    let hook = Registered {
        id: hooks.iter().map(|h| h.id).max().unwrap_or(0) + 1,
        target: target.to_string(),
        events,
        secret: body["secret_key"].as_str().unwrap_or("").to_string(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let answer = hook.json();
    hooks.push(hook);
    (StatusCode::CREATED, Json(answer)).into_response()
}

pub(crate) async fn list(AxState(state): AxState<Arc<State>>) -> Response {
    let results: Vec<Value> = lock(&state.webhooks).iter().map(Registered::json).collect();
    Json(json!({ "next": null, "previous": null, "results": results })).into_response()
}

pub(crate) async fn delete(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>) -> Response {
    let mut hooks = lock(&state.webhooks);
    let before = hooks.len();
    hooks.retain(|h| h.id != id);
    if hooks.len() == before {
        return (StatusCode::NOT_FOUND, Json(json!({"detail": "Not found."}))).into_response();
    }
    StatusCode::NO_CONTENT.into_response()
}

/// Deliver `event_type` about `data` to every webhook that listens to it, in the background.
pub(crate) fn deliver(state: &Arc<State>, event_type: &str, data: &Value) {
    if state.faults.webhooks_paused() {
        return;
    }
    let hooks: Vec<Registered> = lock(&state.webhooks).iter().filter(|h| h.events.iter().any(|e| e == event_type)).cloned().collect();
    for hook in hooks {
        let event_id = format!("evt_{}_{}", hook.id, rand::random::<u64>());
        let body = json!({
            "api_version": API_VERSION,
            "data": data,
            "event_id": event_id,
            "event_type": event_type,
            "webhook": { "id": hook.id, "store": "demo" },
        })
        .to_string();
        let mut mac = Hmac::<Sha256>::new_from_slice(hook.secret.as_bytes()).expect("any key length");
        mac.update(body.as_bytes());
        let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        let state = state.clone();
        tokio::spawn(async move {
            let sent = state
                .http
                .post(&hook.target)
                .header("content-type", "application/json")
                .header("x-29next-signature", &signature)
                .body(body.clone())
                .send()
                .await;
            let status = sent.ok().map(|r| r.status().as_u16());
            if state.keep_log {
                lock(&state.deliveries).push(Delivery { target: hook.target, body, signature, status });
            }
        });
    }
}
