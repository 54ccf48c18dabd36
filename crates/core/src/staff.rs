//! Staff, PINs and roles. With no staff set up the counter runs as one shared till (every
//! action is recorded as `counter`). Once a manager is added, every staff action needs a
//! signed-in member: cashiers sell, upsell and see today's history; managers also refund,
//! cancel, change settings, see reports and the audit log, and manage staff. The checks
//! live here, in the core, so a window that shows a button by mistake still cannot act.
//!
//! PINs are stored only as argon2id hashes: 4 to 8 digits for cashiers, at least 6 for
//! managers (their PIN also approves discounts). Wrong PINs count against the counter, not
//! against a person: after five, sign-in (and approval) waits 30 seconds, doubling with each
//! further miss (up to 15 minutes); a right PIN does not clear the count, only an hour
//! without a wrong one does, and the count survives a restart. A burst of wrong PINs goes
//! into the audit log and is shown to the next manager. A session ends after the idle time
//! set in Settings. PIN checks run off the async threads, so the window never waits on them.
//!
//! Every read and write of a sale by staff goes through [`Counter::guarded_sale`]: the role
//! the action needs, and a cashier only for the shop's today.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use crate::counter::{read, write, Counter};
use crate::db::staff::{self, Role, Staff};
use crate::db::{audit, settings as kv};
use crate::domain::words::{plain, text, Text};
use crate::error::{Error, Result};

const THROTTLE_KEY: &str = "pin_throttle";
/// Wrong PINs before sign-in starts waiting.
pub const FREE_ATTEMPTS: u32 = 5;
/// The wrong-PIN count is cleared after this long without a wrong PIN.
pub const QUIET_RESET_MS: i64 = 3600 * 1000;
/// Digits a manager's PIN has at least.
pub const MANAGER_PIN_DIGITS: usize = 6;
const FIRST_WAIT_MS: i64 = 30_000;
const MAX_WAIT_MS: i64 = 15 * 60_000;

/// Who is signed in.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// The member.
    pub staff: Staff,
    /// Last action (ms).
    pub last_active: i64,
    /// Signed in with a PIN shorter than the role needs.
    #[serde(default)]
    pub pin_too_short: bool,
}

/// Who is acting, for the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// No staff are set up: the shared till.
    Counter,
    /// A signed-in member.
    Staff(Staff),
}

impl Actor {
    /// The name written on sales, refunds and the audit log.
    pub fn name(&self) -> String {
        match self {
            Actor::Counter => "counter".into(),
            Actor::Staff(s) => s.name.clone(),
        }
    }

    /// The member, when one is signed in.
    pub fn staff(&self) -> Option<&Staff> {
        match self {
            Actor::Counter => None,
            Actor::Staff(s) => Some(s),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Throttle {
    failures: u32,
    until: i64,
    #[serde(default)]
    last_failure: i64,
    #[serde(default)]
    since: i64,
}

/// Wrong PINs typed at this counter lately, for managers.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct WrongPins {
    /// How many.
    pub count: u32,
    /// Since when (ms).
    pub since: i64,
    /// The last one (ms).
    pub last: i64,
}

/// Which sales a staff action touches, and so which role it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleAccess {
    /// Look at it (detail, refresh from the store, payment page).
    See,
    /// Sell on it (retry, cancel, upsells).
    Sell,
    /// Money back and decisions (refunds, cancels at the store, reviews): managers.
    Manage,
}

/// What the window shows about sign-in.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SignInState {
    /// Staff are set up, so a PIN is needed.
    pub required: bool,
    /// Who is signed in.
    pub current: Option<Staff>,
    /// Sign-in waits until then (ms), after too many wrong PINs.
    pub wait_until: Option<i64>,
    /// Minutes of no activity after which the counter locks.
    pub idle_lock_secs: u64,
    /// Wrong PINs lately, shown to a signed-in manager only.
    pub wrong_pins: Option<WrongPins>,
    /// The signed-in manager's PIN is shorter than a manager's must be: change it.
    pub pin_too_short: bool,
}

/// A new or changed staff member, as Settings sends it.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct StaffChange {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// A new PIN; `None` keeps the current one (required for a new member).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pin: Option<String>,
    /// Can sign in.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Invalid(text!("pin-hash-failed", reason = plain(e))))
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

