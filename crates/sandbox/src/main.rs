//! Run the demo store on its own: `counterpay-sandbox --listen 127.0.0.1:8700 [--token T]`.

use std::net::SocketAddr;

use counterpay_sandbox::Sandbox;

const USAGE: &str = "usage: counterpay-sandbox [--listen 127.0.0.1:PORT] [--token TOKEN]";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8700).into();
    let mut token = String::from("demo-token");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--listen", Some(v)) => match v.parse() {
                Ok(addr) => listen = addr,
                Err(_) => exit(&format!("--listen needs an address like 127.0.0.1:8700, got {v:?}")),
            },
            ("--token", Some(v)) => token = v,
            _ => exit(USAGE),
        }
    }
    let sandbox = match Sandbox::start(listen, &token).await {
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
