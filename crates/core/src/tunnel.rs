//! A tunnel Counterpay runs itself: cloudflared's quick tunnel, ngrok, or any command with a
//! `{port}` placeholder. The supervisor starts the program, reads the public URL it prints,
//! makes that the public URL for return links (and checks it, and registers the webhook at
//! it), restarts the program when it dies (with a growing pause), and stops it on exit.
//!
//! A quick tunnel gets a new URL on every start: links already handed out keep the old
//! one, so a customer paying on such a link lands on a dead page; the webhook and
//! reconciliation still record that payment.

use std::process::Stdio;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;
use tokio::sync::{mpsc, watch};

use crate::counter::{read, write, Counter};
use crate::domain::words::{plain, text, Text};
use crate::error::{Error, Result};
use crate::events::Event;

/// How long a started program has to print its URL.
pub const URL_WAIT: Duration = Duration::from_secs(30);
/// The longest pause between restarts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Which tunnel program to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tunnel {
    /// `cloudflared tunnel --url http://127.0.0.1:{port}` (a quick tunnel, no account).
    Cloudflared,
    /// `ngrok http {port}` (needs ngrok's own sign-in once).
    Ngrok,
    /// Any command; `{port}` becomes the return endpoint's port. It must print its public
    /// URL (the first `http(s)://` address in its output is taken).
    Command {
        /// The command line.
        command: String,
    },
}

/// What the window and the audit log see instead of a tunnel command (which may carry the
/// tunnel service's own token). Saving it back keeps the stored command.
pub const HIDDEN_COMMAND: &str = "(saved command hidden: type a new one to replace it)";

impl Tunnel {
    /// The tunnel as the window and the audit log may see it: a command is hidden.
    pub fn redacted(&self) -> Tunnel {
        match self {
            Tunnel::Command { .. } => Tunnel::Command { command: HIDDEN_COMMAND.into() },
            other => other.clone(),
        }
    }

    /// Fails when a command has no `{port}` or cannot be split into words.
    pub fn validate(&self) -> Result<()> {
        if let Tunnel::Command { command } = self {
            if !command.contains("{port}") {
                return Err(Error::Invalid(text!("tunnel-needs-port")));
            }
            shell_words::split(command).map_err(|e| Error::Invalid(text!("tunnel-unreadable", reason = plain(e))))?;
        }
        Ok(())
    }

    /// The program and its arguments for `port`.
    pub fn argv(&self, port: u16) -> Result<Vec<String>> {
        let port = port.to_string();
        Ok(match self {
            Tunnel::Cloudflared => {
                vec!["cloudflared".into(), "tunnel".into(), "--no-autoupdate".into(), "--url".into(), format!("http://127.0.0.1:{port}")]
            }
            Tunnel::Ngrok => ["ngrok", "http", "--log", "stdout", "--log-format", "logfmt", &port].map(String::from).to_vec(),
            Tunnel::Command { command } => shell_words::split(command)
                .map_err(|e| Error::Invalid(text!("tunnel-unreadable", reason = plain(e))))?
                .into_iter()
                .map(|w| w.replace("{port}", &port))
                .collect(),
        })
    }

    /// The program's name, for messages.
    pub fn program(&self) -> String {
        match self {
            Tunnel::Cloudflared => "cloudflared".into(),
            Tunnel::Ngrok => "ngrok".into(),
            Tunnel::Command { command } => shell_words::split(command).ok().and_then(|w| w.into_iter().next()).unwrap_or_default(),
        }
    }

    /// The public URL in a line the program printed, if there is one.
    pub fn url_in(&self, line: &str) -> Option<String> {
        let candidates = line.match_indices("http").map(|(i, _)| &line[i..]);
        for c in candidates {
            let end = c.find(|ch: char| ch.is_whitespace() || matches!(ch, '|' | '"' | '\'' | '<' | '>')).unwrap_or(c.len());
            let text = c[..end].trim_end_matches(['.', ',', ';', ')']);
            let Ok(url) = url::Url::parse(text) else { continue };
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                continue;
            }
            let host = url.host_str().unwrap_or("");
            let fits = match self {
                Tunnel::Cloudflared => url.scheme() == "https" && host.ends_with(".trycloudflare.com"),
                Tunnel::Ngrok => url.scheme() == "https" && line[..line.len() - c.len()].ends_with("url="),
                Tunnel::Command { .. } => true,
            };
            if fits {
                return Some(text.trim_end_matches('/').to_string());
            }
        }
        None
    }
}