fn check_pin_shape(pin: &str, role: Role) -> Result<()> {
    let least = if role == Role::Manager { MANAGER_PIN_DIGITS } else { 4 };
    if !(least..=8).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Invalid(match role {
            Role::Manager => text!("pin-shape-manager", least = MANAGER_PIN_DIGITS),
            Role::Cashier => text!("pin-shape"),
        }));
    }
    Ok(())
}

impl Counter {
    /// Whether staff must sign in (any active member exists).
    pub fn staff_required(&self) -> Result<bool> {
        Ok(staff::active_count(self.db())? > 0)
    }

    /// Sign-in state for the window.
    pub fn sign_in_state(&self) -> Result<SignInState> {
        let required = self.staff_required()?;
        let throttle = self.throttle()?;
        let session = if required { self.live_session() } else { None };
        let manager = session.as_ref().is_some_and(|s| s.staff.role == Role::Manager);
        let recent = throttle.failures > 0 && self.now_ms() - throttle.last_failure < QUIET_RESET_MS;
        Ok(SignInState {
            required,
            current: session.as_ref().map(|s| s.staff.clone()),
            wait_until: (throttle.until > self.now_ms()).then_some(throttle.until),
            idle_lock_secs: self.settings().idle_lock_secs,
            wrong_pins: (manager && recent).then_some(WrongPins {
                count: throttle.failures,
                since: throttle.since,
                last: throttle.last_failure,
            }),
            pin_too_short: session.is_some_and(|s| s.pin_too_short),
        })
    }

