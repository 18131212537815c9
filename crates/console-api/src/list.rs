//! List responses: SD Elements pages (`results` with `count`, `next`, `previous`), the bare `{results}` the
//! documents show, and a bare array (the access-service's list is undocumented; both shapes are accepted).

use serde::{Deserialize, Serialize};

/// One page of a list. `count`, `next` and `previous` are `None` when the server sent `results` alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub results: Vec<T>,
}

impl<T> Page<T> {
    pub fn all(results: Vec<T>) -> Self {
        Self {
            count: None,
            next: None,
            previous: None,
            results,
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Envelope<T> {
            results: Vec<T>,
            #[serde(default)]
            count: Option<u64>,
            #[serde(default)]
            next: Option<String>,
            #[serde(default)]
            previous: Option<String>,
        }
        crate::json::either(
            deserializer,
            serde_json::Value::is_array,
            |v| Vec::<T>::deserialize(v).map(Page::all),
            |v| {
                Envelope::<T>::deserialize(v).map(|e| Page {
                    count: e.count,
                    next: e.next,
                    previous: e.previous,
                    results: e.results,
                })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_envelope_results_alone_and_bare_arrays() {
        let paged: Page<u8> = serde_json::from_str(
            r#"{"count": 9, "next": "/x?page=2", "previous": null, "results": [1]}"#,
        )
        .unwrap();
        assert_eq!(paged.count, Some(9));
        assert_eq!(paged.next.as_deref(), Some("/x?page=2"));
        let alone: Page<u8> = serde_json::from_str(r#"{"results": [1, 2]}"#).unwrap();
        assert_eq!((alone.count, alone.results.len()), (None, 2));
        let bare: Page<u8> = serde_json::from_str("[3]").unwrap();
        assert_eq!(bare.results, vec![3]);
    }
}
