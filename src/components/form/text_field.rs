//! One labelled text input (or text area) with its help and message. Built once: what is typed, the check,
//! the error and the "(changed)" marker are signals that update the input and the text around it in place,
//! so a field keeps its caret and focus while anything else on the page changes.

use crate::erased::memo;
use console_api::Check;
use leptos::prelude::*;

/// What kind of control a [`TextField`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    /// One line of text.
    #[default]
    Text,
    /// A secret: the browser hides what is typed.
    Password,
    /// A number; browsers offer a numeric keypad.
    Number,
    /// A web address; browsers offer an address keyboard.
    Url,
    /// Several lines (a `<textarea>`), for long values.
    MultiLine,
}

impl InputKind {
    /// The input's `type`, `None` for a text area.
    fn input_type(self) -> Option<&'static str> {
        match self {
            InputKind::Text => Some("text"),
            InputKind::Password => Some("password"),
            InputKind::Number => Some("number"),
            InputKind::Url => Some("url"),
            InputKind::MultiLine => None,
        }
    }

    fn input_mode(self) -> Option<&'static str> {
        match self {
            InputKind::Url => Some("url"),
            InputKind::Number => Some("numeric"),
            InputKind::Text | InputKind::Password | InputKind::MultiLine => None,
        }
    }
}

/// The message under the field and how it is styled: the error wins over the check's message.
fn message(error: Option<String>, check: Option<Check>) -> (&'static str, Option<String>) {
    match (error, check) {
        (Some(error), _) => ("field-error", Some(error)),
        (None, Some(Check::Error(m))) => ("field-error", Some(m)),
        (None, Some(Check::Warning(m))) => ("field-warning", Some(m)),
        (None, Some(Check::Ok)) => ("field-ok", None),
        (None, None) => ("field-error", None),
    }
}

/// A labelled input with optional help and a message, wired for assistive technology: the label names the
/// input (`for`), the help and the message describe it (`aria-describedby`), and an error or a failed check
/// marks it `aria-invalid`. The children, if any, are the help text under the input.
///
/// ```text
/// // url: RwSignal<String>, url_error: RwSignal<Option<String>>
/// <TextField id="sde-url" label="Base URL" value=url kind=InputKind::Url error=url_error>
///     "Empty: the console's own address."
/// </TextField>
/// <TextField id="upload-project" label="Project id" value=project kind=InputKind::Number
///     error=move || field_error("project") />
/// ```
#[component]
pub fn TextField(
    /// The input's element id. The help is `{id}-help` and the message `{id}-message` unless
    /// `help_id` / `message_id` say otherwise.
    #[prop(into)]
    id: String,
    /// The visible label; also the input's accessible name.
    #[prop(into)]
    label: String,
    /// The text in the field: typing writes it, and setting it elsewhere updates the input in place
    /// (bound with `prop:value`, so the widget is never rebuilt for a new value).
    value: RwSignal<String>,
    /// The control: text (the default), password, number, URL or a multi-line text area.
    #[prop(optional)]
    kind: InputKind,
    /// An error to show under the field, such as the server's message for it or a failed check on submit.
    /// While it is `Some`, the field is marked invalid and the message is an alert.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// A check of the text as typed: an error marks the field invalid, a warning is shown but allows it,
    /// and `Ok` shows nothing. With a check, the message is a polite status rather than an alert.
    #[prop(optional, into)]
    check: Option<Signal<Check>>,
    /// Adds " (changed)" to the label and the `changed` class, for a value that differs from the saved one.
    #[prop(optional, into)]
    changed: Signal<bool>,
    /// The input's placeholder; none when empty.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// The `autocomplete` attribute: `"off"` unless given (`"new-password"` for a password being set).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The help paragraph's id, when it must differ from `{id}-help`.
    #[prop(optional, into)]
    help_id: Option<String>,
    /// The message's id, when it must differ from `{id}-message`.
    #[prop(optional, into)]
    message_id: Option<String>,
    /// Help under the input (text, or a view with a button). It describes the input.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let help_id = help_id.unwrap_or_else(|| format!("{id}-help"));
    let message_id = message_id.unwrap_or_else(|| format!("{id}-message"));
    let described_by = match children {
        Some(_) => format!("{help_id} {message_id}"),
        None => message_id.clone(),
    };
    let state = memo(move || message(error.get(), check.map(|c| c.get())));
    let invalid = move || state.with(|(class, text)| *class == "field-error" && text.is_some());
    let role = if check.is_some() { "status" } else { "alert" };
    let control = view! {
        <{..}
            id=id.clone()
            spellcheck="false"
            autocomplete=autocomplete.unwrap_or("off")
            placeholder=move || Some(placeholder.get()).filter(|p| !p.is_empty())
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            aria-invalid=move || invalid().then_some("true")
            aria-describedby=described_by
        />
    };
    let input = match kind.input_type() {
        Some(kind_type) => {
            view! { <input type=kind_type inputmode=kind.input_mode() {..control} /> }.into_any()
        }
        None => view! { <textarea rows="3" {..control}></textarea> }.into_any(),
    };
    view! {
        <div class="field" class:changed=move || changed.get()>
            <label for=id>{label}{move || changed.get().then_some(" (changed)")}</label>
            {input}
            {children.map(|help| view! { <p class="help" id=help_id>{help()}</p> })}
            <p id=message_id role=role class=move || state.with(|(class, _)| *class)>
                {move || state.with(|(_, text)| text.clone())}
            </p>
        </div>
    }
}
