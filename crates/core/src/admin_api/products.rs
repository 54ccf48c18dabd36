//! `/products/`: the catalog, cursor-paginated.

use super::models::{Page, Product};
use super::{ApiError, Client};

/// The products resource.
#[derive(Debug)]
pub struct Products<'a> {
    pub(super) client: &'a Client,
}

impl Products<'_> {
    /// One page: the first when `next` is `None`, else the page at the `next` link the
    /// previous page gave (only followed on the same store).
    pub async fn page(&self, next: Option<&str>) -> Result<Page<Product>, ApiError> {
        self.client.get(next.unwrap_or("products/")).await
    }
}
