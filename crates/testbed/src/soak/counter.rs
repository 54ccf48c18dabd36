//! The counter under test: the real core (database, Admin API client, return endpoint,
//! webhooks, reconciler) with a staff stand-in pressing Charge, retrying, cancelling and
//! offering upsells at random. It runs as a child process so the soak can kill it with
//! SIGKILL at any point and start it again on the same data folder.
//!
//! It tells the soak what a customer would see on stdout, one JSON object a line:
//! `{"event":"qr","sale":…,"url":…}` when a QR code is on screen, and a few others for the
//! counts.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use counterpay_core::config::EnvOverrides;
use counterpay_core::db::catalog;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_core::secret::ApiToken;
use counterpay_core::{Counter, DemoStore, Options};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

/// How the soak starts a counter.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The demo store's Admin API URL.
    #[arg(long)]
    pub store: String,
    /// Its token.
    #[arg(long)]
    pub token: String,
    /// The requests a second the store allows.
    #[arg(long, default_value_t = 4)]
    pub rate: u32,
    /// The data folder (database).
    #[arg(long)]
    pub data: PathBuf,
    /// The return endpoint's address (the same across restarts, so return URLs stay valid).
    #[arg(long)]
    pub listen: SocketAddr,
    /// Seed for the staff's choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Sales in progress at once (several counters' worth of work on one database).
    #[arg(long, default_value_t = 4)]
    pub parallel: usize,
    /// Seconds a payment link is waited for.
    #[arg(long, default_value_t = 6)]
    pub timeout_secs: u64,
    /// Sell nothing: resume, settle every open sale and upsell, report, and exit.
    #[arg(long)]
    pub settle: bool,
}

fn emit(v: Value) {
    println!("{v}");
}

