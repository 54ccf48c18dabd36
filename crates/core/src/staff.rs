//! Staff, PINs and roles. With no staff set up the counter runs as one shared till (every
//! action is recorded as `counter`). Once a manager is added, every staff action needs a
//! signed-in member: cashiers sell, upsell and see today's history; managers also refund,
//! cancel, change settings, see reports and the audit log, and manage staff. The checks
//! live here, in the core, so a window that shows a button by mistake still cannot act.
//!
//! PINs are 4 to 8 digits, stored only as argon2id hashes. Wrong PINs are throttled: after
//! five in a row, sign-in waits 30 seconds, doubling with each further miss (up to 15
//! minutes), and the count survives a restart. A session ends after the idle time set in
//! Settings.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use crate::counter::{read, write, Counter};
use crate::db::staff::{self, Role, Staff};
use crate::db::{audit, now_ms, settings as kv};
use crate::error::{Error, Result};

const THROTTLE_KEY: &str = "pin_throttle";
/// Wrong PINs in a row before sign-in starts waiting.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_WAIT_MS: i64 = 30_000;
const MAX_WAIT_MS: i64 = 15 * 60_000;

/// Who is signed in.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// The member.
    pub staff: Staff,
    /// Last action (ms).
    pub last_active: i64,
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
}

/// What the window shows about sign-in.
#[derive(Debug, Clone, Serialize)]
pub struct SignInState {
    /// Staff are set up, so a PIN is needed.
    pub required: bool,
    /// Who is signed in.
    pub current: Option<Staff>,
    /// Sign-in waits until then (ms), after too many wrong PINs.
    pub wait_until: Option<i64>,
    /// Minutes of no activity after which the counter locks.
    pub idle_lock_secs: u64,
}

/// A new or changed staff member, as Settings sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct StaffChange {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// A new PIN; `None` keeps the current one (required for a new member).
    #[serde(default)]
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
        .map_err(|e| Error::Invalid(format!("cannot hash the PIN: {e}")))
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

