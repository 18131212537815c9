//! Starts the development backend: `dev-backend --help` lists the flags.

use clap::Parser;
use dev_backend::demo::demo_data;
use dev_backend::store::{now_millis, Data};
use dev_backend::{router, AppState, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// A stand-in for the SD Elements jobs API and the access-service LDAP API, serving the console.
#[derive(Parser, Debug)]
#[command(name = "dev-backend")]
struct Args {
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: String,
    /// Port (0 picks a free one)
    #[arg(long, value_name = "N", default_value_t = 8080)]
    port: u16,
    /// The built console to serve at /
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// Load users, connections, jobs and LDAP connections from FILE (the --dump-data format)
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Generate N demo jobs
    #[arg(long, value_name = "N", default_value_t = 300)]
    jobs: usize,
    /// Seed of the demo data
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// How long a started job runs
    #[arg(long, value_name = "N", default_value_t = 3000)]
    job_delay_ms: u64,
    /// Largest accepted report upload
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_upload_mb: usize,
    /// Token with full access
    #[arg(long, value_name = "T", default_value = "demo-admin-token")]
    admin_token: String,
    /// Token that reads without params
    #[arg(long, value_name = "T", default_value = "demo-readonly-token")]
    readonly_token: String,
    /// Send the add_header lines of this nginx file with the console's files
    /// (deploy/nginx/snippets/console-headers.conf: the production CSP)
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    security_headers: Option<PathBuf>,
    /// What $console_backends stands for in that file (space separated) [default: none]
    #[arg(
        long,
        value_name = "ORIGINS",
        default_value = "",
        hide_default_value = true
    )]
    csp_backends: String,
    /// Stop by itself after SECS (tests)
    #[arg(long, value_name = "SECS")]
    exit_after: Option<u64>,
    /// Print the demo data as JSON and exit
    #[arg(long)]
    dump_data: bool,
}

impl Args {
    fn settings(&self) -> Result<Settings, String> {
        let mut settings = Settings {
            admin_token: self.admin_token.clone(),
            readonly_token: self.readonly_token.clone(),
            job_delay: Duration::from_millis(self.job_delay_ms),
            max_upload_bytes: self.max_upload_mb * 1024 * 1024,
            dist: Some(self.dist.clone()),
            security_headers: Vec::new(),
            api_headers: dev_backend::headers::api(),
        };
        if let Some(path) = &self.security_headers {
            let conf = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            settings.security_headers = dev_backend::headers::from_nginx(&conf, &self.csp_backends)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(settings)
    }
}

fn load(args: &Args) -> Result<Data, String> {
    match &args.data {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            serde_json::from_str(&text)
                .map_err(|e| format!("{} is not valid backend data: {e}", path.display()))
        }
        None => Ok(demo_data(args.jobs, args.seed, now_millis())),
    }
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let settings = args.settings().unwrap_or_else(|e| {
        eprintln!("dev-backend: {e}");
        std::process::exit(2);
    });
    let data = load(&args).unwrap_or_else(|e| {
        eprintln!("dev-backend: {e}");
        std::process::exit(2);
    });
    if args.dump_data {
        println!(
            "{}",
            serde_json::to_string_pretty(&data).expect("data serializes")
        );
        return;
    }
    let state = AppState::new(data.clone(), settings.clone());
    state.dev.lock().expect("dev lock").initial = Some(data.clone());
    state.resume_running_jobs();

    let address: SocketAddr = format!("{}:{}", args.host, args.port)
        .parse()
        .unwrap_or_else(|_| {
            eprintln!("dev-backend: '{}' is not an IP address", args.host);
            std::process::exit(2);
        });
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .unwrap_or_else(|e| {
            eprintln!("dev-backend: cannot listen on {address}: {e}");
            std::process::exit(1);
        });
    let url = format!("http://{}", listener.local_addr().expect("bound address"));
    let served = match &settings.dist {
        Some(dist) if dist.join("index.html").exists() => {
            format!("the console from {}", dist.display())
        }
        _ => "no console build (run scripts/run.sh to build it)".into(),
    };
    println!("Integration Console development backend");
    println!("  Open the console:  {url}/");
    println!("  SD Elements API:   {url}/api/v2/jobs/          Authorization: Token <token>");
    println!("  access-service:    {url}/api/v1/ldapconnections Authorization: Bearer <token>");
    println!("  Admin token:       {}", settings.admin_token);
    println!("  Read-only token:   {}", settings.readonly_token);
    println!(
        "  Data:              {} jobs, {} LDAP connections; serving {served}",
        data.jobs.len(),
        data.ldap_connections.len()
    );
    println!("  Paste a token into the console's Settings page. Ctrl-C stops the backend.");

    let app = router(state);
    let exit_after = args.exit_after;
    let shutdown = async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match exit_after {
            Some(secs) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = tokio::time::sleep(Duration::from_secs(secs)) => eprintln!("dev-backend: --exit-after {secs}s reached, stopping"),
                }
            }
            None => ctrl_c.await,
        }
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("dev-backend: {e}");
        std::process::exit(1);
    }
}
