//! The delivery's signature: HMAC-SHA256 over the raw body or over the Python-style
//! re-serialisation the store's documentation verifies, base64 or hex, compared in constant time.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::WebhookSecret;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// Check `header` (base64 or hex, optionally `sha256=`-prefixed) against HMAC-SHA256 of the
/// raw body, then of its Python-style re-serialisation. Constant-time comparisons.
pub fn signature_matches(secret: &WebhookSecret, body: &[u8], header: &str) -> bool {
    let given = header.trim();
    let given = given.strip_prefix("sha256=").unwrap_or(given);
    let decoded: Vec<Vec<u8>> = [base64::engine::general_purpose::STANDARD.decode(given).ok(), hex::decode(given).ok()]
        .into_iter()
        .flatten()
        .filter(|d| d.len() == 32)
        .collect();
    if decoded.is_empty() {
        return false;
    }
    let matches = |want: &[u8]| decoded.iter().fold(subtle::Choice::from(0), |ok, got| ok | want.ct_eq(got.as_slice()));
    // The raw bytes first: nothing is parsed for a delivery signed that way.
    if bool::from(matches(&mac(secret.expose_bytes(), body))) {
        return true;
    }
    // Then the form the store's documentation signs (Python's `json.dumps`), bounded by
    // [`MAX_BODY`].
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => matches(&mac(secret.expose_bytes(), python_dumps(&value).as_bytes())).into(),
        Err(_) => false,
    }
}

/// `json.dumps(value)` as Python writes it: `", "` and `": "` separators, keys in their
/// original order, non-ASCII escaped as `\uXXXX`.
pub fn python_dumps(value: &Value) -> String {
    let mut out = String::new();
    write_py(value, &mut out);
    out
}

fn write_py(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.is_f64(), n.as_f64()) {
            (true, Some(f)) => out.push_str(&py_float(f)),
            _ => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_py_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_py(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_py_str(k, out);
                out.push_str(": ");
                write_py(v, out);
            }
            out.push('}');
        }
    }
}

/// `repr(float)` as Python writes it: the shortest digits that round-trip, positional for
/// decimal exponents in -4..16, else `d.ddde+XX`.
fn py_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.25e-5", "1e16", "0e0".
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exp: i32 = exp.parse().expect("a decimal exponent");
    let (sign, mantissa) = mantissa.strip_prefix('-').map(|m| ("-", m)).unwrap_or(("", mantissa));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{text}")
    } else {
        let frac = if digits.len() > 1 { format!(".{}", &digits[1..]) } else { String::new() };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{}{frac}e{esign}{:02}", &digits[..1], exp.abs())
    }
}

fn write_py_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";
    // Known answers computed with Python 3:
    //   body = '{"event_id":"e1","event_type":"order.created","data":{"number":"10001","note":"café"}}'
    //   raw = base64(hmac(SECRET, body)); py = base64(hmac(SECRET, json.dumps(json.loads(body))))
    const BODY: &str = r#"{"event_id":"e1","event_type":"order.created","data":{"number":"10001","note":"café"}}"#;
    const RAW_SIG: &str = "VynCEapwrYkd3HJgEDbPsBp9MkaYixxmTv5Nc+QtoXI=";
    const PY_SIG: &str = "GHKTom0X/WG4BFbNCVN+2ptCKDKb/bSnwSZo4cUbSdM=";

    #[test]
    fn python_dumps_matches_python() {
        let v: Value = serde_json::from_str(BODY).unwrap();
        assert_eq!(
            python_dumps(&v),
            r#"{"event_id": "e1", "event_type": "order.created", "data": {"number": "10001", "note": "caf\u00e9"}}"#
        );
        let emoji: Value = serde_json::json!({"a": "😀\n", "b": [1, 2.5, null, true]});
        assert_eq!(python_dumps(&emoji), r#"{"a": "\ud83d\ude00\n", "b": [1, 2.5, null, true]}"#);
    }

    #[test]
    fn floats_are_written_as_python_repr() {
        // Each pair is (value, Python's repr(value)).
        for (f, py) in [
            (1.1e34, "1.1e+34"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (2.5, "2.5"),
            (-0.5, "-0.5"),
            (10.0, "10.0"),
            (0.0, "0.0"),
            (123456.789, "123456.789"),
            (-1.5e-7, "-1.5e-07"),
        ] {
            assert_eq!(py_float(f), py, "repr({f})");
        }
    }

    #[test]
    fn signatures_over_raw_and_python_bodies_verify() {
        let secret = WebhookSecret::new(SECRET);
        assert!(signature_matches(&secret, BODY.as_bytes(), RAW_SIG), "HMAC over the raw body");
        assert!(signature_matches(&secret, BODY.as_bytes(), PY_SIG), "HMAC over Python's json.dumps");
        let hex_sig = hex::encode(base64::engine::general_purpose::STANDARD.decode(RAW_SIG).unwrap());
        assert!(signature_matches(&secret, BODY.as_bytes(), &format!("sha256={hex_sig}")), "hex with a prefix");
        assert!(!signature_matches(&secret, BODY.replace("10001", "10002").as_bytes(), RAW_SIG), "a changed body fails");
        assert!(!signature_matches(&WebhookSecret::new("other"), BODY.as_bytes(), RAW_SIG), "another secret fails");
        assert!(!signature_matches(&secret, BODY.as_bytes(), ""), "no signature fails");
        assert!(!signature_matches(&secret, BODY.as_bytes(), "AAAA"), "a short signature fails");
    }
}
