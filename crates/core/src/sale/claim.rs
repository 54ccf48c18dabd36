//! What a customer's browser posts to a return URL: `response=<order JSON>`, or `{}` when
//! the payment failed. Parsed strictly and cheaply (only the number is read); it is a claim,
//! never proof ([`crate::claims`] checks it with the store).

use serde::Deserialize;
use serde_json::Value;

use crate::domain::OrderNumber;

/// What was posted to a return URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// `response={}`: the payment failed, no order exists.
    Failed,
    /// An order, as claimed by whoever posted it.
    Order {
        /// Its number.
        number: OrderNumber,
        /// The raw JSON posted.
        raw: String,
    },
}

/// Why a posted `response` is not a claim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    /// No `response` field.
    #[error("The form has no `response` field.")]
    MissingResponse,
    /// More than one `response` field.
    #[error("The form has more than one `response` field.")]
    DuplicateResponse,
    /// Not JSON, or not an object.
    #[error("The `response` field is not a JSON object.")]
    NotJson,
    /// An object without a usable order number.
    #[error("The order in `response` has no order number.")]
    NoNumber,
}

impl ClaimError {
    /// What the phone shows, in its language.
    pub fn words(&self) -> crate::domain::words::Text {
        match self {
            ClaimError::MissingResponse => crate::text!("refused-no-response"),
            ClaimError::DuplicateResponse => crate::text!("refused-two-responses"),
            ClaimError::NotJson => crate::text!("refused-not-json"),
            ClaimError::NoNumber => crate::text!("refused-no-number"),
        }
    }
}

impl Claim {
    /// Parse a form body (`application/x-www-form-urlencoded`).
    pub fn from_form(body: &[u8]) -> Result<Claim, ClaimError> {
        let mut response = None;
        for (k, v) in url::form_urlencoded::parse(body) {
            if k == "response" {
                if response.is_some() {
                    return Err(ClaimError::DuplicateResponse);
                }
                response = Some(v.into_owned());
            }
        }
        Claim::from_json(&response.ok_or(ClaimError::MissingResponse)?)
    }

    /// Parse the `response` value.
    pub fn from_json(text: &str) -> Result<Claim, ClaimError> {
        // Only the number matters: read it and skip the rest of the order without building it.
        let probe: Probe = serde_json::from_str(text).map_err(|_| ClaimError::NotJson)?;
        if probe.fields == 0 {
            return Ok(Claim::Failed);
        }
        let number = match probe.number {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(ClaimError::NoNumber),
        };
        if number.is_empty() || number.len() > 64 || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(ClaimError::NoNumber);
        }
        Ok(Claim::Order { number: OrderNumber(number), raw: text.to_string() })
    }
}

/// A posted order, as far as a claim needs it: a JSON object (nothing else is accepted), its
/// `number`, and how many fields it has.
struct Probe {
    number: Option<Value>,
    fields: usize,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Probe;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Probe, A::Error> {
                let mut probe = Probe { number: None, fields: 0 };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    probe.fields += 1;
                    if key == "number" {
                        probe.number = Some(map.next_value()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(probe)
            }
        }
        d.deserialize_map(Fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_parse_as_the_store_posts_them() {
        assert_eq!(Claim::from_form(b"response=%7B%7D").unwrap(), Claim::Failed);
        let c = Claim::from_form(b"response=%7B%22number%22%3A%2210001%22%7D").unwrap();
        assert!(matches!(c, Claim::Order { number, .. } if number.0 == "10001"));
        assert_eq!(Claim::from_form(b"other=1"), Err(ClaimError::MissingResponse));
        assert_eq!(Claim::from_form(b"response=%7B%7D&response=%7B%7D"), Err(ClaimError::DuplicateResponse));
        assert_eq!(Claim::from_form(b"response=not-json"), Err(ClaimError::NotJson));
        assert_eq!(Claim::from_form(b"response=%5B%5D"), Err(ClaimError::NotJson), "an array is not an order");
        assert_eq!(
            Claim::from_json(r#"{"number":"../../x"}"#),
            Err(ClaimError::NoNumber),
            "a path in the number must not reach the API URL"
        );
        assert_eq!(Claim::from_json(r#"{"total":"1.00"}"#), Err(ClaimError::NoNumber));
    }

    proptest::proptest! {
        #[test]
        fn any_form_body_parses_or_is_refused_without_panicking(body in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = Claim::from_form(&body);
        }

        #[test]
        fn any_response_text_parses_or_is_refused_without_panicking(text in "\\PC{0,512}") {
            let _ = Claim::from_json(&text);
        }

        #[test]
        fn an_order_number_survives_form_encoding(number in "[A-Za-z0-9_-]{1,64}", extra in "[a-z ]{0,40}") {
            let json = serde_json::json!({ "number": number, "note": extra }).to_string();
            let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &json).finish();
            match Claim::from_form(body.as_bytes()) {
                Ok(Claim::Order { number: parsed, raw }) => {
                    proptest::prop_assert_eq!(parsed.0, number);
                    proptest::prop_assert_eq!(raw, json);
                }
                other => proptest::prop_assert!(false, "expected an order claim, got {:?}", other),
            }
        }

        #[test]
        fn numbers_with_other_characters_are_refused(number in "[^A-Za-z0-9_-]{1,8}") {
            let json = serde_json::json!({ "number": number }).to_string();
            proptest::prop_assert!(Claim::from_json(&json).is_err(), "{} must not reach an API path", json);
        }
    }
}
