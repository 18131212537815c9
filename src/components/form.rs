//! Form widgets: a field's label, input, help and message written once, with the accessibility wiring
//! (`for`, `aria-describedby`, `aria-invalid`) in one place, so every form gets it right the same way.

mod text_field;

pub use text_field::{InputKind, TextField};
