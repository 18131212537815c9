//! The one place requests are made: base URL and auth header in, typed value or [`ApiError`] out. Adds a
//! time limit (an `AbortController`) or, for uploads, the user's Cancel, and hands status, headers and body
//! to `console_api::error`, where the classification is pure and tested natively.

use console_api::error::{decode_page, decode_response, RawResponse, ERROR_BODY_LIMIT};
use console_api::from_json::FromJson;
use console_api::page_reader::PageReader;
use console_api::to_json::ToJson;
use console_api::url::join_url;
use console_api::{ApiError, ErrorKind, Page, Secret, Service};
use gloo_net::http::{Request, RequestBuilder};
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// A list answer longer than this is decoded as it arrives, chunk by chunk; a shorter one is read whole.
const STREAM_ABOVE: usize = 1 << 20;

/// Where a list's body goes as it arrives.
type Sink<'a> = Option<&'a mut dyn FnMut(&[u8])>;

/// One backend: where it is and how to authenticate to it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub service: Service,
    pub base: String,
    pub token: Option<Secret>,
    /// Requests without a cancel handle are given up after this long.
    pub timeout_ms: u32,
}

/// A request's body.
enum Body {
    None,
    Json(String),
    Form(web_sys::FormData),
}

/// An answer as it arrived, before it is decoded or classified.
struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
    /// The body went to the sink as it arrived (`body` is empty).
    streamed: bool,
}

#[derive(Clone, Copy, Debug)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// Lets the user stop a request in flight (the upload's Cancel button).
#[derive(Clone, Debug)]
pub struct Cancel {
    controller: web_sys::AbortController,
    cancelled: Rc<Cell<bool>>,
}

impl Cancel {
    pub fn new() -> Option<Self> {
        Some(Self {
            controller: web_sys::AbortController::new().ok()?,
            cancelled: Rc::new(Cell::new(false)),
        })
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
        self.controller.abort();
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

impl Endpoint {
    fn authorization(&self) -> Result<String, ApiError> {
        let token = self
            .token
            .as_ref()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::new(self.service, ErrorKind::NoToken))?;
        let scheme = match self.service {
            Service::SdElements => "Token",
            Service::AccessService => "Bearer",
        };
        Ok(format!("{scheme} {}", token.expose_secret()))
    }

    fn builder(&self, method: Method, path: &str) -> Result<RequestBuilder, ApiError> {
        let url = join_url(&self.base, path);
        let builder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
        };
        Ok(builder
            .header("Accept", "application/json")
            .header("Authorization", &self.authorization()?))
    }

