//! This computer's address on the local network, for the phone demo: a phone on the same
//! Wi-Fi reaches the demo store's payment page and the return endpoint there.

use std::net::{IpAddr, UdpSocket};

/// The address the system would use to reach other machines, if it has one that is not
/// loopback. Connecting a UDP socket sends nothing; it only asks the routing table.
pub fn address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    // A documentation address (TEST-NET-1): routed like any other, never answered.
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}
