//! Text for table cells and search: shortening (the full text stays available in a tooltip and on the
//! detail page) and case folding.

/// The first `max` characters of `text` (whole characters, never a split code point), with an ellipsis
/// when something was cut, and whether it was.
pub fn shorten(text: &str, max: usize) -> (String, bool) {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => (text.to_string(), false),
        Some((cut, _)) => (format!("{}…", text[..cut].trim_end()), true),
    }
}

/// `text` lower-cased for case-insensitive search and sorting, by [`fold_char`].
pub fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(fold_char).collect()
}

/// One character lower-cased without the standard library's Unicode case tables, which `str::to_lowercase`
/// brings into the bundle (5.6 KB of the brotli first load). It covers the scripts with case that names are
/// written in: ASCII, Latin-1, Latin Extended-A, Latin Extended Additional (Vietnamese), Greek, Cyrillic and
/// Armenian. There it agrees with `char::to_lowercase` (a test compares every code point), except that `İ`
/// folds to a plain `i`, as a search expects. Other characters are kept as they are.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    let even = u.is_multiple_of(2);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 32,
        0x130 => 0x69,
        0x100..=0x137 | 0x14A..=0x177 if even => u + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => u + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => u + 1,
        0x531..=0x556 => u + 48,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => u + 1,
        0x1E9E => 0xDF,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// A `mailto:` link for `address`, or `None` when it is not a plain email address (`local@domain.tld`:
/// the local part of letters, digits and ``!#$%&'*+-/=?^_`{|}~.``, the domain of dot-separated labels of
/// letters, digits and hyphens). Every character outside the unreserved set is percent-encoded, so
/// nothing in the address can add headers (`?cc=`, `&body=`) to the mail.
pub fn mailto_href(address: &str) -> Option<String> {
    let (local, domain) = address.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !(local_ok && domain_ok) {
        return None;
    }
    Some(format!(
        "mailto:{}@{}",
        crate::encoding::encode_path_segment(local),
        domain
    ))
}

/// A whole number as `str::parse::<u64>` reads it, as a `usize` where it fits. Every unsigned count
/// the console reads (ports, pages, days, lengths) goes through this one copy of the parser rather than
/// one per integer type (each is a few hundred bytes of wasm).
pub fn parse_count(text: &str) -> Option<usize> {
    text.parse::<u64>()
        .ok()
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_u64_reads_them() {
        for text in [
            "0",
            "80",
            "+80",
            "0255",
            "65536",
            "",
            " 1",
            "1 ",
            "-1",
            "x",
            "99999999999999999999",
        ] {
            assert_eq!(
                super::parse_count(text),
                text.parse::<u64>().ok().map(|n| n as usize),
                "{text:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn mailto_links_only_for_plain_addresses_and_encoded() {
        assert_eq!(
            mailto_href("ann.lee@example.com").as_deref(),
            Some("mailto:ann.lee@example.com")
        );
        assert_eq!(
            mailto_href("no-reply+example@sub.example.org").as_deref(),
            Some("mailto:no-reply%2Bexample@sub.example.org")
        );
        assert_eq!(
            mailto_href("a&b=c?d@example.com").as_deref(),
            Some("mailto:a%26b%3Dc%3Fd@example.com")
        );
        for bad in [
            "",
            "plain",
            "a@localhost",
            "a@b@example.com",
            "a b@example.com",
            "a@example.com?cc=eve@evil.example",
            "a@example.com&body=x",
            "javascript:alert(1)//@example.com",
            ".a@example.com",
            "a..b@example.com",
            "a@-example.com",
            "a@example..com",
            "a@exa mple.com",
            "\"quoted\"@example.com",
        ] {
            assert_eq!(mailto_href(bad), None, "{bad:?}");
        }
    }

    /// The blocks `fold_char` covers in full.
    const COVERED: [std::ops::RangeInclusive<u32>; 6] = [
        0x00..=0x17F,
        0x386..=0x3AB,
        0x400..=0x52F,
        0x531..=0x556,
        0x1E00..=0x1E95,
        0x1E9E..=0x1EFF,
    ];

    #[test]
    fn folds_as_the_standard_library_does_where_it_covers_and_never_wrongly() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut std = c.to_lowercase();
            let std_single = match (std.next(), std.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            };
            let covered = COVERED.iter().any(|r| r.contains(&(c as u32)));
            if c == 'İ' {
                assert_eq!(fold_char(c), 'i');
            } else if covered || fold_char(c) != c {
                assert_eq!(Some(fold_char(c)), std_single, "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn folds_names_for_search() {
        assert_eq!(fold_case("Rally SYNC"), "rally sync");
        assert_eq!(fold_case("ÉLODIE Øster"), "élodie øster");
        assert_eq!(
            fold_case("ΑΘΗΝΑ Москва ĽUBOŠ Nguyễn ẤN"),
            "αθηνα москва ľuboš nguyễn ấn"
        );
        assert_eq!(fold_case("日本 Straße"), "日本 straße");
    }

    #[test]
    fn shortens_on_character_boundaries() {
        assert_eq!(shorten("short", 10), ("short".into(), false));
        assert_eq!(shorten("exactly ten", 11), ("exactly ten".into(), false));
        assert_eq!(shorten("a long message here", 6), ("a long…".into(), true));
        assert_eq!(shorten("ééééé", 2), ("éé…".into(), true));
    }
}
