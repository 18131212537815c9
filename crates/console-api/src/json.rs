//! serde's side of JSON decoding (the development backend and the tests; the console itself reads through
//! [`crate::json_tree`] and [`crate::from_json`]), accepting every response in the API documents as it
//! stands.
//!
//! The documented `?expand=user,triggered_by` responses repeat a key (`"succeeded"` appears twice in one
//! job). serde's derived decoders reject a duplicate field; JSON itself only says names "should" be unique,
//! and browsers' `JSON.parse` keeps the last. So every body is parsed into `serde_json::Value` first, which
//! keeps the last value of a repeated key, and only then decoded into its type. The either-shaped fields
//! (`Page`, `UserRef`, `System`) decide on the `Value` at hand instead of buffering it for serde's
//! `untagged`. See [`either`].

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// Parses `body` into `T`, tolerating repeated object keys (the last one wins).
pub fn from_str_lenient<T: DeserializeOwned>(body: &str) -> Result<T, serde_json::Error> {
    let value: Value = serde_json::from_str(body)?;
    T::deserialize(value)
}

/// Decodes a value that may take one of two JSON shapes, choosing by the value itself: `first` when
/// `is_first` says so, `second` otherwise. Only the chosen shape is tried, so the error is that shape's.
pub(crate) fn either<'de, D, T>(
    deserializer: D,
    is_first: fn(&Value) -> bool,
    first: fn(Value) -> Result<T, serde_json::Error>,
    second: fn(Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = Value::deserialize(deserializer)?;
    let decoded = if is_first(&value) {
        first(value)
    } else {
        second(value)
    };
    decoded.map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Flag {
        succeeded: bool,
    }

    #[test]
    fn repeated_keys_are_tolerated_last_wins() {
        assert!(
            serde_json::from_str::<Flag>(r#"{"succeeded": false, "succeeded": true}"#).is_err()
        );
        let flag: Flag = from_str_lenient(r#"{"succeeded": false, "succeeded": true}"#).unwrap();
        assert_eq!(flag, Flag { succeeded: true });
    }

    #[test]
    fn broken_json_and_wrong_shapes_still_fail() {
        let e = from_str_lenient::<Value>(r#"{"a": "#).unwrap_err();
        assert!(e.is_eof());
        assert!(from_str_lenient::<Value>("<html>").is_err());
        assert!(from_str_lenient::<Flag>(r#"{"succeeded": "yes"}"#).is_err());
    }
}
