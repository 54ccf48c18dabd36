//! Correlation that survives the real store. An unmerged guide of the store says metadata
//! keys must be defined (`POST /metadata/`) before orders keep them, so Counterpay defines
//! the keys it writes, tags every order with its sale id as well (`counterpay-sale:<id>`),
//! and checks on each paid order that the store kept its marks, telling staff in Settings
//! when it did not (sales still pay by the tag; without either they go to review).

use crate::admin_api::fulfillment::CreateDefinition;
use crate::admin_api::models::Order;
use crate::counter::Counter;
use crate::db::settings as kv;
use crate::domain::words::{plain, text};
use crate::error::Result;

/// The order metadata keys Counterpay writes, with their names in the store's dashboard.
pub const KEYS: [(&str, &str); 3] =
    [("counterpay_sale", "Counterpay sale"), ("counterpay_counter", "Counterpay counter"), ("counterpay_staff", "Counterpay staff")];
const WARNING_KEY: &str = "correlation_warning";

impl Counter {
    /// Define Counterpay's order metadata keys on the store where they are missing. Returns
    /// how many it defined.
    ///
    /// Fails when the store cannot be read or refuses a definition.
    pub async fn ensure_metadata(&self) -> Result<usize> {
        let client = self.client()?;
        let defined = client.metadata_definitions().await?;
        let mut made = 0;
        for (key, name) in KEYS {
            if defined.iter().any(|d| d.key == key && d.object == "order") {
                continue;
            }
            client
                .define_metadata(&CreateDefinition { key: key.into(), name: name.into(), object: "order".into(), kind: "text".into() })
                .await?;
            made += 1;
        }
        if made > 0 {
            tracing::info!(made, "order metadata keys defined on the store");
        }
        Ok(made)
    }

    /// Whether the store kept Counterpay's marks on a paid order; remembered for Settings.
    pub(crate) fn check_correlation(&self, order: &Order) {
        let metadata = order.metadata.get("counterpay_sale").and_then(|v| v.as_str()).is_some();
        let tag = order.tag_texts().any(|t| t.starts_with(crate::claims::SALE_TAG_PREFIX));
        let warning = match (metadata, tag) {
            (true, true) => None,
            (false, true) => Some(text!("marks-no-metadata", number = plain(&order.number))),
            (true, false) => Some(text!("marks-no-tags", number = plain(&order.number))),
            (false, false) => Some(text!("marks-none", number = plain(&order.number))),
        };
        let result = match &warning {
            Some(w) => {
                tracing::warn!(order = %order.number, "{w}");
                kv::put(self.db(), WARNING_KEY, &w.to_stored())
            }
            None => kv::delete(self.db(), WARNING_KEY),
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "cannot remember the correlation check");
        }
    }

    /// What the last paid order showed about the store keeping Counterpay's marks, when it
    /// did not.
    pub fn correlation_note(&self) -> Option<String> {
        kv::get(self.db(), WARNING_KEY).ok().flatten().map(|w| crate::domain::words::show(&w))
    }
}
