//! `kyklos serve`: build the site into memory, serve it, rebuild when a source changes, and
//! push a reload to open pages. Preview only: the files in `dist/` are what gets published.
//!
//! watch ([`watch`]: notify) → rebuild ([`state`]: the pipeline into memory) → status event
//! → open pages reload ([`http`]: hyper, server-sent events, `reload.js`). Nothing is written
//! to disk, so there is no preview folder to leave behind or to be tricked into following.

pub mod conns;
pub mod http;
pub mod paths;
pub mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostics::Diagnostics;
use crate::model::config::Config;

/// What `kyklos serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port (printed).
    pub port: u16,
    /// Open the preview in the browser.
    pub open: bool,
    /// Build the SCORM packages with every rebuild instead of on request.
    pub packages: bool,
    /// Print each rebuild's step timings.
    pub verbose: bool,
}

/// Serves until Ctrl+C (SIGINT) or SIGTERM. `Err` is a message for the terminal (exit 1).
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    // Events name absolute paths; the site's own paths are compared with them.
    let root = &std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    if !root.join("site.yaml").is_file() {
        return Err(format!(
            "{} has no site.yaml, so it is not a kyklos site\n  hint: run kyklos serve in the site's folder, pass --root FOLDER, or start one with kyklos new FOLDER",
            root.display()
        ));
    }
    let listener = std::net::TcpListener::bind((opts.bind, opts.port)).map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if let Some(warning) = bind_warning(opts.bind) {
        eprintln!("{warning}");
    }
    let state = state::State::new(root, opts.packages, opts.verbose);
    let mut watcher = watch::Watcher::start(root, &named_files(root)).map_err(|e| format!("cannot watch {} for changes: {e}", root.display()))?;
    state.rebuild(false, false, None);
    let url = url_of(addr);
    eprintln!("Serving {} at {url} (Ctrl+C to stop)", root.display());
    {
        let state = state.clone();
        let root = root.clone();
        std::thread::spawn(move || {
            while let Some(paths) = watcher.next_change(&named_files(&root)) {
                let shown: Vec<String> = paths.iter().take(3).map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string()).collect();
                let more = if paths.len() > 3 { format!(" and {} more", paths.len() - 3) } else { String::new() };
                eprintln!("Changed: {}{more}", shown.join(", "));
                // A change the watcher may have missed: the next build reads everything.
                let complete = !std::mem::take(&mut watcher.missed);
                state.rebuild(false, false, Some(&paths).filter(|_| complete).map(Vec::as_slice));
            }
        });
    }
    if opts.open {
        open_browser(&url);
    }
    let instance = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64 % 1_000_000_000).unwrap_or(0);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let result = runtime.block_on(async {
        tokio::select! {
            served = http::run(listener, Arc::clone(&state), instance) => served.map_err(|e| e.to_string()),
            () = stop_signal() => Ok(()),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(500));
    eprintln!("Stopped.");
    result
}

/// Any address but loopback opens the preview to the network.
pub fn bind_warning(bind: IpAddr) -> Option<String> {
    (!bind.is_loopback())
        .then(|| format!("warning: serving on {bind} makes the preview reachable from other machines on the network; use it only on a network you trust"))
}

/// `http://127.0.0.1:8000/`, `http://[::1]:8000/`.
pub fn url_of(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// The files site.yaml names that the build reads besides the source folders (a change to one
/// rebuilds): the logo and the badges' images, relative to the site folder.
fn named_files(root: &Path) -> Vec<PathBuf> {
    let Some(config) = Config::from_root(root, &mut Diagnostics::new()) else { return Vec::new() };
    let badges = config.journey.badges.iter().filter_map(|b| b.image.clone());
    config.logo.clone().into_iter().chain(badges).map(PathBuf::from).collect()
}

/// Ctrl+C, or SIGTERM on Unix (what `kill` and service managers send).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {},
                _ = term.recv() => {},
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Opens the URL in the default browser (xdg-open, open, or start).
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd.arg(url).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn();
    if spawned.is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_is_quiet() {
        assert!(bind_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(bind_warning("::1".parse().unwrap()).is_none());
        assert!(bind_warning("0.0.0.0".parse().unwrap()).unwrap().contains("other machines"));
        assert!(bind_warning("192.168.1.5".parse().unwrap()).is_some());
        assert_eq!(url_of("[::1]:8000".parse().unwrap()), "http://[::1]:8000/");
    }
}