    fn throttle(&self) -> Result<Throttle> {
        Ok(kv::get(self.db(), THROTTLE_KEY)?.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }

    fn set_throttle(&self, t: Throttle) -> Result<()> {
        Ok(kv::put(self.db(), THROTTLE_KEY, &serde_json::to_string(&t).unwrap_or_default())?)
    }

    /// The session, unless it has been idle too long (then it is ended).
    fn live_session(&self) -> Option<Session> {
        let session = read(&self.inner.session)?;
        let idle_ms = self.settings().idle_lock_secs as i64 * 1000;
        if self.now_ms() - session.last_active > idle_ms {
            write(&self.inner.session, None);
            let _ = audit::record(self.db(), &session.staff.name, "staff.locked", Some(&session.staff.id), None, Some("idle"));
            return None;
        }
        Some(session)
    }

    /// Who may do a staff action needing `role`, touching the session.
    ///
    /// Fails with [`Error::Locked`] when staff are set up and nobody is signed in (or the
    /// session went idle), and [`Error::Forbidden`] when the member's role is too low.
    pub(crate) fn require(&self, role: Role, what: Text) -> Result<Actor> {
        if !self.staff_required()? {
            return Ok(Actor::Counter);
        }
        let Some(mut session) = self.live_session() else {
            return Err(Error::Locked(text!("sign-in-first")));
        };
        if session.staff.role < role {
            return Err(Error::Forbidden(text!("manager-only", what = what)));
        }
        session.last_active = self.now_ms();
        write(&self.inner.session, Some(session.clone()));
        Ok(Actor::Staff(session.staff))
    }

    /// The actor for records made on behalf of whoever is signed in, without a check
    /// (background work started by a staff action).
    pub(crate) fn current_actor(&self) -> Actor {
        match self.staff_required() {
            Ok(true) => read(&self.inner.session).map(|s| Actor::Staff(s.staff)).unwrap_or(Actor::Counter),
            _ => Actor::Counter,
        }
    }

    /// The active member whose PIN this is, checked through the counter's wrong-PIN
    /// throttle (a wrong PIN counts, a right one does not clear the count).
    ///
    /// Fails with [`Error::Locked`] on a wrong PIN or while the counter waits after too many.
    async fn member_by_pin(&self, pin: &str) -> Result<(Staff, bool)> {
        let now = self.now_ms();
        let t = self.throttle()?;
        if t.until > now {
            let secs = (t.until - now + 999) / 1000;
            return Err(Error::Locked(text!("pin-wait", seconds = secs)));
        }
        let candidates = staff::active_with_hashes(self.db())?;
        let typed = pin.to_string();
        // argon2 takes tens of milliseconds per member: off the async threads.
        let found = tokio::task::spawn_blocking(move || candidates.into_iter().find(|(_, hash)| pin_matches(&typed, hash)).map(|(s, _)| s))
            .await
            .map_err(|e| Error::Invalid(text!("pin-check-stopped", reason = plain(e))))?;
        match found {
            Some(s) => {
                let least = if s.role == Role::Manager { MANAGER_PIN_DIGITS } else { 4 };
                Ok((s, pin.len() < least))
            }
            None => {
                let now = self.now_ms();
                let mut t = self.throttle()?;
                if now - t.last_failure > QUIET_RESET_MS {
                    t = Throttle { since: now, ..Throttle::default() };
                }
                t.failures += 1;
                t.last_failure = now;
                t.until = if t.failures >= FREE_ATTEMPTS {
                    now + (FIRST_WAIT_MS << (t.failures - FREE_ATTEMPTS).min(10)).min(MAX_WAIT_MS)
                } else {
                    0
                };
                self.set_throttle(t)?;
                audit::record(self.db(), "unknown", "staff.pin_failed", None, None, Some(&t.failures.to_string()))?;
                if t.failures == FREE_ATTEMPTS {
                    let after = format!("{} wrong PINs since {}", t.failures, t.since);
                    audit::record(self.db(), "unknown", "staff.pin_burst", None, None, Some(&after))?;
                }
                Err(Error::Locked(if t.until > now {
                    text!("pin-wrong-wait", seconds = (t.until - now) / 1000)
                } else {
                    text!("pin-wrong")
                }))
            }
        }
    }

    /// Sign in with a PIN (switching from whoever was signed in).
    ///
    /// Fails with [`Error::Locked`] on a wrong PIN or while sign-in is waiting after too
    /// many wrong ones (the message says how long).
    pub async fn sign_in(&self, pin: &str) -> Result<Staff> {
        let (s, too_short) = self.member_by_pin(pin).await?;
        write(&self.inner.session, Some(Session { staff: s.clone(), last_active: self.now_ms(), pin_too_short: too_short }));
        audit::record(self.db(), &s.name, "staff.sign_in", Some(&s.id), None, Some(s.role.as_str()))?;
        Ok(s)
    }

    /// A manager's PIN typed at the counter to approve what a cashier may not do alone.
    ///
    /// Fails with [`Error::Locked`] on a wrong PIN (it counts against the counter like a
    /// sign-in) and [`Error::Forbidden`] when the PIN is not a manager's.
    pub(crate) async fn manager_approval(&self, pin: &str) -> Result<Staff> {
        let (s, _) = self.member_by_pin(pin).await?;
        if s.role != Role::Manager {
            return Err(Error::Forbidden(text!("pin-not-manager")));
        }
        Ok(s)
    }

    /// The one guarded path by which staff read or change a sale: the role `access` needs,
    /// and for a cashier only sales of the shop's today.
    ///
    /// Fails with [`Error::Locked`], [`Error::Forbidden`] or [`Error::NotFound`].
    pub fn guarded_sale(&self, id: &str, access: SaleAccess, what: Text) -> Result<(Actor, crate::db::sales::SaleRecord)> {
        let role = if access == SaleAccess::Manage { Role::Manager } else { Role::Cashier };
        let actor = self.require(role, what)?;
        let sale = crate::db::sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))?;
        if actor.staff().is_some_and(|s| s.role == Role::Cashier) && sale.created_at < self.day_bounds(self.today()).0 {
            return Err(Error::Forbidden(text!("manager-only-old-sales")));
        }
        Ok((actor, sale))
    }

    /// End the session (Switch user, or the window's idle timer).
    pub fn sign_out(&self) -> Result<()> {
        if let Some(s) = read(&self.inner.session) {
            write(&self.inner.session, None);
            audit::record(self.db(), &s.staff.name, "staff.sign_out", Some(&s.staff.id), None, None)?;
        }
        Ok(())
    }

    /// Everyone on the staff list (managers only, once staff exist).
    pub fn staff_list(&self) -> Result<Vec<Staff>> {
        self.require(Role::Manager, crate::text!("may-see-the-staff-list"))?;
        Ok(staff::list(self.db())?)
    }

    /// Add a member. The first one must be a manager, and is signed in at once.
    ///
    /// Fails on a bad name or PIN, a PIN another member uses, or a role too low.
    pub fn add_staff(&self, change: StaffChange) -> Result<Staff> {
        let first = !self.staff_required()?;
        let actor = self.require(Role::Manager, crate::text!("may-add-staff"))?;
        let name = change.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Error::Invalid(text!("staff-name-shape")));
        }
        if first && change.role != Role::Manager {
            return Err(Error::Invalid(text!("staff-first-manager")));
        }
        let pin = change.pin.ok_or_else(|| Error::Invalid(text!("staff-needs-pin")))?;
        check_pin_shape(&pin, change.role)?;
        self.pin_unused(&pin, None)?;
        let member = Staff {
            id: format!("st_{}", &crate::sale::random_token()[..16]),
            name,
            role: change.role,
            active: true,
            created_at: self.now_ms(),
        };
        staff::insert(self.db(), &member, &hash_pin(&pin)?)?;
        let after = serde_json::json!({ "name": member.name, "role": member.role }).to_string();
        audit::record(self.db(), &actor.name(), "staff.add", Some(&member.id), None, Some(&after))?;
        if first {
            write(&self.inner.session, Some(Session { staff: member.clone(), last_active: self.now_ms(), pin_too_short: false }));
        }
        Ok(member)
    }

    /// Change a member's name, role, PIN or activity (managers only). The last active
    /// manager cannot be removed or made a cashier.
    pub fn update_staff(&self, id: &str, change: StaffChange) -> Result<Staff> {
        let actor = self.require(Role::Manager, crate::text!("may-change-staff"))?;
        let before = staff::get(self.db(), id)?.ok_or(Error::NotFound("staff member"))?;
        let name = change.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Error::Invalid(text!("staff-name-shape")));
        }
        let after = Staff { name, role: change.role, active: change.active, ..before.clone() };
        let managers = staff::list(self.db())?.into_iter().filter(|s| s.active && s.role == Role::Manager && s.id != id).count();
        if before.active && before.role == Role::Manager && (after.role != Role::Manager || !after.active) && managers == 0 {
            return Err(Error::Conflict(text!("staff-last-manager")));
        }
        if after.role == Role::Manager && before.role != Role::Manager && change.pin.as_deref().is_none_or(str::is_empty) {
            return Err(Error::Invalid(text!("staff-manager-needs-pin", least = MANAGER_PIN_DIGITS)));
        }
        let hash = match change.pin.as_deref().filter(|p| !p.is_empty()) {
            Some(pin) => {
                check_pin_shape(pin, after.role)?;
                self.pin_unused(pin, Some(id))?;
                Some(hash_pin(pin)?)
            }
            None => None,
        };
        staff::update(self.db(), &after, hash.as_deref())?;
        let show = |s: &Staff| serde_json::json!({ "name": s.name, "role": s.role, "active": s.active }).to_string();
        let mut after_text = show(&after);
        if hash.is_some() {
            after_text = after_text.replacen('}', ",\"pin\":\"changed\"}", 1);
        }
        audit::record(self.db(), &actor.name(), "staff.update", Some(id), Some(&show(&before)), Some(&after_text))?;
        if !after.active {
            if let Some(s) = read(&self.inner.session).filter(|s| s.staff.id == id) {
                write(&self.inner.session, None);
                audit::record(self.db(), &s.staff.name, "staff.sign_out", Some(id), None, Some("removed"))?;
            }
        }
        Ok(after)
    }

    /// Two members with one PIN could not be told apart at sign-in.
    fn pin_unused(&self, pin: &str, except: Option<&str>) -> Result<()> {
        if staff::active_with_hashes(self.db())?.iter().any(|(s, h)| Some(s.id.as_str()) != except && pin_matches(pin, h)) {
            return Err(Error::Invalid(text!("staff-pin-taken")));
        }
        Ok(())
    }

    /// The audit log, newest first (managers only, once staff exist).
    pub fn audit_log(&self, filter: &audit::AuditFilter, limit: usize, offset: usize) -> Result<Vec<audit::AuditEntry>> {
        self.require(Role::Manager, crate::text!("may-read-the-audit-log"))?;
        let entries = audit::list(self.db(), filter, limit.clamp(1, 500), offset)?;
        Ok(entries
            .into_iter()
            .map(|e| audit::AuditEntry {
                before: crate::domain::words::show_opt(e.before.as_deref()),
                after: crate::domain::words::show_opt(e.after.as_deref()),
                ..e
            })
            .collect())
    }
}