/// What the managed tunnel is doing, for the counter view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TunnelState {
    /// No tunnel is managed by Counterpay.
    Off,
    /// The program was started; waiting for its URL.
    Starting {
        /// The program.
        program: String,
    },
    /// Up at `url`.
    Up {
        /// The program.
        program: String,
        /// Its public URL.
        url: String,
        /// Its process id.
        pid: u32,
        /// Since (ms).
        since: i64,
    },
    /// It stopped or failed; it is started again after a pause.
    Restarting {
        /// The program.
        program: String,
        /// What happened.
        reason: String,
        /// Seconds until the next start.
        retry_in_secs: u64,
    },
    /// It cannot run here (not installed); nothing more is tried until settings change.
    Failed {
        /// The program.
        program: String,
        /// Why, and what to do.
        reason: String,
    },
}

/// Why a run of the program ended.
enum Down {
    /// It died or printed no URL: start it again after a pause.
    Retry(Text),
    /// It cannot run here: do not try again until settings change.
    Fatal(Text),
}

/// The running supervisor: its stop switch and task.
pub(crate) struct Supervisor {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Counter {
    /// The managed tunnel's state.
    pub fn tunnel_state(&self) -> TunnelState {
        read(&self.inner.tunnel)
    }

    /// The managed tunnel's public URL while it is up.
    pub(crate) fn tunnel_url(&self) -> Option<String> {
        match self.tunnel_state() {
            TunnelState::Up { url, .. } => Some(url),
            _ => None,
        }
    }

    fn set_tunnel(&self, state: TunnelState) {
        write(&self.inner.tunnel, state.clone());
        self.emit(Event::Tunnel { tunnel: state });
    }

    /// Start (or restart) the tunnel the settings name, stopping any running one first.
    /// Needs the return endpoint to be listening. Does nothing when no tunnel is set.
    pub async fn apply_tunnel_settings(&self) {
        self.stop_tunnel().await;
        let (Some(tunnel), Some(addr)) = (self.settings().tunnel, self.listening_on()) else {
            return;
        };
        let (stop, stopped) = watch::channel(false);
        let counter = self.clone();
        let task = tokio::spawn(async move { counter.supervise(tunnel, addr.port(), stopped).await });
        *self.inner.tunnel_supervisor.lock().await = Some(Supervisor { stop, task });
    }

    /// Stop the managed tunnel (on exit, or before another starts) and wait for it.
    pub async fn stop_tunnel(&self) {
        if let Some(s) = self.inner.tunnel_supervisor.lock().await.take() {
            let _ = s.stop.send(true);
            let _ = s.task.await;
        }
        if self.tunnel_state() != TunnelState::Off {
            self.set_tunnel(TunnelState::Off);
        }
    }

