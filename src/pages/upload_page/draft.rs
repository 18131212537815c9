//! What the upload form holds, as one `Copy` bundle of signals the form's parts share, and the field
//! errors by the API's field names.

use console_api::upload::UploadForm;
use leptos::prelude::*;
use web_sys::File;

/// The report's fields, as the API names them in a 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadField {
    ReportFile,
    System,
    Project,
    Params,
}

impl UploadField {
    pub const ALL: [UploadField; 4] = [
        UploadField::ReportFile,
        UploadField::System,
        UploadField::Project,
        UploadField::Params,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            UploadField::ReportFile => "report_file",
            UploadField::System => "system",
            UploadField::Project => "project",
            UploadField::Params => "params",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.api_name() == name)
    }
}

/// The value of the scanner select that opens a free-text system id.
pub const OTHER_SYSTEM: &str = "other";

#[derive(Clone, Copy)]
pub struct Draft {
    pub file: RwSignal<Option<File>, LocalStorage>,
    /// What choosing the file did to the scanner, in words.
    pub scanner_note: RwSignal<Option<String>>,
    /// The scanner the file was recognised as, if any.
    pub detected: RwSignal<Option<&'static str>>,
    pub system_choice: RwSignal<String>,
    pub other_system: RwSignal<String>,
    pub project: RwSignal<String>,
    /// Option rows: a stable id (for keyed rendering), name, value.
    pub params: RwSignal<Vec<(u32, String, String)>>,
    pub errors: RwSignal<Vec<(UploadField, String)>>,
}

impl Draft {
    pub fn new() -> Self {
        Self {
            file: RwSignal::new_local(None),
            scanner_note: RwSignal::new(None),
            detected: RwSignal::new(None),
            system_choice: RwSignal::new(String::new()),
            other_system: RwSignal::new(String::new()),
            project: RwSignal::new(String::new()),
            params: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// The admin has chosen or typed something (tracked).
    pub fn has_input(self) -> bool {
        self.file.with(Option::is_some)
            || [self.system_choice, self.other_system, self.project]
                .iter()
                .any(|f| f.with(|t| !t.trim().is_empty()))
            || self.params.with(|p| {
                p.iter()
                    .any(|(_, name, value)| !name.trim().is_empty() || !value.trim().is_empty())
            })
    }

    /// The message beside `field`, if any.
    pub fn error(self, field: UploadField) -> impl Fn() -> Option<String> + Copy {
        move || {
            self.errors.with(|errors| {
                errors
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone())
            })
        }
    }

    pub fn invalid(self, field: UploadField) -> impl Fn() -> Option<&'static str> + Copy {
        move || {
            self.errors
                .with(|errors| errors.iter().any(|(f, _)| *f == field))
                .then_some("true")
        }
    }

    pub fn clear_error(self, field: UploadField) {
        self.errors
            .update(|errors| errors.retain(|(f, _)| *f != field));
    }

    pub fn set_errors(self, errors: Vec<(String, String)>) {
        self.errors.set(
            errors
                .into_iter()
                .filter_map(|(f, m)| UploadField::from_api_name(&f).map(|f| (f, m)))
                .collect(),
        );
    }

    /// The form as typed, for the checks.
    /// Ready for the next report: the file and what was read from it go; the project and options stay,
    /// as the next report often goes to the same place.
    pub fn next_report(self) {
        self.file.set(None);
        self.scanner_note.set(None);
        self.detected.set(None);
        self.system_choice.set(String::new());
        self.other_system.set(String::new());
        self.errors.set(Vec::new());
        if let Some(input) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("report-file"))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        {
            input.set_value("");
            let _ = input.focus();
        }
    }

    pub fn form(self) -> UploadForm {
        let choice = self.system_choice.get_untracked();
        UploadForm {
            file: self
                .file
                .with_untracked(|f| f.as_ref().map(|f| (f.name(), f.size() as u64))),
            system: if choice == OTHER_SYSTEM {
                self.other_system.get_untracked()
            } else {
                choice
            },
            project: self.project.get_untracked(),
            params: self
                .params
                .get_untracked()
                .into_iter()
                .map(|(_, k, v)| (k, v))
                .collect(),
        }
    }
}
