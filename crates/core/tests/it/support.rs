//! Shared set-up: a sandbox store, a counter on a temp database, the return endpoint on a
//! free loopback port, a browser stand-in, and the Admin API contract's schemas.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use counterpay_core::config::EnvOverrides;
use counterpay_core::events::Event;
use counterpay_core::sale::SaleView;
use counterpay_core::secret::ApiToken;
use counterpay_core::{Counter, DemoStore, Options};
use counterpay_sandbox::Sandbox;
use serde_json::Value;
use tempfile::TempDir;

pub const TOKEN: &str = "test-token-0123456789";

pub struct Harness {
    pub sandbox: Sandbox,
    pub counter: Counter,
    pub dir: TempDir,
    pub endpoint: SocketAddr,
    pub http: reqwest::Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub struct Setup {
    pub env: EnvOverrides,
    pub api_timeout: Duration,
    /// The sandbox to run; the demo store by default.
    pub sandbox: counterpay_sandbox::Config,
    /// Sync the catalog before the test starts.
    pub sync: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            env: EnvOverrides::default(),
            api_timeout: Duration::from_secs(10),
            sandbox: counterpay_sandbox::Config::new(TOKEN),
            sync: true,
        }
    }
}

pub async fn harness() -> Harness {
    harness_with(Setup::default()).await
}

pub async fn harness_with(setup: Setup) -> Harness {
    let sandbox = Sandbox::start_with(([127, 0, 0, 1], 0).into(), setup.sandbox).await.expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let counter = open_counter(&sandbox, dir.path().to_path_buf(), setup.env, setup.api_timeout);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (endpoint, _) = counterpay_core::return_endpoint::serve(counter.clone(), ([127, 0, 0, 1], 0).into(), async {
        let _ = stopped.await;
    })
    .await
    .expect("return endpoint binds");
    if setup.sync {
        counter.sync_catalog().await.expect("catalog syncs from the sandbox");
    }
    Harness { sandbox, counter, dir, endpoint, http: reqwest::Client::new(), _stop: stop }
}

pub fn open_counter(sandbox: &Sandbox, dir: PathBuf, env: EnvOverrides, api_timeout: Duration) -> Counter {
    let demo = DemoStore { api_url: sandbox.api_url(), token: ApiToken::new(TOKEN).unwrap(), rate_limit: 4 };
    Counter::open(Options { data_dir: dir, demo: Some(demo), env, api_timeout, clock: Default::default() }).expect("counter opens")
}

/// The customer's phone pays (or declines) on the hosted page; returns the final status
/// and the page the phone shows.
pub async fn browser(payment_complete_url: &str, pay: bool) -> (u16, String) {
    counterpay_sandbox::customer::checkout(payment_complete_url, pay).await.expect("the customer's browser gets through")
}

/// POST a form body to a return URL as a browser would.
pub async fn post_form(http: &reqwest::Client, url: &str, response: &str) -> (u16, String) {
    let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", response).finish();
    let resp = http.post(url).header("content-type", "application/x-www-form-urlencoded").body(body).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

pub use counterpay_sandbox::wait::eventually;

/// Wait for the sale to reach `state`, following events; panics after `within`.
pub async fn wait_for_state(counter: &Counter, id: &str, state: &str, within: Duration) -> SaleView {
    let mut events = counter.subscribe();
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let sale = counter.sale(id).unwrap();
        if serde_json::to_value(sale.state).unwrap() == state {
            return sale;
        }
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Ok(Ok(Event::SaleUpdated { .. })) | Ok(Ok(_)) => {}
            Ok(Err(_)) => {}
            Err(_) => panic!("sale {id} did not reach {state} within {within:?}; it is {:?}", sale.state),
        }
    }
}