    async fn supervise(&self, tunnel: Tunnel, port: u16, mut stopped: watch::Receiver<bool>) {
        let program = tunnel.program();
        let mut backoff = Duration::from_secs(1);
        loop {
            let reason = match self.run_tunnel_once(&tunnel, port, &mut stopped).await {
                Ok(()) => return, // stopped on purpose
                Err(Down::Retry(reason)) => reason,
                Err(Down::Fatal(reason)) => {
                    tracing::warn!(program, %reason, "tunnel cannot run");
                    self.set_tunnel(TunnelState::Failed { program, reason: reason.for_staff() });
                    self.after_public_url_change();
                    return;
                }
            };
            tracing::warn!(program, %reason, retry_in = backoff.as_secs(), "tunnel down; restarting");
            let reason = reason.for_staff();
            self.set_tunnel(TunnelState::Restarting { program: program.clone(), reason, retry_in_secs: backoff.as_secs() });
            self.after_public_url_change();
            tokio::select! {
                _ = tokio::time::sleep(backoff) => {}
                _ = until_stopped(&mut stopped) => return,
            }
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    /// Run the program until it dies (`Err`) or `stopped` (`Ok`).
    async fn run_tunnel_once(&self, tunnel: &Tunnel, port: u16, stopped: &mut watch::Receiver<bool>) -> std::result::Result<(), Down> {
        let program = tunnel.program();
        let argv = tunnel.argv(port).map_err(|e| Down::Fatal(e.words()))?;
        self.set_tunnel(TunnelState::Starting { program: program.clone() });
        // The tunnel program is not ours: it never sees the store's token or webhook secret.
        let mut child = match Command::new(&argv[0])
            .args(&argv[1..])
            .env_remove(crate::secret::TOKEN_ENV)
            .env_remove(crate::webhooks::SECRET_ENV)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Down::Fatal(text!("tunnel-not-installed", program = &program)))
            }
            Err(e) => return Err(Down::Fatal(text!("tunnel-cannot-start", program = &program, reason = plain(e)))),
        };
        let pid = child.id().unwrap_or(0);
        // Read both outputs for the whole run (a full pipe would block the program).
        let (lines_tx, mut lines) = mpsc::unbounded_channel::<String>();
        for out in [
            child.stdout.take().map(|o| Box::new(o) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
            child.stderr.take().map(|e| Box::new(e) as _),
        ]
        .into_iter()
        .flatten()
        {
            let tx = lines_tx.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(out).lines();
                while let Ok(Some(line)) = reader.next_line().await {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        drop(lines_tx);

        let deadline = tokio::time::Instant::now() + URL_WAIT;
        let url = loop {
            tokio::select! {
                line = lines.recv() => match line {
                    Some(line) => {
                        tracing::debug!(program, line, "tunnel output");
                        if let Some(url) = tunnel.url_in(&line) {
                            break url;
                        }
                    }
                    None => {
                        let status = child.wait().await.map(|s| s.to_string()).unwrap_or_default();
                        return Err(Down::Retry(text!("tunnel-exited-early", program = &program, status = status)));
                    }
                },
                _ = tokio::time::sleep_until(deadline) => {
                    let _ = child.kill().await;
                    return Err(Down::Retry(text!("tunnel-no-url", program = &program, seconds = URL_WAIT.as_secs())));
                }
                _ = until_stopped(stopped) => {
                    let _ = child.kill().await;
                    return Ok(());
                }
            }
        };
        tracing::info!(program, url, pid, "tunnel up");
        self.set_tunnel(TunnelState::Up { program: program.clone(), url, pid, since: self.now_ms() });
        self.after_public_url_change();
        tokio::spawn(async move { while lines.recv().await.is_some() {} });
        tokio::select! {
            status = child.wait() => {
                let status = status.map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
                Err(Down::Retry(text!("tunnel-stopped", program = &program, status = status)))
            }
            _ = until_stopped(stopped) => {
                let _ = child.kill().await;
                Ok(())
            }
        }
    }

    /// The public URL changed: check it and register the webhook there, in the background.
    fn after_public_url_change(&self) {
        let counter = self.clone();
        tokio::spawn(async move {
            counter.check_reachability().await;
            if let Err(e) = counter.ensure_webhook().await {
                tracing::warn!(error = %e, "webhook not registered at the new URL; reconciliation still finds payments");
            }
        });
    }
}

/// Resolves once the stop switch is on (or its sender is gone).
async fn until_stopped(stopped: &mut watch::Receiver<bool>) {
    let _ = stopped.wait_for(|s| *s).await.map(|_| ());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_the_way_each_program_prints_them() {
        let cf = Tunnel::Cloudflared;
        assert_eq!(
            cf.url_in("2026-11-26T08:00:00Z INF |  https://calm-river-1234.trycloudflare.com                                   |"),
            Some("https://calm-river-1234.trycloudflare.com".into())
        );
        assert_eq!(cf.url_in("INF Visit https://developers.cloudflare.com/ for docs"), None, "not the tunnel's URL");
        let ngrok = Tunnel::Ngrok;
        assert_eq!(
            ngrok.url_in(r#"t=2026-11-26T08:00:00 lvl=info msg="started tunnel" obj=tunnels name=command_line addr=http://localhost:8787 url=https://ab12.ngrok-free.app"#),
            Some("https://ab12.ngrok-free.app".into())
        );
        assert_eq!(ngrok.url_in("addr=http://localhost:8787"), None, "the local address is not the public one");
        let cmd = Tunnel::Command { command: "tunnel {port}".into() };
        assert_eq!(cmd.url_in("Forwarding: http://10.0.0.5:4040/."), Some("http://10.0.0.5:4040".into()));
        assert_eq!(cmd.url_in("no address here"), None);
    }

    #[test]
    fn commands_need_the_port_and_split_like_a_shell() {
        let t = Tunnel::Command { command: "my-tunnel --to 'http://127.0.0.1:{port}' --name \"front desk\"".into() };
        assert!(t.validate().is_ok());
        assert_eq!(t.argv(8787).unwrap(), vec!["my-tunnel", "--to", "http://127.0.0.1:8787", "--name", "front desk"]);
        assert!(Tunnel::Command { command: "my-tunnel".into() }.validate().is_err(), "no {{port}}");
        assert!(Tunnel::Command { command: "my-tunnel '{port}".into() }.validate().is_err(), "an open quote");
        assert_eq!(Tunnel::Cloudflared.argv(9000).unwrap().last().unwrap(), "http://127.0.0.1:9000");
    }
}
