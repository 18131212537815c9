//! Browser storage, reduced to what the console keeps: string values by key in local storage (this browser)
//! or session storage (this tab, gone when it closes). Storage can be unavailable (privacy modes); then
//! reads find nothing and writes are dropped, and the console still works for the session.

use web_sys::Storage;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Kept on this browser until removed.
    Browser,
    /// Kept for this tab only.
    Tab,
}

fn storage(scope: Scope) -> Option<Storage> {
    let window = web_sys::window()?;
    match scope {
        Scope::Browser => window.local_storage().ok().flatten(),
        Scope::Tab => window.session_storage().ok().flatten(),
    }
}

pub fn get(scope: Scope, key: &str) -> Option<String> {
    storage(scope)?.get_item(key).ok().flatten()
}

pub fn set(scope: Scope, key: &str, value: &str) {
    if let Some(s) = storage(scope) {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(scope: Scope, key: &str) {
    if let Some(s) = storage(scope) {
        let _ = s.remove_item(key);
    }
}
