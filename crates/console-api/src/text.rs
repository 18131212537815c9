//! Text shortening for table cells: the full text stays available (a tooltip, the detail page).

/// The first `max` characters of `text` (whole characters, never a split code point), with an ellipsis
/// when something was cut, and whether it was.
pub fn shorten(text: &str, max: usize) -> (String, bool) {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => (text.to_string(), false),
        Some((cut, _)) => (format!("{}…", text[..cut].trim_end()), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_on_character_boundaries() {
        assert_eq!(shorten("short", 10), ("short".into(), false));
        assert_eq!(shorten("exactly ten", 11), ("exactly ten".into(), false));
        assert_eq!(shorten("a long message here", 6), ("a long…".into(), true));
        assert_eq!(shorten("ééééé", 2), ("éé…".into(), true));
    }
}
