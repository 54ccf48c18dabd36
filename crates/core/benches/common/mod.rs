#![allow(dead_code)] // each benchmark uses some of these

//! What every benchmark shares: a result row, percentiles, the machine's description, and
//! writing a table into BENCHMARKS.md between `<!-- name:start -->` and `<!-- name:end -->`.

use std::time::Duration;

/// One figure of a table.
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// The target.
    pub target: String,
    /// What was measured, in words and numbers.
    pub measured: String,
    /// Whether the target was met.
    pub pass: bool,
}

impl Row {
    /// A timing figure from sorted samples: "p50 …, p95 …", passing when the p95 is under
    /// `limit` (always, for a figure only reported).
    pub fn timed(figure: String, target: &str, sorted: &[Duration], limit: Option<Duration>) -> Row {
        let p95 = percentile(sorted, 0.95);
        Row {
            figure,
            target: target.into(),
            measured: format!("p50 {}, p95 {}", ms(percentile(sorted, 0.5)), ms(p95)),
            pass: limit.is_none_or(|l| p95 < l),
        }
    }
}

/// The `p` quantile of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// "1.23 ms".
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Cores and CPU model.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    format!("{cores} cores, {cpu}; release build; loopback")
}

/// Replace section `name` of BENCHMARKS.md with a table of `rows` under `title`.
pub fn write_section(name: &str, title: &str, rows: &[Row]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../BENCHMARKS.md");
    let (start, end) = (format!("<!-- {name}:start -->"), format!("<!-- {name}:end -->"));
    let mut table = format!(
        "{start}\n### {title}\n\nMeasured on {} by `make bench` ({}).\n\n| figure | target | measured | result |\n| --- | --- | --- | --- |\n",
        machine(),
        chrono::Utc::now().format("%Y-%m-%d")
    );
    for r in rows {
        table.push_str(&format!("| {} | {} | {} | {} |\n", r.figure, r.target, r.measured, if r.pass { "pass" } else { "FAIL" }));
    }
    table.push_str(&end);
    let current = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let updated = match (current.find(&start), current.find(&end)) {
        (Some(a), Some(b)) => format!("{}{}{}", &current[..a], table, &current[b + end.len()..]),
        _ => format!("{}\n{table}\n", current.trim_end()),
    };
    std::fs::write(&path, updated).expect("write BENCHMARKS.md");
    println!("wrote {}", path.display());
}
