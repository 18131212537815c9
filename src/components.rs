//! Reusable pieces of the pages: each file holds one component.

mod error_panel;
mod jobs_table;
mod nav_bar;
mod status_badge;

pub use error_panel::ErrorPanel;
pub use jobs_table::JobsTable;
pub use nav_bar::NavBar;
pub use status_badge::StatusBadge;
