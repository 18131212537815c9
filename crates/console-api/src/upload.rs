//! Report upload, before anything is sent: which scanner a file comes from (sniffed from its first bytes),
//! the checks on the form, and the optional `params` object.

/// A file-upload system SD Elements knows: its id (the `system` field), the name people use (SD Elements'
/// `short_name`) and the product's full name (its `name`). The one list of scanners: the app offers these,
/// and the development backend answers with these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UploadSystem {
    pub id: &'static str,
    pub name: &'static str,
    pub full_name: &'static str,
}

pub const UPLOAD_SYSTEMS: [UploadSystem; 8] = [
    UploadSystem {
        id: "fortify_file_upload",
        name: "Fortify",
        full_name: "Fortify Software Security Center",
    },
    UploadSystem {
        id: "webinspect_file_upload",
        name: "WebInspect",
        full_name: "Micro Focus WebInspect",
    },
    UploadSystem {
        id: "appscan_file_upload",
        name: "AppScan",
        full_name: "HCL AppScan",
    },
    UploadSystem {
        id: "checkmarx_file_upload",
        name: "Checkmarx",
        full_name: "Checkmarx CxSAST",
    },
    UploadSystem {
        id: "veracode_file_upload",
        name: "Veracode",
        full_name: "Veracode",
    },
    UploadSystem {
        id: "zap_file_upload",
        name: "ZAP",
        full_name: "OWASP ZAP",
    },
    UploadSystem {
        id: "burp_file_upload",
        name: "Burp Suite",
        full_name: "Burp Suite",
    },
    UploadSystem {
        id: "whitehat_file_upload",
        name: "WhiteHat",
        full_name: "WhiteHat Sentinel",
    },
];

pub fn system_name(id: &str) -> Option<&'static str> {
    UPLOAD_SYSTEMS.iter().find(|s| s.id == id).map(|s| s.name)
}

/// What the file says it is: the system to preselect and why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub system: &'static str,
    pub reason: String,
}

/// How many leading bytes [`detect_system`] needs.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Recognizes a report from its name and first bytes: a Fortify FPR archive (a ZIP holding `audit.fvdl`),
/// an XML report by its root element, or a WhiteHat Sentinel JSON export. `None` when nothing is certain.
pub fn detect_system(file_name: &str, head: &[u8]) -> Option<Detected> {
    let detected = |system, reason: String| Some(Detected { system, reason });
    if head.starts_with(b"PK\x03\x04") {
        let holds_fvdl = head
            .windows(b"audit.fvdl".len())
            .any(|w| w == b"audit.fvdl");
        if holds_fvdl || file_name.to_ascii_lowercase().ends_with(".fpr") {
            return detected(
                "fortify_file_upload",
                "it is a Fortify FPR archive (a ZIP file holding audit.fvdl).".into(),
            );
        }
        return None;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        let whitehat = text.contains("\"collection\"")
            && ["\"site_name\"", "\"retest_state\"", "\"vuln_", "\"threat\""]
                .iter()
                .any(|k| text.contains(k));
        return whitehat.then(|| Detected {
            system: "whitehat_file_upload",
            reason: "it is a WhiteHat Sentinel JSON export (a \"collection\" of findings).".into(),
        });
    }
    let (root, attributes) = xml_root(text)?;
    let system = match root.as_str() {
        "ReportDefinition" => "fortify_file_upload",
        "OWASPZAPReport" => "zap_file_upload",
        "CxXMLResults" => "checkmarx_file_upload",
        "detailedreport" => "veracode_file_upload",
        "xml-report" => "appscan_file_upload",
        "issues" if attributes.contains("burpVersion") => "burp_file_upload",
        "Scan" | "Sessions" | "Issues" if text.contains("WebInspect") || root == "Sessions" => {
            "webinspect_file_upload"
        }
        _ => return None,
    };
    detected(system, format!("its root element is <{root}>."))
}

/// The root element's name and the text of its attributes, skipping the XML declaration, comments,
/// processing instructions and a DOCTYPE (with its internal subset).
fn xml_root(text: &str) -> Option<(String, String)> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            let mut depth = 0usize;
            let end = rest.char_indices().find_map(|(i, c)| match c {
                '[' => {
                    depth += 1;
                    None
                }
                ']' => {
                    depth = depth.saturating_sub(1);
                    None
                }
                '>' if depth == 0 => Some(i),
                _ => None,
            })?;
            rest = &rest[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let name: String = after
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or(&name).to_string();
            let tag_end = after.find('>').unwrap_or(after.len());
            return (!local.is_empty()).then(|| (local, after[name.len()..tag_end].to_string()));
        } else {
            return None;
        }
    }
}

