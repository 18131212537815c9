//! Timestamps as the APIs write them (RFC 3339 with `Z` or an offset such as `-04:00`, with or without
//! fractional seconds): parsing to epoch milliseconds, and formatting for people. Written here rather than
//! pulled from a date crate to keep the wasm bundle small; the APIs only ever use this one format.

/// Milliseconds since 1970-01-01T00:00:00Z, or `None` for anything that is not an RFC 3339 timestamp.
pub fn parse_rfc3339_millis(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let minutes = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// Formats epoch milliseconds as RFC 3339 in UTC with microseconds, as SD Elements writes `last_run`.
pub fn format_rfc3339_micros(millis: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_millis(millis);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}Z",
        millis.rem_euclid(1000) * 1000
    )
}

/// Formats epoch milliseconds as RFC 3339 in UTC with milliseconds, as the access-service writes times.
pub fn format_rfc3339_millis(millis: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_millis(millis);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
        millis.rem_euclid(1000)
    )
}

/// `2015-04-15 20:27 UTC`: exact, unambiguous, short enough for a tooltip or a table.
pub fn format_utc(millis: i64) -> String {
    let (y, mo, d, h, mi, _) = civil_from_millis(millis);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

/// How times are shown everywhere (issue 13): in the admin's own time zone, or in UTC to compare with
/// server logs. The other form is offered on hover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeZoneChoice {
    #[default]
    Local,
    Utc,
}

impl TimeZoneChoice {
    /// `millis` in this zone, with `offset_minutes` east of UTC at that instant for local time: the
    /// shown form and the other one (for the tooltip).
    pub fn both(self, millis: i64, offset_minutes: i32) -> (String, String) {
        let local = format_local(millis, offset_minutes);
        let utc = format_utc(millis);
        match self {
            TimeZoneChoice::Local => (local, utc),
            TimeZoneChoice::Utc => (utc, local),
        }
    }
}

/// `2026-11-27 10:12 UTC+01:00`: local wall time with its offset, so it is exact as well.
pub fn format_local(millis: i64, offset_minutes: i32) -> String {
    let (y, mo, d, h, mi, _) = civil_from_millis(millis + i64::from(offset_minutes) * 60_000);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC{sign}{:02}:{:02}",
        off / 60,
        off % 60
    )
}

/// A timestamp as the API sent it, shown exactly: the UTC form when it parses, the text itself otherwise.
pub fn display_timestamp(text: &str) -> String {
    parse_rfc3339_millis(text).map_or_else(|| text.to_string(), format_utc)
}

/// "just now", "5 minutes ago", "3 days ago", "in 2 hours": the distance from `now` in the largest unit.
pub fn relative(millis: i64, now_millis: i64) -> String {
    let delta = (now_millis - millis) / 1000;
    let future = delta < 0;
    let secs = delta.unsigned_abs();
    if secs < 45 {
        return "just now".to_string();
    }
    let (value, unit) = match secs {
        s if s < 3600 => (s.div_ceil(60).max(1), "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 86_400 * 30 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    let plural = if value == 1 { "" } else { "s" };
    if future {
        format!("in {value} {unit}{plural}")
    } else {
        format!("{value} {unit}{plural} ago")
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_millis(millis: i64) -> (i64, i64, i64, i64, i64, i64) {
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_carry_their_offset_and_the_choice_picks_the_shown_form() {
        let ms = parse_rfc3339_millis("2026-03-29T00:30:00Z").unwrap();
        assert_eq!(format_local(ms, 60), "2026-03-29 01:30 UTC+01:00");
        assert_eq!(format_local(ms, -210), "2026-03-28 21:00 UTC-03:30");
        assert_eq!(format_local(ms, 0), "2026-03-29 00:30 UTC+00:00");
        let (shown, other) = TimeZoneChoice::Utc.both(ms, 120);
        assert_eq!(
            (shown.as_str(), other.as_str()),
            ("2026-03-29 00:30 UTC", "2026-03-29 02:30 UTC+02:00")
        );
        assert_eq!(
            TimeZoneChoice::default().both(ms, 120).0,
            "2026-03-29 02:30 UTC+02:00"
        );
    }

    #[test]
    fn parses_every_documented_form() {
        // 2015-04-15T20:27:24.396Z
        assert_eq!(
            parse_rfc3339_millis("2015-04-15T20:27:24.396442Z"),
            Some(1_429_129_644_396)
        );
        assert_eq!(
            parse_rfc3339_millis("2015-04-15T20:27:24Z"),
            Some(1_429_129_644_000)
        );
        // -04:00 is four hours behind UTC.
        assert_eq!(
            parse_rfc3339_millis("2018-03-21T14:57:22.661977-04:00"),
            parse_rfc3339_millis("2018-03-21T18:57:22.661Z")
        );
        assert_eq!(
            parse_rfc3339_millis("2011-05-25T11:37:55-04:00"),
            parse_rfc3339_millis("2011-05-25T15:37:55Z")
        );
        assert_eq!(
            parse_rfc3339_millis("2016-10-27T01:27:42.429Z"),
            Some(1_477_531_662_429)
        );
        assert_eq!(parse_rfc3339_millis("1970-01-01T00:00:00.5Z"), Some(500));
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for bad in [
            "",
            "yesterday",
            "2015-04-15",
            "2015-13-01T00:00:00Z",
            "2015-04-15T20:27:24",
            "2015-04-15T20:27:24.Z",
        ] {
            assert_eq!(parse_rfc3339_millis(bad), None, "{bad}");
        }
        assert_eq!(display_timestamp("not a time"), "not a time");
    }

    #[test]
    fn formats_round_trip() {
        for millis in [
            0,
            1_429_129_644_396,
            951_782_400_000, /* 2000-02-29 */
            4_102_444_800_000,
        ] {
            assert_eq!(
                parse_rfc3339_millis(&format_rfc3339_millis(millis)),
                Some(millis)
            );
            assert_eq!(
                parse_rfc3339_millis(&format_rfc3339_micros(millis)),
                Some(millis)
            );
        }
        assert_eq!(format_utc(1_429_129_644_396), "2015-04-15 20:27 UTC");
        assert_eq!(
            format_rfc3339_micros(1_429_129_644_396),
            "2015-04-15T20:27:24.396000Z"
        );
    }

    #[test]
    fn relative_times() {
        let now = 1_000_000_000_000;
        assert_eq!(relative(now - 10_000, now), "just now");
        assert_eq!(relative(now - 60_000, now), "1 minute ago");
        assert_eq!(relative(now - 5 * 60_000, now), "5 minutes ago");
        assert_eq!(relative(now - 3 * 3_600_000, now), "3 hours ago");
        assert_eq!(relative(now - 86_400_000, now), "1 day ago");
        assert_eq!(relative(now - 400 * 86_400_000, now), "1 year ago");
        assert_eq!(relative(now + 2 * 3_600_000, now), "in 2 hours");
    }
}
