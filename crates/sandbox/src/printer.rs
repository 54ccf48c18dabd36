//! A stand-in for a network receipt printer (raw TCP, as on port 9100): it records every
//! byte it is sent, answers ESC/POS real-time status requests (`DLE EOT n`) as a printer in
//! the state the test sets would (ready, out of paper, cover open), or says nothing at all,
//! as many cheap printers do. [`StandInPrinter::off`] stops listening, like a printer that
//! is switched off.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the printer says when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    /// Online, paper in, cover closed.
    Ready,
    /// The paper roll is out (and the printer offline because of it).
    OutOfPaper,
    /// The cover is open (offline).
    CoverOpen,
    /// Answers no status request (prints what it gets).
    Silent,
}

#[derive(Default)]
struct Shared {
    jobs: Vec<Vec<u8>>,
    state: Option<PrinterState>,
}

/// A printer on loopback. Dropping it stops it.
pub struct StandInPrinter {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// The status byte a printer answers to `DLE EOT n` in `state` (bit 1 and bit 4 are always
/// set; the rest as Epson documents it).
fn status_byte(n: u8, state: PrinterState) -> Option<u8> {
    const BASE: u8 = 0b0001_0010;
    let offline = matches!(state, PrinterState::OutOfPaper | PrinterState::CoverOpen);
    Some(match (n, state) {
        (_, PrinterState::Silent) => return None,
        (1, _) => BASE | if offline { 0b0000_1000 } else { 0 },
        (2, PrinterState::CoverOpen) => BASE | 0b0000_0100,
        (2, PrinterState::OutOfPaper) => BASE | 0b0010_0000,
        (2, _) => BASE,
        (4, PrinterState::OutOfPaper) => BASE | 0b0110_1100,
        (4, _) => BASE,
        _ => BASE,
    })
}

impl StandInPrinter {
    /// Start one on a free loopback port, ready.
    pub async fn start() -> StandInPrinter {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let shared = Arc::new(Mutex::new(Shared { jobs: Vec::new(), state: Some(PrinterState::Ready) }));
        let s = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let mut job = Vec::new();
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = stream.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        let mut i = 0;
                        while i < n {
                            // A status request is answered at once and not part of the job.
                            if buf[i] == 0x10 && i + 2 < n && buf[i + 1] == 0x04 {
                                let state = s.lock().unwrap().state.unwrap_or(PrinterState::Ready);
                                if let Some(b) = status_byte(buf[i + 2], state) {
                                    let _ = stream.write_all(&[b]).await;
                                }
                                i += if i + 3 < n && buf[i + 3] == 0 { 4 } else { 3 };
                                continue;
                            }
                            job.push(buf[i]);
                            i += 1;
                        }
                    }
                    if !job.is_empty() {
                        s.lock().unwrap().jobs.push(job);
                    }
                });
            }
        });
        StandInPrinter { addr, shared, task: Some(task) }
    }

    /// `127.0.0.1:port`, as staff would enter it.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// What it answers from now on.
    pub fn set_state(&self, state: PrinterState) {
        self.shared.lock().unwrap().state = Some(state);
    }

    /// Every job printed so far (one connection's bytes, status requests left out).
    pub fn jobs(&self) -> Vec<Vec<u8>> {
        self.shared.lock().unwrap().jobs.clone()
    }

    /// Wait up to `secs` for at least `n` jobs.
    pub async fn wait_for_jobs(&self, n: usize, secs: u64) -> Vec<Vec<u8>> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let jobs = self.jobs();
            if jobs.len() >= n || std::time::Instant::now() > deadline {
                return jobs;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Switch it off: nothing listens at its address any more.
    pub fn off(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}

impl Drop for StandInPrinter {
    fn drop(&mut self) {
        self.off();
    }
}
