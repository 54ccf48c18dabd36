//! Run the demo store on its own:
//! `counterpay-sandbox --listen 127.0.0.1:8700 [--token T] [--products N] [--page-size N] [--rate-limit N]`.

use std::net::SocketAddr;

use counterpay_sandbox::{Catalog, Config, Sandbox};

const USAGE: &str = "usage: counterpay-sandbox [--listen 127.0.0.1:PORT] [--token TOKEN] [--products N] [--page-size N] [--rate-limit N|0]";

fn number(flag: &str, v: &str) -> usize {
    v.parse().unwrap_or_else(|_| exit(&format!("{flag} needs a whole number, got {v:?}")))
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8700).into();
    let mut token = String::from("demo-token");
    let mut products: Option<usize> = None;
    let mut page_size = 20;
    let mut rate_limit = Some(4);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--listen", Some(v)) => match v.parse() {
                Ok(addr) => listen = addr,
                Err(_) => exit(&format!("--listen needs an address like 127.0.0.1:8700, got {v:?}")),
            },
            ("--token", Some(v)) => token = v,
            ("--products", Some(v)) => products = Some(number("--products", &v)),
            ("--page-size", Some(v)) => page_size = number("--page-size", &v),
            ("--rate-limit", Some(v)) => rate_limit = Some(number("--rate-limit", &v) as u32).filter(|n| *n > 0),
            _ => exit(USAGE),
        }
    }
    let catalog = products.map(Catalog::generated).unwrap_or_else(Catalog::demo);
    let config = Config { token: token.clone(), catalog, page_size, rate_limit, keep_log: false, ..Config::new(&token) };
    let sandbox = match Sandbox::start_with(listen, config).await {
        Ok(s) => s,
        Err(e) => exit(&format!("cannot listen on {listen}: {e}")),
    };
    println!("demo store: Admin API at {} (token {token:?}); Ctrl-C stops it", sandbox.api_url());
    let _ = tokio::signal::ctrl_c().await;
}

fn exit(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}