/// What a newly chosen file does to the scanner choice: a recognised report sets it (replacing what was
/// chosen for the previous file), an unrecognised one clears it, so a choice never outlives the file it
/// was made for. Each says so in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScannerForFile {
    /// The new choice: a system id, or empty for "choose the scanner".
    pub choice: &'static str,
    pub note: String,
}

pub fn scanner_for_file(file_name: &str, detected: Option<&Detected>) -> ScannerForFile {
    match detected {
        Some(d) => {
            let name = system_name(d.system).unwrap_or(d.system);
            ScannerForFile {
                choice: d.system,
                note: format!("Recognised as {name}: {} The scanner is set to {name}; you can change it.", d.reason),
            }
        }
        None => ScannerForFile {
            choice: "",
            note: format!(
                "The scanner that wrote {file_name} was not recognised, so no scanner is chosen: choose it in the list above."
            ),
        },
    }
}

/// The form as typed, before sending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadForm {
    /// The chosen file's name and size in bytes.
    pub file: Option<(String, u64)>,
    pub system: String,
    pub project: String,
    /// Optional key/value rows for `params`.
    pub params: Vec<(String, String)>,
}

/// What passed the checks, ready for the multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedUpload {
    pub system: String,
    pub project: i64,
    /// The `params` field as a JSON object, when there are any.
    pub params: Option<String>,
}

/// Checks the form; each problem is named by its field (`report_file`, `system`, `project`, `params`, as the
/// API names them) with a message that says how to fix it.
pub fn check_upload(
    form: &UploadForm,
    max_bytes: u64,
) -> Result<CheckedUpload, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push((field.to_string(), message));
    match &form.file {
        None => err("report_file", "Choose a report file, or drop one here.".into()),
        Some((_, 0)) => err("report_file", "This file is empty: choose the report the scanner exported.".into()),
        Some((_, size)) if *size > max_bytes => err(
            "report_file",
            format!(
                "This file is {}, over the {} limit for uploads. Export a smaller report, or ask the administrator to raise maxUploadMb in config.json (and the server's limit).",
                format_bytes(*size),
                format_bytes(max_bytes)
            ),
        ),
        Some(_) => {}
    }
    let system = form.system.trim();
    if system.is_empty() {
        err(
            "system",
            "Choose the scanner that produced the report.".into(),
        );
    } else if !system
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        err(
            "system",
            "A system id has only letters, digits and underscores, such as fortify_file_upload."
                .into(),
        );
    }
    let project = form.project.trim();
    let project_id = project.parse::<i64>().ok().filter(|p| *p > 0);
    if project.is_empty() {
        err("project", "Enter the SD Elements project id.".into());
    } else if project_id.is_none() {
        err(
            "project",
            format!("'{project}' is not a project id: use a whole number above 0, such as 42."),
        );
    }
    let params = match params_json(&form.params) {
        Ok(p) => p,
        Err(message) => {
            err("params", message);
            None
        }
    };
    match (errors.is_empty(), project_id) {
        (true, Some(project)) => Ok(CheckedUpload {
            system: system.to_string(),
            project,
            params,
        }),
        _ => Err(errors),
    }
}

/// The key/value rows as a JSON object (`None` when every row is blank). Keys must be present and unique.
pub fn params_json(rows: &[(String, String)]) -> Result<Option<String>, String> {
    let mut fields: Vec<(String, crate::json_tree::Json)> = Vec::new();
    for (key, value) in rows {
        let key = key.trim();
        if key.is_empty() && value.trim().is_empty() {
            continue;
        }
        if key.is_empty() {
            return Err(format!("The value '{}' needs a name.", value.trim()));
        }
        if fields.iter().any(|(k, _)| k == key) {
            return Err(format!("'{key}' is given twice: keep one."));
        }
        fields.push((key.to_string(), value.as_str().into()));
    }
    Ok((!fields.is_empty()).then(|| crate::json_tree::Json::Object(fields).to_string()))
}

/// A report file's type in words, from its extension (browsers give `.fpr` no type at all), then from the
/// type the browser gave.
pub fn file_type_label(file_name: &str, mime: &str) -> String {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let known = match ext.as_str() {
        "fpr" => "Fortify project results (FPR)",
        "fvdl" => "Fortify analysis results (FVDL)",
        "xml" => "XML document",
        "json" => "JSON document",
        "sarif" => "SARIF results (JSON)",
        "zip" => "ZIP archive",
        "csv" => "CSV table",
        "html" | "htm" => "HTML report",
        "nessus" => "Nessus results (XML)",
        "ozasmt" => "AppScan Source assessment (XML)",
        "txt" => "Plain text",
        _ => "",
    };
    if !known.is_empty() {
        known.to_string()
    } else if mime.is_empty() {
        "type not recognised".to_string()
    } else {
        mime.to_string()
    }
}

