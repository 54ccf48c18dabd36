//! The counter's settings as Settings shows them, and saving them (the token to the OS
//! keyring, never to the database).

use serde::Serialize;

use super::{read, write, Counter, StoreStatus, SETTINGS_KEY, STORE_INFO_KEY};
use crate::admin_api::{base_url_for, StoreInfo};
use crate::config::Settings;
use crate::db::settings as kv;
use crate::domain::words::text;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::secret::{self, ApiToken};

/// Settings plus what the UI needs to show them honestly.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SettingsView {
    /// The stored settings (the environment not applied).
    pub stored: Settings,
    /// The settings in force.
    pub effective: Settings,
    /// Fields fixed by the environment.
    pub overridden: Vec<&'static str>,
    /// The store in use.
    pub store: StoreStatus,
    /// This counter's id (in every order's tags and metadata).
    pub counter_id: String,
    /// The return endpoint's public base URL in force.
    pub public_url: Option<String>,
    /// The address the return endpoint listens on, once started.
    pub listening_on: Option<String>,
    /// The database file.
    pub database: String,
    /// Why the store's webhooks cannot reach this counter, if they cannot (reconciliation
    /// then finds payments instead).
    pub webhook_note: Option<String>,
    /// Whether the store kept Counterpay's marks on the last paid order, when it did not.
    pub correlation_note: Option<String>,
    /// The languages Klarna's payment page speaks, `(code, name)`.
    pub payment_languages: Vec<(&'static str, &'static str)>,
}

impl Counter {
    /// Settings and status for the Settings view.
    ///
    /// Fails with [`Error::Locked`] while the counter is locked. A tunnel command (which may
    /// hold the tunnel service's token) is never shown.
    pub fn settings_view(&self) -> Result<SettingsView> {
        self.require(crate::db::staff::Role::Cashier, crate::text!("may-see-the-settings"))?;
        let hide = |mut s: Settings| {
            s.tunnel = s.tunnel.map(|t| t.redacted());
            s
        };
        let public = self.public_url();
        let webhook_note = match &public {
            Some(url) if !self.is_demo() && !url.starts_with("https://") => Some(text!("webhook-needs-https", url = url).for_staff()),
            _ => None,
        };
        Ok(SettingsView {
            webhook_note,
            correlation_note: self.correlation_note(),
            payment_languages: crate::config::PAYMENT_LANGUAGES.to_vec(),
            stored: hide(read(&self.inner.settings)),
            effective: hide(self.settings()),
            overridden: self.inner.env.overridden(),
            store: self.store_status(),
            counter_id: self.inner.counter_id.clone(),
            public_url: self.public_url(),
            listening_on: read(&self.inner.listening_on).map(|a| a.to_string()),
            database: self.inner.db.path().display().to_string(),
        })
    }

    /// Validate and save `settings`; with `token`, store it in the OS keyring for the
    /// configured store. Reconnects to the store. The listen address takes effect at the
    /// next start.
    ///
    /// Fails on an invalid field (nothing is saved) or when the keyring is unavailable.
    /// Registers the webhook for the new settings in the background.
    pub async fn save_settings(&self, mut settings: Settings, token: Option<String>) -> Result<SettingsView> {
        let actor = self.require(crate::db::staff::Role::Manager, crate::text!("may-change-settings"))?;
        let before = read(&self.inner.settings);
        // The window only ever saw the hidden form of a saved tunnel command: keep the command.
        if let Some(crate::tunnel::Tunnel::Command { command }) = &settings.tunnel {
            if command == crate::tunnel::HIDDEN_COMMAND {
                settings.tunnel = before.tunnel.clone().filter(|t| matches!(t, crate::tunnel::Tunnel::Command { .. }));
            }
        }
        settings.validate()?;
        let token_note = if token.as_deref().is_some_and(|t| !t.trim().is_empty()) { Some("API token replaced") } else { None };
        let effective = self.inner.env.apply(&settings);
        if let Some(token) = token.filter(|t| !t.trim().is_empty()) {
            let Some(store) = &effective.store else {
                return Err(Error::Invalid(text!("token-before-store")));
            };
            let url = base_url_for(store).map_err(|e| Error::Invalid(e.words()))?;
            secret::save_token(url.as_str(), &ApiToken::new(token)?)?;
        }
        let store_changed = before.store != settings.store;
        let show = |s: &Settings| {
            let mut s = s.clone();
            s.tunnel = s.tunnel.map(|t| t.redacted());
            serde_json::to_string(&s).unwrap_or_default()
        };
        if before != settings || token_note.is_some() {
            // Never the token itself: only that it changed.
            crate::db::audit::record(
                &self.inner.db,
                &actor.name(),
                "settings.save",
                token_note,
                Some(&show(&before)),
                Some(&show(&settings)),
            )?;
        }
        let tunnel_changed = self.settings().tunnel != effective.tunnel;
        kv::put(&self.inner.db, SETTINGS_KEY, &serde_json::to_string(&settings).unwrap_or_default())?;
        write(&self.inner.settings, settings);
        if store_changed {
            write(&self.inner.store_info, None);
            // Another store's products cannot be sold here: its own catalog is read instead.
            crate::db::catalog::clear(&self.inner.db)?;
        }
        write(&self.inner.location, None);
        if let Err(e) = self.connect() {
            tracing::warn!(error = %e, "store not connected after settings change");
        }
        let counter = self.clone();
        tokio::spawn(async move {
            if store_changed {
                if let Err(e) = counter.sync_catalog().await {
                    tracing::warn!(error = %e, "the new store's catalog not read yet");
                }
            }
            if tunnel_changed {
                // Its supervisor checks the new URL and registers the webhook once it is up.
                counter.apply_tunnel_settings().await;
            }
            counter.check_reachability().await;
            if let Err(e) = counter.ensure_metadata().await {
                tracing::warn!(error = %e, "order metadata keys not defined on the store; sales still match by their tag");
            }
            if let Err(e) = counter.ensure_webhook().await {
                tracing::warn!(error = %e, "webhook not registered; reconciliation still finds payments");
            }
        });
        self.settings_view()
    }

    /// `GET /store/`: checks the connection and caches the store's name and currencies.
    pub async fn test_connection(&self) -> Result<StoreInfo> {
        let info = self.client()?.store().await?;
        kv::put(&self.inner.db, STORE_INFO_KEY, &serde_json::to_string(&info).unwrap_or_default())?;
        write(&self.inner.store_info, Some(info.clone()));
        self.emit(Event::StoreConnected { info: info.clone() });
        Ok(info)
    }
}
