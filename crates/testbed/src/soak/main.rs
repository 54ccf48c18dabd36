//! `counterpay-soak run`: at least 1,000 randomized sales against the demo store with faults
//! injected, the counter killed with SIGKILL and restarted at random points, then the
//! invariants checked. `counterpay-soak counter` is the counter it runs (and kills).

mod counter;
mod run;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Counterpay's soak test: never lose a sale")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the soak and check the invariants (exit status 1 on any violation).
    Run(run::Args),
    /// The counter under test (started by `run`).
    Counter(counter::Args),
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let result = match Cli::parse().command {
        Command::Run(args) => run::run(args).await,
        Command::Counter(args) => counter::run(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("soak: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
