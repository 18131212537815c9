//! Starts the development backend: `dev-backend --help` lists the flags.

use dev_backend::demo::demo_data;
use dev_backend::store::{now_millis, Data};
use dev_backend::{router, AppState, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

const HELP: &str = "\
dev-backend: a stand-in for the SD Elements jobs API and the access-service LDAP API, serving the console.

Flags (all optional):
  --host ADDR            address to listen on              [127.0.0.1]
  --port N               port (0 picks a free one)         [8080]
  --dist DIR             the built console to serve at /   [dist]
  --data FILE            load users, connections, jobs and LDAP connections from FILE (the --dump-data format)
  --jobs N               generate N demo jobs              [300]
  --seed N               seed of the demo data             [1]
  --job-delay-ms N       how long a started job runs       [3000]
  --max-upload-mb N      largest accepted report upload    [100]
  --admin-token T        token with full access            [demo-admin-token]
  --readonly-token T     token that reads without params   [demo-readonly-token]
  --security-headers FILE  send the add_header lines of this nginx file with the console's files
                         (deploy/nginx/snippets/console-headers.conf: the production CSP)
  --csp-backends ORIGINS what $console_backends stands for in that file (space separated) [none]
  --exit-after SECS      stop by itself after SECS (tests)
  --dump-data            print the demo data as JSON and exit
";

struct Args {
    host: String,
    port: u16,
    data: Option<PathBuf>,
    jobs: usize,
    seed: u64,
    exit_after: Option<u64>,
    dump: bool,
    security_headers: Option<PathBuf>,
    csp_backends: String,
    settings: Settings,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        host: "127.0.0.1".into(),
        port: 8080,
        data: None,
        jobs: 300,
        seed: 1,
        exit_after: None,
        dump: false,
        security_headers: None,
        csp_backends: String::new(),
        settings: Settings {
            dist: Some(PathBuf::from("dist")),
            ..Settings::default()
        },
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag} takes a whole number, not '{v}'"))
        };
        match flag.as_str() {
            "--host" => args.host = value()?,
            "--port" => {
                args.port = number(value()?)?
                    .try_into()
                    .map_err(|_| "--port is at most 65535")?
            }
            "--dist" => args.settings.dist = Some(PathBuf::from(value()?)),
            "--data" => args.data = Some(PathBuf::from(value()?)),
            "--jobs" => args.jobs = number(value()?)? as usize,
            "--seed" => args.seed = number(value()?)?,
            "--job-delay-ms" => args.settings.job_delay = Duration::from_millis(number(value()?)?),
            "--max-upload-mb" => {
                args.settings.max_upload_bytes = number(value()?)? as usize * 1024 * 1024
            }
            "--admin-token" => args.settings.admin_token = value()?,
            "--readonly-token" => args.settings.readonly_token = value()?,
            "--exit-after" => args.exit_after = Some(number(value()?)?),
            "--dump-data" => args.dump = true,
            "--security-headers" => args.security_headers = Some(PathBuf::from(value()?)),
            "--csp-backends" => args.csp_backends = value()?,
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown flag {other}; see --help")),
        }
    }
    if let Some(path) = &args.security_headers {
        let conf = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        args.settings.security_headers =
            dev_backend::headers::from_nginx(&conf, &args.csp_backends)
                .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(args)
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
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("dev-backend: {e}");
        std::process::exit(2);
    });
    let data = load(&args).unwrap_or_else(|e| {
        eprintln!("dev-backend: {e}");
        std::process::exit(2);
    });
    if args.dump {
        println!(
            "{}",
            serde_json::to_string_pretty(&data).expect("data serializes")
        );
        return;
    }
    let settings = args.settings.clone();
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