/// `2.9 KB`, `100 MB`, `1.5 GB` (powers of 1024).
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    // Integer arithmetic in tenths: no float formatting code in the bundle, and exact rounding.
    let bytes = u128::from(bytes);
    let mut unit = 0;
    let mut divisor: u128 = 1024;
    while bytes >= divisor * 1024 && unit < UNITS.len() - 1 {
        divisor *= 1024;
        unit += 1;
    }
    let tenths = (bytes * 10 + divisor / 2) / divisor;
    if tenths >= 1000 {
        format!("{} {}", (bytes + divisor / 2) / divisor, UNITS[unit])
    } else if tenths.is_multiple_of(10) {
        format!("{} {}", tenths / 10, UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_types_are_named_in_words() {
        assert_eq!(
            file_type_label("scan.FPR", ""),
            "Fortify project results (FPR)"
        );
        assert_eq!(file_type_label("zap.xml", "text/xml"), "XML document");
        assert_eq!(
            file_type_label("report.bin", "application/x-thing"),
            "application/x-thing"
        );
        assert_eq!(file_type_label("noext", ""), "type not recognised");
    }

    #[test]
    fn a_new_file_sets_or_clears_the_scanner() {
        let burp = detect_system(
            "burp.xml",
            b"<?xml version='1.0'?><issues burpVersion='2023.1'>",
        );
        let set = scanner_for_file("burp.xml", burp.as_ref());
        assert_eq!(set.choice, "burp_file_upload");
        assert!(
            set.note.contains("Recognised as Burp Suite"),
            "{}",
            set.note
        );
        let cleared = scanner_for_file("notes.txt", detect_system("notes.txt", b"hello").as_ref());
        assert_eq!(
            cleared.choice, "",
            "an unrecognised file clears the previous file's choice"
        );
        assert!(
            cleared.note.contains("notes.txt was not recognised"),
            "{}",
            cleared.note
        );
    }

    fn system(name: &str, text: &str) -> Option<&'static str> {
        detect_system(name, text.as_bytes()).map(|d| d.system)
    }

    #[test]
    fn detects_xml_reports_by_root_element() {
        assert_eq!(
            system(
                "r.xml",
                "<?xml version=\"1.0\"?>\n<ReportDefinition type=\"xml\">"
            ),
            Some("fortify_file_upload")
        );
        assert_eq!(
            system("r.xml", "<OWASPZAPReport version=\"2.9.0\">"),
            Some("zap_file_upload")
        );
        assert_eq!(
            system(
                "r.xml",
                "\u{feff}<?xml version=\"1.0\"?><!-- x --><CxXMLResults>"
            ),
            Some("checkmarx_file_upload")
        );
        assert_eq!(
            system("r.xml", "<detailedreport xmlns=\"x\">"),
            Some("veracode_file_upload")
        );
        assert_eq!(
            system("r.xml", "<xml-report name=\"AppScan Report\">"),
            Some("appscan_file_upload")
        );
        assert_eq!(system("r.xml", "<?xml version=\"1.0\"?><!DOCTYPE issues [<!ELEMENT issues (issue*)> <!ATTLIST issues burpVersion CDATA \"\">]><issues burpVersion=\"2.0\">"), Some("burp_file_upload"));
        assert_eq!(
            system("r.xml", "<Sessions><Session>"),
            Some("webinspect_file_upload")
        );
        let reason = detect_system("r.xml", b"<OWASPZAPReport>").unwrap().reason;
        assert_eq!(reason, "its root element is <OWASPZAPReport>.");
    }

    #[test]
    fn unknown_or_ambiguous_files_are_not_guessed() {
        assert_eq!(
            system("r.xml", "<issues>"),
            None,
            "<issues> without burpVersion"
        );
        assert_eq!(system("r.xml", "<html><body>"), None);
        assert_eq!(system("r.txt", "plain text"), None);
        assert_eq!(system("r.json", "{\"a\": 1}"), None);
        assert_eq!(system("r.zip", "PK\u{3}\u{4}other.txt"), None);
        assert_eq!(system("r.xml", "<?xml version=\"1.0\""), None, "cut short");
    }

    #[test]
    fn detects_fpr_and_whitehat() {
        assert_eq!(
            system("x.bin", "PK\u{3}\u{4}\u{14}\0audit.fvdl"),
            Some("fortify_file_upload")
        );
        assert_eq!(
            system("scan.fpr", "PK\u{3}\u{4}\u{14}\0"),
            Some("fortify_file_upload")
        );
        assert_eq!(
            system("w.json", "{\n  \"collection\": [{\"site_name\": \"x\"}]"),
            Some("whitehat_file_upload")
        );
    }

    #[test]
    fn every_shared_sample_is_recognized() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
        if !dir.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have shared/ beside the repo"
            );
            return;
        }
        for (file, expected) in [
            ("fortify-report-definition.xml", "fortify_file_upload"),
            ("fortify-hello-world.fpr", "fortify_file_upload"),
            ("zap-report.xml", "zap_file_upload"),
            ("checkmarx-report.xml", "checkmarx_file_upload"),
            ("veracode-report.xml", "veracode_file_upload"),
            ("appscan-report.xml", "appscan_file_upload"),
            ("burp-report.xml", "burp_file_upload"),
            ("whitehat-sentinel.json", "whitehat_file_upload"),
        ] {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            assert_eq!(
                detect_system(file, head).map(|d| d.system),
                Some(expected),
                "{file}"
            );
        }
    }

    fn form(file: Option<(&str, u64)>, system: &str, project: &str) -> UploadForm {
        UploadForm {
            file: file.map(|(n, s)| (n.to_string(), s)),
            system: system.into(),
            project: project.into(),
            params: Vec::new(),
        }
    }

    fn fields(result: Result<CheckedUpload, Vec<(String, String)>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn checks_name_each_field() {
        let max = 100 * 1024 * 1024;
        assert_eq!(
            check_upload(&form(Some(("r.xml", 10)), "zap_file_upload", " 7 "), max),
            Ok(CheckedUpload {
                system: "zap_file_upload".into(),
                project: 7,
                params: None
            })
        );
        assert_eq!(
            fields(check_upload(&form(None, "", ""), max)),
            ["report_file", "system", "project"]
        );
        assert_eq!(
            fields(check_upload(
                &form(Some(("r.xml", 0)), "zap_file_upload", "1"),
                max
            )),
            ["report_file"]
        );
        for bad in ["0", "-3", "1.5", "abc", "12abc"] {
            assert_eq!(
                fields(check_upload(
                    &form(Some(("r.xml", 1)), "zap_file_upload", bad),
                    max
                )),
                ["project"],
                "{bad}"
            );
        }
        assert_eq!(
            fields(check_upload(
                &form(Some(("r.xml", 1)), "zap file", "1"),
                max
            )),
            ["system"]
        );
    }

    #[test]
    fn the_size_limit_says_why() {
        let result = check_upload(
            &form(Some(("big.xml", 150 * 1024 * 1024)), "zap_file_upload", "1"),
            100 * 1024 * 1024,
        );
        let message = &result.unwrap_err()[0].1;
        assert!(
            message.contains("150 MB")
                && message.contains("100 MB limit")
                && message.contains("maxUploadMb"),
            "{message}"
        );
    }

    #[test]
    fn params_become_a_json_object() {
        let rows = |r: &[(&str, &str)]| {
            r.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(params_json(&rows(&[])), Ok(None));
        assert_eq!(params_json(&rows(&[("", " ")])), Ok(None));
        assert_eq!(
            params_json(&rows(&[("sde_project", "1"), ("tag", "a\"b")])),
            Ok(Some(r#"{"sde_project":"1","tag":"a\"b"}"#.into()))
        );
        assert!(params_json(&rows(&[("", "orphan")])).is_err());
        assert!(params_json(&rows(&[("k", "1"), ("k", "2")]))
            .unwrap_err()
            .contains("twice"));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_bytes(0), "0 bytes");
        assert_eq!(format_bytes(2977), "2.9 KB");
        assert_eq!(format_bytes(100 * 1024 * 1024), "100 MB");
        assert_eq!(format_bytes(1536 * 1024 * 1024), "1.5 GB");
        assert_eq!(format_bytes(1023), "1023 bytes");
        assert_eq!(
            format_bytes(3 * 1024 - 10),
            "3 KB",
            "2.99 rounds to a whole number"
        );
        assert_eq!(
            format_bytes(150 * 1024 + 400),
            "150 KB",
            "no tenths from 100 up"
        );
        assert_eq!(format_bytes(u64::MAX), "16777216 TB");
    }
}
