//! The TypeScript the window is built against (`ui/src/generated/types.ts`), generated from
//! the Rust types with ts-rs: commands' inputs and answers, and every event. A test fails
//! when the file in the repository is not what the Rust types give (`make bindings` writes
//! it again), so the window cannot drift from the core.

use ts_rs::{Config, TS};

/// Where the generated file lives, from the workspace root.
pub const PATH: &str = "ui/src/generated/types.ts";

macro_rules! declarations {
    ($cfg:expr, $($t:ty),+ $(,)?) => {{
        let mut out = Vec::new();
        $( out.push(format!("export {}", <$t as TS>::decl($cfg))); )+
        out
    }};
}

/// The whole file.
pub fn typescript() -> String {
    // Integers are ids, counts and millisecond times, all well within 2^53: plain numbers.
    let cfg = Config::new().with_large_int("number");
    let decls = declarations!(
        &cfg,
        crate::sale::SaleView,
        crate::sale::LineView,
        crate::sale::BasketLine,
        crate::domain::SaleState,
        crate::domain::catalog::SubscriptionChoice,
        crate::domain::catalog::SubscriptionPlan,
        crate::domain::remote::Phase,
        crate::domain::refund::RefundLineRequest,
        crate::closing::ClosingView,
        crate::db::closing::Step,
        crate::db::closing::StepKind,
        crate::db::sales::TimelineEntry,
        crate::db::sales::Filter,
        crate::db::upsells::Upsell,
        crate::db::upsells::UpsellState,
        crate::db::refunds::RefundRecord,
        crate::db::refunds::RefundKind,
        crate::db::claims::ClaimStatus,
        crate::db::staff::Staff,
        crate::db::staff::Role,
        crate::db::audit::AuditEntry,
        crate::db::audit::AuditFilter,
        crate::claims::ClaimView,
        crate::upsell::UpsellOffers,
        crate::admin_api::fulfillment::Location,
        crate::admin_api::models::RefundCalculation,
        crate::admin_api::models::CalculatedRefundLine,
        crate::admin_api::models::CalculatedRefundTransaction,
        crate::admin_api::StoreInfo,
        crate::staff::StaffChange,
        crate::staff::WrongPins,
        crate::staff::SignInState,
        crate::report::Report,
        crate::receipt::ReceiptPreview,
        crate::report::Totals,
        crate::report::HourRow,
        crate::report::ProductRow,
        crate::report::StaffRow,
        crate::report::Sessions,
        crate::back_office::ImportReport,
        crate::catalog::CatalogResults,
        crate::catalog::ProductCard,
        crate::catalog::VariantCard,
        crate::counter::StoreStatus,
        crate::counter::SetupView,
        crate::counter::SetupStep,
        crate::counter::TestChoice,
        crate::counter::SettingsView,
        crate::counter::OpenWork,
        crate::secret::TokenSource,
        crate::reachability::Reachability,
        crate::tunnel::Tunnel,
        crate::tunnel::TunnelState,
        crate::startup::StartupFailure,
        crate::config::Settings,
        crate::events::Event,
        crate::error::PublicError,
        crate::error::ErrorCode,
        crate::window::AppStatus,
        crate::window::Screen,
        crate::window::Licence,
        crate::window::DisplayState,
        crate::window::DisplayLine,
        crate::window::DisplaySale,
    );
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (crates/core/src/bindings.rs). Do not edit:\n\
         // a test fails when this file is not what the Rust types give.\n\n\
         // The store's own order, as the Admin API contract describes it (the core passes it through).\n\
         import type { StoreOrder } from \"../store-order\";\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn the_windows_typescript_is_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(super::PATH);
        let generated = super::typescript();
        if std::env::var_os("COUNTERPAY_WRITE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(on_disk == generated, "{} is stale: run `make bindings` and commit it", super::PATH);
    }
}
