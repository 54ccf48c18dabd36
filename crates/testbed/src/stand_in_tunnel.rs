//! A stand-in for a tunnel program (cloudflared, ngrok), for tests: it listens on a free
//! loopback port, prints that address as its public URL the way cloudflared prints its
//! own, and forwards every connection to `--to`. Knobs make it slow (`--delay-ms`), make it
//! answer in place of the counter (`--wrong-nonce`) or make it die (`--die-after-ms`, or a
//! plain kill).

use std::time::Duration;

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Parser)]
#[command(about = "A stand-in tunnel that forwards a loopback port to another")]
struct Args {
    /// Where to forward, e.g. 127.0.0.1:8787.
    #[arg(long)]
    to: String,
    /// Wait this long before forwarding each connection (a slow tunnel).
    #[arg(long, default_value_t = 0)]
    delay_ms: u64,
    /// Answer every request itself with a health answer that is not the counter's.
    #[arg(long)]
    wrong_nonce: bool,
    /// Exit with status 1 after this many milliseconds.
    #[arg(long)]
    die_after_ms: Option<u64>,
    /// Print the public URL with this scheme (a TLS-terminating tunnel prints `https`).
    #[arg(long, default_value = "http")]
    scheme: String,
    /// Write the names of the environment variables it was started with to this file.
    #[arg(long)]
    dump_env: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    eprintln!("INF Starting stand-in tunnel to {}", args.to);
    eprintln!("INF +----------------------------------+");
    if let Some(path) = &args.dump_env {
        let names: Vec<String> = std::env::vars_os().map(|(k, _)| k.to_string_lossy().into_owned()).collect();
        std::fs::write(path, names.join("\n"))?;
    }
    eprintln!("INF |  {}://{addr}  |", args.scheme);
    eprintln!("INF +----------------------------------+");
    if let Some(ms) = args.die_after_ms {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            eprintln!("ERR stand-in tunnel dying as asked");
            std::process::exit(1);
        });
    }
    loop {
        let (mut inbound, _) = listener.accept().await?;
        let (to, delay, wrong) = (args.to.clone(), Duration::from_millis(args.delay_ms), args.wrong_nonce);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if wrong {
                let mut buf = [0u8; 4096];
                let _ = inbound.read(&mut buf).await;
                let body = "counterpay ok somebody-else";
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = inbound.write_all(answer.as_bytes()).await;
                return;
            }
            if let Ok(mut outbound) = TcpStream::connect(&to).await {
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
    }
}