    pub async fn get<T: FromJson>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self
            .exchange(Method::Get, path, Body::None, None, None)
            .await?;
        self.decode(&answer)
    }

    /// `GET` a list, its items decoded as the body arrives (see `console_api::page_reader`): the text of
    /// a large list is never held whole.
    pub async fn get_page<T: 'static>(
        &self,
        path: &str,
        mut reader: PageReader<T>,
    ) -> Result<Page<T>, ApiError> {
        let mut feed = |chunk: &[u8]| reader.feed(chunk);
        let answer = self
            .exchange(Method::Get, path, Body::None, None, Some(&mut feed))
            .await?;
        match answer.streamed {
            true => decode_page(self.service, answer.status, reader),
            // An error answer or an HTML page: said as such, never a list.
            false => self
                .decode::<console_api::json_tree::Json>(&answer)
                .and_then(|_| Err(ApiError::new(self.service, ErrorKind::Undecodable))),
        }
    }

    /// Sends `body` as JSON.
    pub async fn send_json<B: ToJson, T: FromJson>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let json = body.to_json().to_string();
        let answer = self
            .exchange(method, path, Body::Json(json), None, None)
            .await?;
        self.decode(&answer)
    }

    /// Sends a `multipart/form-data` body. The browser writes the Content-Type with its boundary; setting
    /// it here would break the body. No time limit: a large report may take long, and `cancel` stops it.
    pub async fn send_form<T: FromJson>(
        &self,
        path: &str,
        form: web_sys::FormData,
        cancel: &Cancel,
    ) -> Result<T, ApiError> {
        let answer = self
            .exchange(Method::Post, path, Body::Form(form), Some(cancel), None)
            .await?;
        self.decode(&answer)
    }

    fn decode<T: FromJson>(&self, answer: &Answer) -> Result<T, ApiError> {
        decode_response(
            self.service,
            &RawResponse {
                status: answer.status,
                content_type: answer.content_type.as_deref(),
                retry_after: answer.retry_after.as_deref(),
                body: &answer.body,
            },
        )
    }

    /// Sends one request and reads the whole answer. With `cancel` the user can stop it; without, it is
    /// given up after the endpoint's `timeout_ms`. Neither generic nor inlined into its callers (a boxed
    /// future), so every endpoint shares one copy of it.
    fn exchange<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        body: Body,
        cancel: Option<&'a Cancel>,
        sink: Sink<'a>,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, ApiError>> + 'a>> {
        Box::pin(self.exchange_now(method, path, body, cancel, sink))
    }

    async fn exchange_now(
        &self,
        method: Method,
        path: &str,
        body: Body,
        cancel: Option<&Cancel>,
        sink: Sink<'_>,
    ) -> Result<Answer, ApiError> {
        let builder = self.builder(method, path)?;
        crate::csp::watch();
        let timed_out = Rc::new(Cell::new(false));
        let (controller, _timer) = match cancel {
            Some(cancel) => (Some(cancel.controller.clone()), None),
            None => {
                let controller = web_sys::AbortController::new().ok();
                let timer = controller.clone().map(|controller| {
                    let timed_out = timed_out.clone();
                    gloo_timers::callback::Timeout::new(self.timeout_ms, move || {
                        timed_out.set(true);
                        controller.abort();
                    })
                });
                (controller, timer)
            }
        };
        let signal = controller.as_ref().map(|c| c.signal());
        let builder = builder.abort_signal(signal.as_ref());
        let request = match body {
            Body::None => builder.build(),
            Body::Json(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            Body::Form(form) => builder.body(form),
        }
        .map_err(|_| ApiError::new(self.service, ErrorKind::Network))?;
        let failed = |timed_out: &Cell<bool>| {
            let kind = if cancel.is_some_and(Cancel::is_cancelled) {
                ErrorKind::Cancelled
            } else if timed_out.get() {
                ErrorKind::Timeout
            } else {
                ErrorKind::Network
            };
            ApiError::new(self.service, kind)
        };
        let url = request.url();
        let response = match request.send().await {
            Ok(response) => response,
            Err(_) => {
                let mut error = failed(&timed_out);
                if error.kind == ErrorKind::Network && crate::csp::blocked(&url).await {
                    error = ApiError::new(self.service, ErrorKind::BlockedByPolicy);
                }
                return Err(error);
            }
        };
        let status = response.status();
        let content_type = response.headers().get("content-type");
        let retry_after = response.headers().get("retry-after");
        let length = response
            .headers()
            .get("content-length")
            .and_then(|n| console_api::text::parse_count(n.trim()));
        // An error answer is read only when its length is known to be within what the console shows of
        // it (`ERROR_BODY_LIMIT`): a proxy's multi-megabyte error page is not downloaded.
        let too_long =
            !(200..300).contains(&status) && length.is_some_and(|n| n > ERROR_BODY_LIMIT);
        // A successful answer that is not an HTML page goes to the sink, if there is one.
        let sink = sink.filter(|_| {
            (200..300).contains(&status)
                && !content_type
                    .as_deref()
                    .is_some_and(|t| t.to_ascii_lowercase().contains("html"))
        });
        let streamed = sink.is_some();
        let body = if too_long {
            if let Some(controller) = &controller {
                controller.abort();
            }
            String::new()
        } else if let Some(sink) = sink {
            // A body known to be small is read whole (one task); a large or unsized one as it comes.
            if length.is_some_and(|n| n <= STREAM_ABOVE) {
                let text = response.text().await.map_err(|_| failed(&timed_out))?;
                sink(text.as_bytes());
            } else {
                read_body(&response, sink)
                    .await
                    .map_err(|_| failed(&timed_out))?;
            }
            String::new()
        } else {
            response.text().await.map_err(|_| failed(&timed_out))?
        };
        Ok(Answer {
            status,
            content_type,
            retry_after,
            body,
            streamed,
        })
    }
}

/// Hands the body to `sink` chunk by chunk as the network delivers it.
async fn read_body(
    response: &gloo_net::http::Response,
    sink: &mut dyn FnMut(&[u8]),
) -> Result<(), wasm_bindgen::JsValue> {
    let Some(stream) = response.body() else {
        return Ok(());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut chunk = Vec::new();
    loop {
        let read: web_sys::ReadableStreamReadResult =
            wasm_bindgen_futures::JsFuture::from(reader.read())
                .await?
                .unchecked_into();
        if read.get_done().unwrap_or(true) {
            return Ok(());
        }
        let bytes: js_sys::Uint8Array = read.get_value().unchecked_into();
        chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut chunk);
        sink(&chunk);
    }
}
