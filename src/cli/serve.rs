//! `ketensim serve`: hosts training days on the network (feature `serve`).
//! Starts a session per scenario file given (or goes on with the sessions
//! of `--resume`), prints the join codes and the addresses to type, and
//! serves until it is stopped (Ctrl+C). See `docs/protocol.md` and the
//! README's "Een trainingsdag op een netwerk".

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::core::library;
use crate::core::scenario::load_file;
use crate::core::store;
use crate::host::{self, Hosted};

#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// A session for each file (the same file twice: two sessions).
    pub scenarios: Vec<PathBuf>,
    /// Sessions to go on with after a stop (journal or log files).
    pub resume: Vec<PathBuf>,
    /// The folder to find a resumed session's scenario in.
    pub library: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// The seats (roles); default: every playable role.
    pub roles: Vec<String>,
    pub seed: Option<u64>,
    /// Where the journals go (default: the data folder's `sessies`).
    pub data: Option<PathBuf>,
    pub quiet: bool,
}

pub fn run(args: &ServeArgs) -> ExitCode {
    match start(args) {
        Ok(h) => {
            h.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn seed(args: &ServeArgs) -> Result<u64, String> {
    match args.seed {
        Some(s) => Ok(s),
        None => {
            let mut b = [0u8; 8];
            getrandom::fill(&mut b).map_err(|e| format!("no random source: {e}"))?;
            // A seed that is easy to read back from the log.
            Ok(u64::from_le_bytes(b) % 1_000_000)
        }
    }
}

/// Prepares the sessions and starts the host; prints what to type.
pub fn start(args: &ServeArgs) -> Result<host::RunningHost, String> {
    if args.scenarios.is_empty() && args.resume.is_empty() {
        return Err("give a scenario file to host (or --resume a session file)".into());
    }
    let dir = args
        .data
        .clone()
        .unwrap_or_else(|| store::data_dir().join("sessies"));
    let mut sessions = Vec::new();
    for file in &args.resume {
        sessions.push(Hosted::resume(file, |id, hash| {
            library::find(&args.library, id, hash)
        })?);
    }
    for file in &args.scenarios {
        let c = Arc::new(load_file(file).map_err(|d| d.to_string())?.compiled);
        let roles: Vec<String> = if args.roles.is_empty() {
            c.scenario
                .roles
                .iter()
                .filter(|r| r.playable)
                .map(|r| r.id.clone())
                .collect()
        } else {
            args.roles.clone()
        };
        sessions.push(Hosted::start(c, seed(args)?, &roles, &dir)?);
    }
    let h = host::spawn(SocketAddr::new(args.bind, args.port), sessions, !args.quiet)?;
    println!(
        "ketensim host: protocol {}",
        crate::core::protocol::PROTOCOL
    );
    println!("Adres om in te typen op elke laptop:");
    for a in addresses(args.bind, h.addr.port()) {
        println!("    {a}");
    }
    for (i, s) in h.sessions.iter().enumerate() {
        println!();
        println!("Sessie {}: {}", i + 1, s.title);
        println!("    Code voor de tafels:  {}", spaced(&s.code));
        println!("    Code voor de trainer: {}", spaced(&s.trainer_code));
        println!("    Plaatsen: {}", s.seats.join(", "));
        println!("    Journaal: {}", s.file.display());
    }
    println!();
    println!(
        "Poort {} (TCP) moet open staan in de firewall van deze laptop. Stoppen: Ctrl+C; verder gaan: ketensim serve --resume <journaal>.",
        h.addr.port()
    );
    Ok(h)
}

/// "K7M 4QX": easier to read aloud.
fn spaced(code: &str) -> String {
    let mid = code.len() / 2;
    format!("{} {}", &code[..mid], &code[mid..])
}

/// The addresses a laptop in the room can reach the host on: the
/// loopback address when bound to it; otherwise the host name and the
/// address of the interface of the default route (found without sending
/// anything: a UDP socket is connected, not used).
fn addresses(bind: IpAddr, port: u16) -> Vec<String> {
    if bind.is_loopback() {
        return vec![format!("{bind}:{port}")];
    }
    let mut out = Vec::new();
    if !bind.is_unspecified() {
        out.push(format!("{bind}:{port}"));
        return out;
    }
    if let Ok(sock) = std::net::UdpSocket::bind("0.0.0.0:0")
        && sock.connect("192.0.2.1:9").is_ok()
        && let Ok(local) = sock.local_addr()
    {
        out.push(format!("{}:{port}", local.ip()));
    }
    if let Ok(name) = std::fs::read_to_string("/etc/hostname") {
        let name = name.trim();
        if !name.is_empty() {
            out.push(format!("{name}:{port}"));
        }
    }
    if out.is_empty() {
        out.push(format!("<IP-adres van deze laptop>:{port}"));
    }
    out
}