/// [`wait_for_state`], moving the counter's clock a second ahead every 25 ms meanwhile: the
/// counter's own pauses (a recheck after 5 s, a retry after 2, 4, 8 s) pass at once, while the
/// store still answers in real time.
pub async fn wait_for_state_fast(counter: &Counter, id: &str, state: &str, within: Duration) -> SaleView {
    let clock = counter.clock().clone();
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(25)).await;
            clock.advance(Duration::from_secs(1));
        }
    });
    let sale = wait_for_state(counter, id, state, within).await;
    ticker.abort();
    sale
}

pub fn return_url(h: &Harness, sale_id: &str) -> String {
    // The return URL is in the create request the sandbox recorded.
    h.sandbox
        .requests()
        .iter()
        .rev()
        .filter_map(|r| r.body.as_ref())
        .find(|b| b["metadata"]["counterpay_sale"] == sale_id)
        .and_then(|b| b["payment_details"]["payment_return_url"].as_str().map(str::to_string))
        .expect("the create request carried a return URL")
}

fn contract_path() -> PathBuf {
    match std::env::var_os("COUNTERPAY_CONTRACT") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api/admin-2024-04-01.yaml"),
    }
}

fn contract() -> &'static Value {
    static CONTRACT: OnceLock<Value> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let path = contract_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("the Admin API contract must be at {} (or COUNTERPAY_CONTRACT): {e}", path.display()));
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the contract is YAML");
        let mut json = serde_json::to_value(yaml).expect("the contract converts to JSON");
        honour_nullable(&mut json);
        json
    })
}

/// The contract is OpenAPI 3.1 but still marks some fields (pagination links) with 3.0's
/// `nullable: true`, which JSON Schema ignores. Read it as the authors meant it: the type
/// also admits `null`, as the real API answers on a first page.
fn honour_nullable(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(Value::String(t)) = map.get("type").cloned() {
                    map.insert("type".into(), serde_json::json!([t, "null"]));
                }
            }
            map.values_mut().for_each(honour_nullable);
        }
        Value::Array(items) => items.iter_mut().for_each(honour_nullable),
        _ => {}
    }
}

/// Validate `instance` against the contract's component schema `name`, resolving `$ref`s
/// within the components only (the whole document has a schema named "Product " that
/// strict validators reject).
pub fn assert_matches_schema(name: &str, instance: &Value) {
    let schemas = contract()["components"]["schemas"].clone();
    assert!(schemas.get(name).is_some(), "the contract has no schema {name}");
    let root = serde_json::json!({ "$ref": format!("#/components/schemas/{name}"), "components": { "schemas": schemas } });
    let validator = jsonschema::options().build(&root).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path)).take(10).collect();
    assert!(errors.is_empty(), "{name} does not match the contract:\n{}\n{instance:#}", errors.join("\n"));
}

/// A GET on the sandbox's Admin API with the right headers, as JSON.
pub async fn raw_get(sandbox: &Sandbox, path: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{}{path}", sandbox.api_url()))
        .bearer_auth(TOKEN)
        .header("X-29Next-Api-Version", "2024-04-01")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A POST on the sandbox's Admin API with the right headers: status and JSON answer.
pub async fn raw_post(sandbox: &Sandbox, path: &str, body: &Value) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.api_url()))
        .bearer_auth(TOKEN)
        .header("X-29Next-Api-Version", "2024-04-01")
        .json(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Charge `basket` and have the customer pay; returns the paid sale.
pub async fn paid_sale(h: &Harness, basket: &[counterpay_core::sale::BasketLine]) -> SaleView {
    let sale = h.counter.charge(basket).await.expect("charge");
    browser(sale.payment_complete_url.as_deref().expect("a payment link"), true).await;
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(serde_json::to_value(paid.state).unwrap(), "paid", "the customer paid");
    paid
}

/// Run SQL on the counter's database file through a second connection, as someone with the
/// file open could; returns SQLite's error text on failure.
pub fn sql(counter: &Counter, statement: &str) -> Result<usize, String> {
    let conn = rusqlite::Connection::open(counter.database_path()).map_err(|e| e.to_string())?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(|e| e.to_string())?;
    conn.execute(statement, []).map_err(|e| e.to_string())
}
