//! The short soak in `make test`: the same run as `make soak`, fewer sales and kills.

use std::process::Command;

#[test]
fn a_short_soak_loses_no_sale_and_charges_nothing_twice() {
    let out = Command::new(env!("CARGO_BIN_EXE_counterpay-soak"))
        .args(["run", "--sales", "150", "--kills", "5", "--max-minutes", "10", "--seed", "7"])
        .output()
        .expect("the soak runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "the soak failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("All invariants hold."), "no verdict in:\n{stdout}");
    let kills: usize = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("kills (SIGKILL)"))
        .and_then(|rest| rest.trim().split(';').next())
        .and_then(|n| n.trim().parse().ok())
        .expect("the kill count is printed");
    assert!(kills >= 5, "the counter must have been killed at least 5 times, was {kills}");
}
