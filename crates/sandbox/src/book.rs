//! The store's orders, each kept as compact JSON text with its tags beside it.
//!
//! A `serde_json::Value` order takes tens of kilobytes (a map node and a string per field);
//! its text takes a few. The app runs the demo store in its own process for a whole day of
//! sales, so the store keeps text and parses an order when a request reads it.

use std::collections::BTreeMap;

use serde_json::Value;

#[derive(Debug, Default)]
pub(crate) struct OrderBook {
    orders: BTreeMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    tags: Box<[Box<str>]>,
    json: Box<str>,
}

impl OrderBook {
    /// The order with this number, parsed.
    pub(crate) fn get(&self, number: &str) -> Option<Value> {
        self.orders.get(number).map(|e| serde_json::from_str(&e.json).expect("the book holds JSON it wrote"))
    }

    /// Store `order` under `number`, replacing any order there.
    pub(crate) fn insert(&mut self, number: String, order: &Value) {
        let tags = order["tags"].as_array().into_iter().flatten().filter_map(Value::as_str).map(Box::from).collect();
        self.orders.insert(number, Entry { tags, json: order.to_string().into_boxed_str() });
    }

    /// Every order, oldest first.
    pub(crate) fn all(&self) -> Vec<Value> {
        self.orders.keys().filter_map(|n| self.get(n)).collect()
    }

    /// Numbers of the orders carrying `tag` (every order for `None`), newest first.
    pub(crate) fn numbers_tagged(&self, tag: Option<&str>) -> Vec<&str> {
        self.orders.iter().rev().filter(|(_, e)| tag.is_none_or(|t| e.tags.iter().any(|x| &**x == t))).map(|(n, _)| n.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn orders_come_back_as_stored_and_are_found_by_tag_newest_first() {
        let mut book = OrderBook::default();
        book.insert("10001".into(), &json!({ "number": "10001", "tags": ["counterpay:a"], "total_incl_tax": "12.00" }));
        book.insert("10002".into(), &json!({ "number": "10002", "tags": ["counterpay:b"] }));
        book.insert("10003".into(), &json!({ "number": "10003", "tags": ["counterpay:a", "x"] }));
        assert_eq!(book.get("10001").unwrap()["total_incl_tax"], "12.00");
        assert_eq!(book.get("10009"), None);
        assert_eq!(book.numbers_tagged(Some("counterpay:a")), ["10003", "10001"]);
        assert_eq!(book.numbers_tagged(None), ["10003", "10002", "10001"]);

        // Replacing an order replaces its tags too.
        book.insert("10003".into(), &json!({ "number": "10003", "tags": [] }));
        assert_eq!(book.numbers_tagged(Some("counterpay:a")), ["10001"]);
        assert_eq!(book.all().len(), 3);
    }
}
