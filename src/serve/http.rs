//! Answering requests: the site-relative path a request may name, content types, the
//! reload script stamped into pages, not-found pages and the Server-Sent Events stream.

use super::*;

/// The site-relative path a request names (`regions/gulf/`, `css/x.css`), or `None` to
/// refuse it: no `.`/`..`/empty segments, no backslashes, no encoded slashes or NULs,
/// nothing outside `base_path`.
pub fn request_path(url: &str, base_path: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || path.contains('\\')
        || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e))
    {
        return None;
    }
    let rest = crate::url::percent_decode(path)?
        .strip_prefix(base_path)?
        .to_string();
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let bad = |(i, s): (usize, &&str)| {
        (s.is_empty() && i != last) || matches!(*s, "." | "..") || s.contains(['\\', '\0'])
    };
    if segments.iter().enumerate().any(bad) {
        return None;
    }
    Some(rest)
}

pub(super) fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Stands for the build id in the injected script until a page is served: pages stay the
/// same from build to build (so unchanged ones are linked, not rewritten), and each served
/// page still knows its build, so one opened just before a rebuild reloads too.
pub(super) const BUILD_MARK: &str = "const built = \"__gazette_build__\";";

/// The live-reload script injected into every served page.
pub(super) fn reload_script() -> String {
    format!(
        r#"<script>(() => {{
  {BUILD_MARK}
  const events = new EventSource("{EVENTS_PATH}");
  events.onmessage = (message) => {{
    const state = JSON.parse(message.data);
    let box = document.getElementById("gazette-build-error");
    if (state.error) {{
      if (!box) {{
        box = document.createElement("pre");
        box.id = "gazette-build-error";
        box.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5em;overflow:auto;white-space:pre-wrap;background:rgba(30,0,0,.94);color:#fff;font:14px/1.5 monospace";
        document.body.appendChild(box);
      }}
      box.textContent = "gazette: the last change does not build; this is the previous version.\n\n" + state.error;
    }} else if (state.build !== built) {{
      events.close();
      location.reload();
    }} else if (box) {{
      box.remove();
    }}
  }};
}})();</script>
"#
    )
}

pub(super) type Reply = tiny_http::Response<Box<dyn std::io::Read + Send>>;

pub(super) fn reply(
    status: u16,
    content_type: &str,
    body: Box<dyn std::io::Read + Send>,
    len: Option<usize>,
) -> Reply {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
    };
    tiny_http::Response::new(
        status.into(),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
        ],
        body,
        len,
        None,
    )
}

pub(super) fn html_reply(status: u16, html: String) -> Reply {
    let len = html.len();
    reply(
        status,
        "text/html; charset=utf-8",
        Box::new(std::io::Cursor::new(html)),
        Some(len),
    )
}

pub(super) fn handle(request: tiny_http::Request, out: &Path, live: &Arc<Live>) {
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        let live = live.clone();
        std::thread::spawn(move || stream_events(request, &live));
        return;
    }
    let status = live.current();
    let response = if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        html_reply(405, "method not allowed\n".into())
    } else if url.split('?').next() == Some("/") && status.base_path != "/" {
        redirect(&status.base_path)
    } else {
        match request_path(&url, &status.base_path).and_then(|rel| find_file(out, &rel)) {
            Some(Found::File(path)) if path.extension().is_some_and(|e| e == "html") => {
                match std::fs::read_to_string(&path) {
                    Ok(html) => html_reply(200, stamp(html, &status.build)),
                    Err(_) => not_found(out, &status),
                }
            }
            Some(Found::File(path)) => match std::fs::File::open(&path) {
                Ok(file) => {
                    let len = file.metadata().ok().map(|m| m.len() as usize);
                    reply(200, content_type(&path), Box::new(file), len)
                }
                Err(_) => not_found(out, &status),
            },
            Some(Found::Folder) => redirect(&format!("{}/", url.split('?').next().unwrap_or(""))),
            None => not_found(out, &status),
        }
    };
    let _ = request.respond(response);
}

pub(super) enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing `/`: relative links need it.
    Folder,
}

pub(super) fn find_file(out: &Path, rel: &str) -> Option<Found> {
    let mut path = out.join(rel);
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return Some(Found::Folder);
        }
        path.push("index.html");
    }
    // Belt and braces: whatever the path says, the real file must be inside `out`.
    let real = path.canonicalize().ok()?;
    (real.starts_with(out.canonicalize().ok()?) && real.is_file()).then_some(Found::File(real))
}

/// A temporary redirect (307): a browser keeps a 301 for good, and would go on sending
/// `/` to this site's sub-path after another site is served on the same port.
pub(super) fn redirect(location: &str) -> Reply {
    let mut response = html_reply(307, String::new());
    if let Ok(header) = tiny_http::Header::from_bytes(&b"Location"[..], location.as_bytes()) {
        response.add_header(header);
    }
    response
}

/// The site's own 404 page; before any good build, a bare page that still live-reloads.
pub(super) fn not_found(out: &Path, status: &Status) -> Reply {
    let html = std::fs::read_to_string(out.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><title>Not found</title><body><p>Not found.</p>{}</body>",
            reload_script()
        )
    });
    html_reply(404, stamp(html, &status.build))
}

/// Put the build the page belongs to into its reload script. `build` is read before the
/// file, so at worst a page is stamped older than it is and reloads once more.
pub(super) fn stamp(mut html: String, build: &str) -> String {
    if let Some(at) = html.rfind(BUILD_MARK) {
        let id = format!("const built = {};", serde_json::Value::from(build));
        html.replace_range(at..at + BUILD_MARK.len(), &id);
    }
    html
}

/// One Server-Sent Events stream: the current state at once, then every change, with a
/// comment every 15 s so a closed tab is noticed and its thread ends.
pub(super) fn stream_events(request: tiny_http::Request, live: &Live) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut seen = None;
    let mut message = head.to_string();
    loop {
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        message = match live.wait_change(seen, Duration::from_secs(15)) {
            Some(status) => {
                seen = Some(status.generation);
                let data = serde_json::json!({ "build": status.build, "error": status.error });
                format!("data: {data}\n\n")
            }
            None => ": keep-alive\n\n".to_string(),
        };
    }
}
