//! Reusable pieces of the pages: each file holds one component.

mod dialog;
mod enable_switch;
mod error_panel;
mod form;
mod jobs_table;
mod live_notice;
mod nav_bar;
mod read_only_banner;
mod status_badge;
mod user_card;

pub use dialog::Dialog;
pub use enable_switch::EnableSwitch;
pub use error_panel::ErrorPanel;
pub use form::{InputKind, TextField};
pub use jobs_table::JobsTable;
pub use live_notice::LiveNotice;
pub use nav_bar::NavBar;
pub use read_only_banner::{read_only_banner_id, ReadOnlyBanner};
pub use status_badge::StatusBadge;
pub use user_card::{user_dialog, UserCard};
