//! A window's sign-in: who is signed in, and the lock after an idle time. The desktop shell
//! keeps one; the core decides here so the rule is tested without a window.

use std::time::{Duration, Instant};

use super::users::Me;
use crate::context::Actor;
use crate::error::{Error, Result};

/// The sign-in state of one window.
#[derive(Debug, Default)]
pub struct Session {
    signed_in: Option<Signed>,
}

#[derive(Debug)]
struct Signed {
    actor: Actor,
    idle: Duration,
    last: Instant,
    locked: bool,
}

impl Session {
    /// Start a session for `me` at `now`.
    pub fn sign_in(&mut self, me: &Me, now: Instant) {
        self.signed_in = Some(Signed {
            actor: Actor::user(me.id, &me.login),
            idle: Duration::from_secs(me.idle_minutes.max(1) as u64 * 60),
            last: now,
            locked: false,
        });
    }

    /// End it.
    pub fn sign_out(&mut self) {
        self.signed_in = None;
    }

    /// Lock it now (the window asked: the person stepped away).
    pub fn lock(&mut self) {
        if let Some(s) = &mut self.signed_in {
            s.locked = true;
        }
    }

    /// The person is at the keyboard (typing in a form without saving yet).
    pub fn touch(&mut self, now: Instant) {
        if let Some(s) = &mut self.signed_in {
            if !s.locked {
                s.last = now;
            }
        }
    }

    /// Who a request made at `now` runs as: nobody when nobody signed in; an `unauthenticated`
    /// error once the idle time has passed (the window shows its lock screen and the request is
    /// repeated after the password).
    pub fn actor(&mut self, now: Instant) -> Result<Actor> {
        let Some(s) = &mut self.signed_in else {
            return Ok(Actor::nobody());
        };
        if !s.locked && now.duration_since(s.last) > s.idle {
            s.locked = true;
        }
        if s.locked {
            return Err(Error::Unauthenticated(format!(
                "La sesión de «{}» se bloqueó por inactividad: escriba su contraseña para continuar.",
                s.actor.login
            )));
        }
        s.last = now;
        Ok(s.actor.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(idle_minutes: i64) -> Me {
        Me {
            id: 7,
            login: "mgarcia".into(),
            name: "María García".into(),
            unit_id: None,
            unit_name: None,
            roles: vec![],
            permissions: vec![],
            unit_only: vec![],
            must_change: false,
            idle_minutes,
        }
    }

    #[test]
    fn a_session_locks_after_its_idle_time_and_not_before() {
        let t0 = Instant::now();
        let mut s = Session::default();
        assert_eq!(s.actor(t0).unwrap(), Actor::nobody());
        s.sign_in(&me(15), t0);
        let minute = Duration::from_secs(60);
        assert_eq!(s.actor(t0 + 14 * minute).unwrap().login, "mgarcia");
        // Each request restarts the count.
        assert!(s.actor(t0 + 28 * minute).is_ok());
        s.touch(t0 + 40 * minute);
        assert!(s.actor(t0 + 54 * minute).is_ok());
        let e = s.actor(t0 + 70 * minute).unwrap_err().to_api();
        assert_eq!(e.kind, "unauthenticated");
        assert!(e.message.contains("mgarcia"), "{}", e.message);
        // Touching a locked session does not unlock it.
        s.touch(t0 + 71 * minute);
        assert!(s.actor(t0 + 71 * minute).is_err());
        s.sign_in(&me(15), t0 + 72 * minute);
        assert!(s.actor(t0 + 72 * minute).is_ok());
        s.lock();
        assert!(s.actor(t0 + 72 * minute).is_err());
        s.sign_out();
        assert_eq!(s.actor(t0 + 73 * minute).unwrap(), Actor::nobody());
    }
}
