//! Stands in for `wasm-streams` 0.5, which Leptos's `server_fn` depends on for streaming server functions.
//!
//! The console uses no server functions, but the real crate's `#[wasm_bindgen]` classes are exports of the
//! module, so neither the linker nor wasm-opt may drop them: they were 3 KB of the brotli first load (their
//! code, their JS classes and the promise machinery behind them). This crate offers the four calls
//! `server_fn` makes; making a stream from Rust, which only a streaming server function would do, fails
//! loudly. The root `Cargo.toml` patches it in.

use futures_util::future::{ready, Ready};
use futures_util::stream::{once, Once, Stream};
use wasm_bindgen::JsValue;

/// A web `ReadableStream`, as `wasm_streams::ReadableStream` wraps it.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

const UNSUPPORTED: &str = "streaming server functions are not supported in the Integration Console";

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// Only a streaming server function's request body comes here.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        panic!("{UNSUPPORTED}")
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Only a streaming server function's response is read here: it ends with an error at once.
    pub fn into_stream(self) -> Once<Ready<Result<JsValue, JsValue>>> {
        once(ready(Err(JsValue::from_str(UNSUPPORTED))))
    }
}
