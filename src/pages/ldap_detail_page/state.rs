//! What the LDAP editor holds: the connection as last read, the text of each field (one signal per field,
//! so typing in one touches only its input), the change set, and where a save stands. The transitions of a
//! save live here, so the components only show the state and forward clicks.

use crate::erased::memo;
use console_api::ldap_form::{changed_elsewhere, changes, rebase, Change, LdapField, LdapValues};
use console_api::{ApiError, LdapConnection};
use leptos::prelude::*;

/// The form's text, one signal per field.
#[derive(Clone, Copy)]
pub(super) struct FieldSignals([RwSignal<String>; LdapField::COUNT]);

impl FieldSignals {
    fn new(values: &LdapValues) -> Self {
        Self(LdapField::ALL.map(|f| RwSignal::new(values.get(f).to_string())))
    }

    pub fn signal(self, field: LdapField) -> RwSignal<String> {
        self.0[field.index()]
    }

    /// Every field's text, tracked.
    fn get(self) -> LdapValues {
        LdapField::ALL
            .into_iter()
            .fold(LdapValues::default(), |v, f| {
                v.with(f, self.signal(f).get())
            })
    }

    fn get_untracked(self) -> LdapValues {
        untrack(|| self.get())
    }

    /// Replaces the text. A field that already holds its new text is not set, so an input the admin is
    /// typing in is not rewritten under the caret.
    fn set(self, values: &LdapValues) {
        for field in LdapField::ALL {
            let signal = self.signal(field);
            if signal
                .try_with_untracked(|t| t != values.get(field))
                .unwrap_or(false)
            {
                signal.try_set(values.get(field).to_string());
            }
        }
    }
}

/// Where the save stands. Requests in flight are the actions' `pending()`, not steps.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum SaveStep {
    Editing,
    /// The change, waiting for the admin's confirmation.
    Review(Vec<Change>),
    /// Someone else changed the connection since it was loaded: their changes, and the connection now.
    Conflict(Vec<Change>, Box<LdapConnection>),
}

/// The editor's state: signals only, so it is `Copy` and every component takes it whole.
#[derive(Clone, Copy)]
pub(super) struct EditorState {
    /// The connection as the server last answered; the change set is against it.
    pub loaded: RwSignal<LdapConnection>,
    pub values: FieldSignals,
    /// The fields that differ from `loaded`, in form order.
    pub pending: Memo<Vec<Change>>,
    pub dirty: Memo<bool>,
    pub step: RwSignal<SaveStep>,
    /// The last request's failure: shown in a panel, and beside a field the server named.
    pub error: RwSignal<Option<ApiError>>,
    pub saved: RwSignal<bool>,
    /// A save was refused because a field fails its check.
    pub blocked: RwSignal<bool>,
    pub enabled: RwSignal<bool>,
}

impl EditorState {
    pub fn new(connection: &LdapConnection) -> Self {
        let loaded = RwSignal::new(connection.clone());
        let values = FieldSignals::new(&LdapValues::from_connection(connection));
        let pending = memo(move || {
            let edited = values.get();
            loaded.with(|l| changes(l, &edited))
        });
        Self {
            loaded,
            values,
            pending,
            dirty: memo(move || !pending.with(Vec::is_empty)),
            step: RwSignal::new(SaveStep::Editing),
            error: RwSignal::new(None),
            saved: RwSignal::new(false),
            blocked: RwSignal::new(false),
            enabled: RwSignal::new(connection.enabled),
        }
    }

    /// The server's message for one field, from a 400 answer.
    pub fn server_error(self, field: LdapField) -> Option<String> {
        self.error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_error(field.api_name()))
                .map(str::to_string)
        })
    }

    /// Starts again from `connection`: the form shows its values and changes are counted against it.
    fn start_from(self, connection: LdapConnection) {
        self.values.set(&LdapValues::from_connection(&connection));
        self.enabled.try_set(connection.enabled);
        self.loaded.try_set(connection);
    }

    /// Whether a save may start: something changed and every field passes its check. Says why not.
    pub fn ready_to_save(self) -> bool {
        self.saved.set(false);
        self.error.set(None);
        let has_errors = self.values.get_untracked().has_errors();
        self.blocked.set(has_errors);
        !has_errors && self.dirty.get_untracked()
    }

    /// Whether the editor is still on screen: an answer may arrive after the admin has left the page.
    fn alive(self) -> bool {
        self.loaded.try_with_untracked(|_| ()).is_some()
    }

    /// The connection as read again before a save: review the change, or show what someone else changed.
    pub fn checked(self, result: Result<LdapConnection, ApiError>) {
        if !self.alive() {
            return;
        }
        let current = match result {
            Ok(current) => current,
            Err(e) => {
                self.error.try_set(Some(e));
                return;
            }
        };
        let before = self.loaded.get_untracked();
        if current.modified_at == before.modified_at {
            self.step
                .try_set(SaveStep::Review(self.pending.get_untracked()));
        } else if changes(&current, &self.values.get_untracked()).is_empty() {
            // The server already holds exactly these values: an earlier save whose answer was lost (cut
            // short, timed out) did reach it. Nothing to send, nothing to ask.
            self.saved(Ok(current));
        } else {
            let theirs = changed_elsewhere(&before, &current);
            self.step
                .try_set(SaveStep::Conflict(theirs, Box::new(current)));
        }
    }

    /// The server's answer to the `PUT`. On failure every edit stays as typed.
    pub fn saved(self, result: Result<LdapConnection, ApiError>) {
        if !self.alive() {
            return;
        }
        match result {
            Ok(connection) => {
                self.start_from(connection);
                self.saved.try_set(true);
                self.error.try_set(None);
            }
            Err(e) => {
                self.error.try_set(Some(e));
            }
        }
    }

    /// The enable switch's answer: only the state and the modification time move, so a later save does not
    /// mistake the switch for someone else's change. The fields are not touched.
    pub fn switched(self, connection: &LdapConnection) {
        self.loaded.update(|l| {
            l.enabled = connection.enabled;
            l.modified_at = connection.modified_at.clone();
        });
    }

    pub fn discard(self) {
        self.values
            .set(&LdapValues::from_connection(&self.loaded.get_untracked()));
        self.error.set(None);
        self.blocked.set(false);
    }

    /// The connection someone else saved, in a conflict.
    fn theirs(self) -> Option<LdapConnection> {
        match self.step.get_untracked() {
            SaveStep::Conflict(_, current) => Some(*current),
            SaveStep::Editing | SaveStep::Review(_) => None,
        }
    }

    /// Their values become the base, with only this admin's own edits on top; then the review.
    pub fn keep_mine(self) {
        let Some(current) = self.theirs() else {
            return;
        };
        let mine = self.pending.get_untracked();
        self.enabled.set(current.enabled);
        self.loaded.set(current.clone());
        self.values.set(&rebase(&current, &mine));
        self.step
            .set(SaveStep::Review(self.pending.get_untracked()));
    }

    /// This admin's edits are dropped for the connection as it is now.
    pub fn take_theirs(self) {
        if let Some(current) = self.theirs() {
            self.start_from(current);
        }
        self.step.set(SaveStep::Editing);
    }
}
