//! Exports of the jobs on screen: CSV for spreadsheets and JSON for scripts. Neither carries a secret:
//! CSV has no parameters at all, JSON masks every secret parameter.

use crate::job::{Job, JobKind};
use crate::json_tree::Json;
use crate::secret::exported_param;
#[cfg(test)]
use crate::secret::MASK;
use crate::to_json::ToJson;

const HEADER: [&str; 13] = [
    "id",
    "kind",
    "status",
    "connection_id",
    "connection",
    "system",
    "project",
    "triggered_by",
    "user",
    "automatic",
    "last_run",
    "result_message",
    "attachment",
];

/// Characters that make a spreadsheet read a cell as a formula, full-width and small forms included
/// (spreadsheets fold them to the ASCII ones).
const FORMULA_STARTS: [char; 11] = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣'];

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A value a
/// spreadsheet would run as a formula (its first character after any whitespace, no-break space included,
/// one of [`FORMULA_STARTS`], or a tab or carriage return first) gets a leading `'`, so an exported job
/// message cannot execute in the admin's spreadsheet.
pub fn csv_field(value: &str) -> String {
    let formula = value.starts_with(['\t', '\r']) || value.trim_start().starts_with(FORMULA_STARTS);
    let guarded = if formula {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The jobs as CSV, one line per job, CRLF line ends (what spreadsheets expect).
pub fn jobs_to_csv<'a>(jobs: impl IntoIterator<Item = &'a Job>) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for job in jobs {
        let c = &job.connection;
        let fields = [
            job.id.to_string(),
            JobKind::derive(c).slug().to_string(),
            job.status().label().to_string(),
            c.id.to_string(),
            c.alias.clone(),
            c.system.display_name().to_string(),
            c.project.map(|p| p.to_string()).unwrap_or_default(),
            job.triggered_by
                .as_ref()
                .map(|u| u.email().to_string())
                .unwrap_or_default(),
            job.user
                .as_ref()
                .map(|u| u.email().to_string())
                .unwrap_or_default(),
            job.automatic.to_string(),
            job.last_run.clone().unwrap_or_default(),
            job.result_message().to_string(),
            job.attachment.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The jobs as a JSON array in the API's shape, every secret parameter replaced by a mask.
pub fn jobs_to_json<'a>(jobs: impl IntoIterator<Item = &'a Job>) -> String {
    let values: Vec<Json> = jobs
        .into_iter()
        .map(|job| {
            let mut value = job.to_json();
            let params = value
                .get_mut("connection")
                .and_then(|c| c.get_mut("params"));
            if let Some(Json::Object(params)) = params {
                for (key, v) in params.iter_mut() {
                    *v = exported_param(key, v);
                }
            }
            value
        })
        .collect();
    Json::Array(values).pretty()
}

/// A file name for an export taken at `now_ms`: `jobs-alm-2026-11-22T1015.csv`.
/// The file formats an export can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }
}

pub fn export_file_name(kind: JobKind, now_ms: i64, format: ExportFormat) -> String {
    let stamp = crate::timefmt::format_rfc3339_millis(now_ms);
    let compact: String = stamp[..16].chars().filter(|c| *c != ':').collect();
    format!("jobs-{}-{compact}.{}", kind.slug(), format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(alias: &str, message: &str) -> Job {
        serde_json::from_value(serde_json::json!({
            "id": 5, "user": "u@example.com", "triggered_by": "t@example.com", "succeeded": false,
            "automatic": false, "ready": true, "result_message": message,
            "last_run": "2026-11-22T10:00:00Z", "attachment": null,
            "connection": {"id": 12, "alias": alias, "system": "Rally", "project": 7,
                           "params": {"alm_server": "rally", "alm_pass": "hunter2", "api_token": "t0k"}}
        }))
        .unwrap()
    }

    #[test]
    fn csv_fields_are_escaped() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("gg'"), "gg'");
    }

    #[test]
    fn csv_formulas_are_neutralized() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("  =1+1"), "'  =1+1");
        assert_eq!(csv_field("\u{a0}=1+1"), "'\u{a0}=1+1");
        assert_eq!(csv_field("\u{3000}+cmd"), "'\u{3000}+cmd");
        for wide in ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1"] {
            assert_eq!(csv_field(wide), format!("'{wide}"), "{wide}");
        }
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field(" plain text"), " plain text");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_job() {
        let jobs = [
            job("My, Connection", "Failed: \"timeout\""),
            job("Other", "=cmd"),
        ];
        let csv = jobs_to_csv(&jobs);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(
            lines[1],
            "5,alm,Failed,12,\"My, Connection\",Rally,7,t@example.com,u@example.com,false,2026-11-22T10:00:00Z,\"Failed: \"\"timeout\"\"\","
        );
        assert!(lines[2].contains(",'=cmd,"));
        assert_eq!(lines.len(), 4, "trailing CRLF");
        assert!(!csv.contains("hunter2"));
    }

    #[test]
    fn json_masks_secrets_and_keeps_the_rest() {
        let json = jobs_to_json(&[job("A", "")]);
        assert!(!json.contains("hunter2") && !json.contains("t0k"));
        let back: Vec<Job> = serde_json::from_str(&json).unwrap();
        let params = back[0].connection.params.as_ref().unwrap();
        assert_eq!(params.get("alm_server").unwrap(), &Json::from("rally"));
        assert_eq!(params.get("alm_pass").unwrap(), &Json::from(MASK));
    }

    #[test]
    fn file_names() {
        assert_eq!(
            export_file_name(JobKind::Alm, 1_763_806_500_000, ExportFormat::Csv),
            "jobs-alm-2025-11-22T1015.csv"
        );
    }
}
