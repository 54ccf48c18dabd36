//! Where receipts go: a thermal printer on the network (raw TCP, port 9100) or on USB (its
//! device file, `/dev/usb/lp0` on Linux). Before printing, a network printer is asked for its
//! real-time status (the `escpos` crate's requests and parser), so a printer out of paper or
//! with its cover open is named instead of swallowing the receipt. Every step has a deadline:
//! a printer that is off never holds anything up.

use std::path::PathBuf;
use std::time::Duration;

use escpos::utils::{RealTimeStatusRequest, RealTimeStatusResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::domain::words::{plain, text, Text};

/// How long a printer may take to accept a connection, answer a status request, or take
/// the receipt.
const CONNECT: Duration = Duration::from_secs(3);
const STATUS: Duration = Duration::from_millis(800);
const SEND: Duration = Duration::from_secs(10);

/// A printer's address, as staff enter it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `host[:port]` on the network (port 9100 when none is given).
    Network {
        /// Host name or IP address.
        host: String,
        /// TCP port.
        port: u16,
    },
    /// A USB printer's device file.
    Device(PathBuf),
}

impl Target {
    /// Read an address: a path (`/dev/usb/lp0`) or `host[:port]`.
    ///
    /// Fails with the reason in staff's words.
    pub fn parse(address: &str) -> Result<Target, Text> {
        let address = address.trim();
        if address.is_empty() {
            return Err(text!("printer-address-empty"));
        }
        if address.starts_with('/') {
            return Ok(Target::Device(PathBuf::from(address)));
        }
        let (host, port) = match address.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') || h.starts_with('[') => {
                (h.trim_matches(['[', ']']), p.parse::<u16>().map_err(|_| text!("printer-address-port", address = address))?)
            }
            _ => (address, 9100),
        };
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') || port == 0 {
            return Err(text!("printer-address-bad", address = address));
        }
        Ok(Target::Network { host: host.to_string(), port })
    }

    fn shown(&self) -> String {
        match self {
            Target::Network { host, port } => format!("{host}:{port}"),
            Target::Device(p) => p.display().to_string(),
        }
    }
}

/// Why a receipt did not print, in staff's words.
#[derive(Debug, Clone, PartialEq)]
pub enum PrintError {
    /// Nothing answers at the address (off, unplugged, wrong address).
    Unreachable(Text),
    /// The printer says its paper is out.
    OutOfPaper,
    /// The printer says its cover is open.
    CoverOpen,
    /// The printer says it is offline (an error, or waiting for a button).
    Offline,
    /// The connection broke while sending.
    Failed(Text),
}

impl PrintError {
    /// The sentence staff read.
    pub fn words(&self) -> Text {
        match self {
            PrintError::Unreachable(t) | PrintError::Failed(t) => t.clone(),
            PrintError::OutOfPaper => text!("printer-out-of-paper"),
            PrintError::CoverOpen => text!("printer-cover-open"),
            PrintError::Offline => text!("printer-offline"),
        }
    }
}

/// Send `bytes` to the printer at `target`: ask a network printer for its status first
/// (one that does not answer status requests prints anyway), then write everything.
pub async fn send(target: &Target, bytes: &[u8]) -> Result<(), PrintError> {
    match target {
        Target::Network { host, port } => {
            let at = target.shown();
            let mut stream = match tokio::time::timeout(CONNECT, tokio::net::TcpStream::connect((host.as_str(), *port))).await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => return Err(PrintError::Unreachable(text!("printer-unreachable", address = &at, reason = plain(e)))),
                Err(_) => return Err(PrintError::Unreachable(text!("printer-no-answer", address = &at))),
            };
            check_status(&mut stream).await?;
            let write = async {
                stream.write_all(bytes).await?;
                stream.flush().await?;
                stream.shutdown().await
            };
            match tokio::time::timeout(SEND, write).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(PrintError::Failed(text!("printer-send-failed", address = &at, reason = plain(e)))),
                Err(_) => Err(PrintError::Failed(text!("printer-send-slow", address = &at))),
            }
        }
        Target::Device(path) => {
            let at = target.shown();
            let mut options = tokio::fs::OpenOptions::new();
            options.write(true);
            let mut file = match tokio::time::timeout(CONNECT, options.open(path)).await {
                Ok(Ok(f)) => f,
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(PrintError::Unreachable(text!("printer-no-device", address = &at)))
                }
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    return Err(PrintError::Unreachable(text!("printer-device-denied", address = &at)))
                }
                Ok(Err(e)) => return Err(PrintError::Unreachable(text!("printer-unreachable", address = &at, reason = plain(e)))),
                Err(_) => return Err(PrintError::Unreachable(text!("printer-no-answer", address = &at))),
            };
            let write = async {
                file.write_all(bytes).await?;
                file.flush().await
            };
            match tokio::time::timeout(SEND, write).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(PrintError::Failed(text!("printer-send-failed", address = &at, reason = plain(e)))),
                Err(_) => Err(PrintError::Failed(text!("printer-send-slow", address = &at))),
            }
        }
    }
}