/// Run the counter until killed (or, with `--settle`, until everything open is settled).
pub async fn run(args: Args) -> anyhow::Result<()> {
    let env =
        EnvOverrides { listen: Some(args.listen.to_string()), session_timeout_secs: Some(args.timeout_secs), ..EnvOverrides::default() };
    let demo = DemoStore { api_url: args.store.clone(), token: ApiToken::new(args.token.clone())?, rate_limit: args.rate };
    let counter = Counter::open(Options {
        data_dir: args.data.clone(),
        demo: Some(demo),
        env,
        api_timeout: Duration::from_secs(2),
        clock: Default::default(),
    })
    .context("opening the counter")?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (_, server) = counterpay_core::return_endpoint::serve(counter.clone(), args.listen, async {
        let _ = stopped.await;
    })
    .await
    .context("binding the return endpoint")?;
    counter.resume()?;
    emit(json!({ "event": "started", "counter": counter.counter_id() }));

    for _ in 0..10 {
        match counter.ensure_webhook().await {
            Ok(_) => break,
            Err(e) => {
                tracing::warn!(error = %e, "webhook not registered yet");
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
    }
    counter.spawn_reconciler(Duration::from_secs(2));
    while catalog::search(counter.db(), "", 1)?.is_empty() {
        if let Err(e) = counter.sync_catalog().await {
            tracing::warn!(error = %e, "catalog sync failed; trying again");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    if args.settle {
        settle(&counter).await?;
        let _ = stop.send(());
        let _ = server.await;
        return Ok(());
    }

    let variants: Vec<(i64, bool)> = catalog::search(counter.db(), "", 10_000)?
        .into_iter()
        .filter(|v| v.purchasable && !v.prices.is_empty())
        .map(|v| (v.id, v.subscription.is_some()))
        .collect();
    anyhow::ensure!(!variants.is_empty(), "the catalog has nothing to sell");

    // Sales a previous run left as drafts (a create interrupted by the kill): staff decide.
    let mut rng = StdRng::seed_from_u64(args.seed);
    for sale in counter.history(&Default::default(), 500, 0)?.into_iter().filter(|s| s.state == SaleState::Draft) {
        let (c, seed) = (counter.clone(), rng.random());
        tokio::spawn(async move { drive(&c, &mut StdRng::seed_from_u64(seed), sale.id).await });
    }
    let mut sellers = Vec::new();
    for _ in 0..args.parallel.max(1) {
        let (c, v, seed) = (counter.clone(), variants.clone(), rng.random());
        sellers.push(tokio::spawn(async move { seller(c, v, StdRng::seed_from_u64(seed)).await }));
    }
    for s in sellers {
        s.await?;
    }
    Ok(())
}

async fn seller(counter: Counter, variants: Vec<(i64, bool)>, mut rng: StdRng) {
    loop {
        let lines = rng.random_range(1..=3);
        let basket: Vec<BasketLine> = (0..lines)
            .map(|_| {
                let (id, _) = variants[rng.random_range(0..variants.len())];
                let mut line = BasketLine::new(id, rng.random_range(1..=3));
                if rng.random_bool(0.05) {
                    line.price = Some(rust_decimal::Decimal::new(rng.random_range(100..5000), 2));
                }
                // Some lines are shipped to the customer rather than handed over.
                line.ship = rng.random_bool(0.2);
                line
            })
            .collect();
        match counter.charge(&basket).await {
            Ok(sale) => {
                emit(json!({ "event": "charged", "sale": sale.id }));
                drive(&counter, &mut rng, sale.id).await;
            }
            Err(e) => {
                emit(json!({ "event": "charge_refused", "why": e.to_string() }));
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

/// Take one sale from wherever it is to an outcome, as staff would: retry a draft a few
/// times or cancel it, show the QR code, sometimes cancel while waiting, and offer an
/// upsell after a payment.
async fn drive(counter: &Counter, rng: &mut StdRng, id: String) {
    let mut tries = 0;
    loop {
        let Ok(sale) = counter.sale(&id) else { return };
        match sale.state {
            SaleState::Draft if tries < 3 && rng.random_bool(0.85) => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
                if let Err(e) = counter.retry(&id).await {
                    emit(json!({ "event": "retry_refused", "sale": id, "why": e.to_string() }));
                }
            }
            SaleState::Draft => {
                let _ = counter.cancel(&id);
                emit(json!({ "event": "final", "sale": id, "state": "cancelled" }));
                return;
            }
            SaleState::Creating => tokio::time::sleep(Duration::from_millis(100)).await,
            SaleState::AwaitingPayment => {
                if let Some(url) = &sale.payment_complete_url {
                    emit(json!({ "event": "qr", "sale": id, "url": url }));
                }
                break;
            }
            _ => break,
        }
    }
    let cancel_after = rng.random_bool(0.08).then(|| Duration::from_millis(rng.random_range(300..3000)));
    let started = tokio::time::Instant::now();
    let sale = loop {
        let Ok(sale) = counter.sale(&id) else { return };
        if sale.state.is_final() {
            break sale;
        }
        if cancel_after.is_some_and(|after| started.elapsed() >= after) && sale.state == SaleState::AwaitingPayment {
            let _ = counter.cancel(&id);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    emit(json!({ "event": "final", "sale": id, "state": sale.state.as_str() }));
    if sale.state != SaleState::Paid || !sale.supports_upsells || !rng.random_bool(0.35) {
        return;
    }
    let Ok(offers) = counter.upsell_offers(&id) else { return };
    let Some(offer) = offers.offers.first() else { return };
    let Some(variant) = offer.variants.first().map(|v| v.id) else { return };
    // Now and then a double click: two requests for the same upsell at once.
    let double = rng.random_bool(0.2);
    let first = counter.add_upsell(&id, variant, 1, None);
    let outcomes: Vec<String> = if double {
        let (a, b) = tokio::join!(first, counter.add_upsell(&id, variant, 1, None));
        [a, b].into_iter().map(|r| r.map(|u| u.state.as_str().to_string()).unwrap_or_else(|e| format!("refused: {e}"))).collect()
    } else {
        vec![first.await.map(|u| u.state.as_str().to_string()).unwrap_or_else(|e| format!("refused: {e}"))]
    };
    emit(json!({ "event": "upsell", "sale": id, "outcomes": outcomes }));
}

/// Sell nothing; wait until no sale is being created, awaited or verified and no upsell is
/// open, cancelling drafts as staff would at the end of the day. Gives up after two minutes.
async fn settle(counter: &Counter) -> anyhow::Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        for sale in counter.history(&Default::default(), 10_000, 0)?.into_iter().filter(|s| s.state == SaleState::Draft) {
            let _ = counter.cancel(&sale.id);
        }
        counter.settle_unknown_upsells().await;
        if let Err(e) = counter.reconcile().await {
            tracing::warn!(error = %e, "reconciliation failed; trying again");
        }
        counter.close_open_sales().await;
        let open = counter.open_work()?;
        if open.sales == 0 && open.upsells == 0 && open.closing == 0 {
            emit(json!({ "event": "settled" }));
            return Ok(());
        }
        anyhow::ensure!(tokio::time::Instant::now() < deadline, "still open after two minutes: {open:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
