//! JSON decoding that accepts every response in the API documents as it stands.
//!
//! The documented `?expand=user,triggered_by` responses repeat a key (`"succeeded"` appears twice in one
//! job). serde's derived decoders reject a duplicate field; JSON itself only says names "should" be unique,
//! and browsers' `JSON.parse` keeps the last. So a body the typed decoder rejects is read once more through
//! `serde_json::Value`, which keeps the last value of a repeated key. Well-formed bodies never take the
//! second path, so it costs nothing in the common case.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses `body` into `T`, tolerating repeated object keys (the last one wins).
pub fn from_str_lenient<T: DeserializeOwned>(body: &str) -> Result<T, serde_json::Error> {
    match serde_json::from_str(body) {
        Ok(value) => Ok(value),
        Err(first) => match serde_json::from_str::<Value>(body) {
            Ok(value) => serde_json::from_value(value),
            Err(_) => Err(first),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
    fn broken_json_still_fails_with_the_first_error() {
        let e = from_str_lenient::<Value>(r#"{"a": "#).unwrap_err();
        assert!(e.is_eof());
        assert!(from_str_lenient::<Value>("<html>").is_err());
        assert!(from_str_lenient::<Flag>(r#"{"succeeded": "yes"}"#).is_err());
    }
}