/// The bytes of one real-time status request, as the `escpos` crate writes it.
fn request_bytes(request: RealTimeStatusRequest) -> Vec<u8> {
    #[derive(Clone, Default)]
    struct Bytes(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl escpos::driver::Driver for Bytes {
        fn name(&self) -> String {
            "status".into()
        }
        fn write(&self, data: &[u8]) -> escpos::errors::Result<()> {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(data);
            Ok(())
        }
        fn read(&self, _: &mut [u8]) -> escpos::errors::Result<usize> {
            Ok(0)
        }
        fn flush(&self) -> escpos::errors::Result<()> {
            Ok(())
        }
    }
    let bytes = Bytes::default();
    let mut p = escpos::printer::Printer::new(bytes.clone(), escpos::utils::Protocol::default(), None);
    let _ = p.real_time_status(request).and_then(|p| p.send_status());
    let out = bytes.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    out
}

/// Ask for one status; `None` when the printer does not answer (many do not) or answers
/// something that is not a status byte.
async fn ask(
    stream: &mut tokio::net::TcpStream,
    request: RealTimeStatusRequest,
) -> Option<std::collections::HashMap<RealTimeStatusResponse, bool>> {
    stream.write_all(&request_bytes(request)).await.ok()?;
    let mut byte = [0u8; 1];
    match tokio::time::timeout(STATUS, stream.read(&mut byte)).await {
        Ok(Ok(1)) => RealTimeStatusResponse::parse(request, byte[0]).ok(),
        _ => None,
    }
}

async fn check_status(stream: &mut tokio::net::TcpStream) -> Result<(), PrintError> {
    let Some(paper) = ask(stream, RealTimeStatusRequest::RollPaperSensor).await else {
        return Ok(()); // No status from this printer: print and hope, as every POS does.
    };
    if paper.get(&RealTimeStatusResponse::RollPaperEndSensorPaperPresent) == Some(&false) {
        return Err(PrintError::OutOfPaper);
    }
    if let Some(printer) = ask(stream, RealTimeStatusRequest::Printer).await {
        if printer.get(&RealTimeStatusResponse::Online) == Some(&false) {
            let cause = ask(stream, RealTimeStatusRequest::OfflineCause).await;
            return Err(match cause {
                Some(c) if c.get(&RealTimeStatusResponse::CoverClosed) == Some(&false) => PrintError::CoverOpen,
                Some(c) if c.get(&RealTimeStatusResponse::PrintingStopsDueToPaperEnd) == Some(&true) => PrintError::OutOfPaper,
                _ => PrintError::Offline,
            });
        }
    }
    Ok(())
}

/// USB printers this computer has (`/dev/usb/lp*`), for Settings to offer.
pub fn usb_printers() -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir("/dev/usb")
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("lp")))
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_staff_write_them() {
        assert_eq!(Target::parse("192.168.1.50").unwrap(), Target::Network { host: "192.168.1.50".into(), port: 9100 });
        assert_eq!(Target::parse(" printer.local:9101 ").unwrap(), Target::Network { host: "printer.local".into(), port: 9101 });
        assert_eq!(Target::parse("[::1]:9100").unwrap(), Target::Network { host: "::1".into(), port: 9100 });
        assert_eq!(Target::parse("/dev/usb/lp0").unwrap(), Target::Device("/dev/usb/lp0".into()));
        for bad in ["", "host:port", "host:0", "a b:9100", "host:99999"] {
            assert!(Target::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_status_request_is_the_real_time_status_command() {
        assert_eq!(&request_bytes(RealTimeStatusRequest::RollPaperSensor)[..3], &[0x10, 0x04, 4]);
    }
}