fn check_pin_shape(pin: &str) -> Result<()> {
    if !(4..=8).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Invalid("A PIN is 4 to 8 digits.".into()));
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
        Ok(SignInState {
            required,
            current: if required { self.live_session().map(|s| s.staff) } else { None },
            wait_until: (throttle.until > now_ms()).then_some(throttle.until),
            idle_lock_secs: self.settings().idle_lock_secs,
        })
    }

    fn throttle(&self) -> Result<Throttle> {
        Ok(kv::get(self.db(), THROTTLE_KEY)?.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }

    fn set_throttle(&self, t: Throttle) -> Result<()> {
        kv::put(self.db(), THROTTLE_KEY, &serde_json::to_string(&t).unwrap_or_default())
    }

    /// The session, unless it has been idle too long (then it is ended).
    fn live_session(&self) -> Option<Session> {
        let session = read(&self.inner.session)?;
        let idle_ms = self.settings().idle_lock_secs as i64 * 1000;
        if now_ms() - session.last_active > idle_ms {
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
    pub(crate) fn require(&self, role: Role, what: &str) -> Result<Actor> {
        if !self.staff_required()? {
            return Ok(Actor::Counter);
        }
        let Some(mut session) = self.live_session() else {
            return Err(Error::Locked("Sign in with your PIN.".into()));
        };
        if session.staff.role < role {
            return Err(Error::Forbidden(format!("Only a manager can {what}. Ask a manager to sign in.")));
        }
        session.last_active = now_ms();
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

    /// Sign in with a PIN (switching from whoever was signed in).
    ///
    /// Fails with [`Error::Locked`] on a wrong PIN or while sign-in is waiting after too
    /// many wrong ones (the message says how long).
    pub fn sign_in(&self, pin: &str) -> Result<Staff> {
        let now = now_ms();
        let t = self.throttle()?;
        if t.until > now {
            let secs = (t.until - now + 999) / 1000;
            return Err(Error::Locked(format!("Too many wrong PINs. Try again in {secs} s.")));
        }
        let found = staff::active_with_hashes(self.db())?.into_iter().find(|(_, hash)| pin_matches(pin, hash)).map(|(s, _)| s);
        match found {
            Some(s) => {
                self.set_throttle(Throttle::default())?;
                write(&self.inner.session, Some(Session { staff: s.clone(), last_active: now }));
                audit::record(self.db(), &s.name, "staff.sign_in", Some(&s.id), None, Some(s.role.as_str()))?;
                Ok(s)
            }
            None => {
                let failures = t.failures + 1;
                let until = if failures >= FREE_ATTEMPTS {
                    now + (FIRST_WAIT_MS << (failures - FREE_ATTEMPTS).min(10)).min(MAX_WAIT_MS)
                } else {
                    0
                };
                self.set_throttle(Throttle { failures, until })?;
                audit::record(self.db(), "unknown", "staff.pin_failed", None, None, Some(&failures.to_string()))?;
                Err(Error::Locked(if until > now {
                    format!("Wrong PIN. Too many wrong PINs: try again in {} s.", (until - now) / 1000)
                } else {
                    "Wrong PIN.".into()
                }))
            }
        }
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
        self.require(Role::Manager, "see the staff list")?;
        staff::list(self.db())
    }

    /// Add a member. The first one must be a manager, and is signed in at once.
    ///
    /// Fails on a bad name or PIN, a PIN another member uses, or a role too low.
    pub fn add_staff(&self, change: StaffChange) -> Result<Staff> {
        let first = !self.staff_required()?;
        let actor = self.require(Role::Manager, "add staff")?;
        let name = change.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Error::Invalid("A name is 1 to 40 characters.".into()));
        }
        if first && change.role != Role::Manager {
            return Err(Error::Invalid("The first staff member must be a manager, so someone can manage the others.".into()));
        }
        let pin = change.pin.ok_or_else(|| Error::Invalid("A new staff member needs a PIN.".into()))?;
        check_pin_shape(&pin)?;
        self.pin_unused(&pin, None)?;
        let member = Staff {
            id: format!("st_{}", &crate::checkout::random_token()[..16]),
            name,
            role: change.role,
            active: true,
            created_at: now_ms(),
        };
        staff::insert(self.db(), &member, &hash_pin(&pin)?)?;
        let after = serde_json::json!({ "name": member.name, "role": member.role }).to_string();
        audit::record(self.db(), &actor.name(), "staff.add", Some(&member.id), None, Some(&after))?;
        if first {
            write(&self.inner.session, Some(Session { staff: member.clone(), last_active: now_ms() }));
        }
        Ok(member)
    }

    /// Change a member's name, role, PIN or activity (managers only). The last active
    /// manager cannot be removed or made a cashier.
    pub fn update_staff(&self, id: &str, change: StaffChange) -> Result<Staff> {
        let actor = self.require(Role::Manager, "change staff")?;
        let before = staff::get(self.db(), id)?.ok_or(Error::NotFound("staff member"))?;
        let name = change.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Error::Invalid("A name is 1 to 40 characters.".into()));
        }
        let after = Staff { name, role: change.role, active: change.active, ..before.clone() };
        let managers = staff::list(self.db())?.into_iter().filter(|s| s.active && s.role == Role::Manager && s.id != id).count();
        if before.active && before.role == Role::Manager && (after.role != Role::Manager || !after.active) && managers == 0 {
            return Err(Error::Conflict("This is the last manager: add another manager first.".into()));
        }
        let hash = match change.pin.as_deref().filter(|p| !p.is_empty()) {
            Some(pin) => {
                check_pin_shape(pin)?;
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
            return Err(Error::Invalid("Another staff member has this PIN. Choose a different one.".into()));
        }
        Ok(())
    }

    /// The audit log, newest first (managers only, once staff exist).
    pub fn audit_log(&self, filter: &audit::AuditFilter, limit: usize, offset: usize) -> Result<Vec<audit::AuditEntry>> {
        self.require(Role::Manager, "read the audit log")?;
        audit::list(self.db(), filter, limit.clamp(1, 500), offset)
    }
}
