//! A minimal LSP client for end-to-end tests: starts a server process and speaks JSON-RPC
//! (Content-Length framing) over its stdio. Shared by `lsp.rs` and `rust_analyzer.rs`.
// Each test binary compiles this module and uses part of it.
#![allow(dead_code)]

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long to wait before deciding the server hangs (a guard, not a measurement: a healthy
/// server answers in milliseconds, rust-analyzer loads a small crate in seconds).
const PATIENCE: Duration = Duration::from_secs(180);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Message>,
    next_id: i32,
    /// Notifications received and not yet taken.
    pub notifications: Vec<Notification>,
}

impl Client {
    pub fn start(command: &mut Command) -> Client {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(Some(message)) = Message::read(&mut stdout) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            notifications: Vec::new(),
        }
    }

    /// `initialize` with these workspace folders and extra client capabilities, then
    /// `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, folders: &[&Path], capabilities: Value, options: Value) -> Value {
        let folders: Vec<Value> = folders
            .iter()
            .map(|folder| json!({"uri": uri(folder), "name": folder.file_name().unwrap().to_string_lossy()}))
            .collect();
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": folders.first().map(|folder| folder["uri"].clone()),
                "capabilities": capabilities,
                "initializationOptions": options,
                "workspaceFolders": folders,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        Message::from(Notification::new(method.into(), params))
            .write(&mut self.stdin)
            .unwrap();
    }

    /// Sends a request and waits for its answer, keeping the notifications that come first
    /// and answering the server's own requests with `null`.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        Message::from(Request::new(id.clone(), method.into(), params))
            .write(&mut self.stdin)
            .unwrap();
        loop {
            match self.next() {
                Message::Response(response) if response.id == id => {
                    return response
                        .response_result
                        .unwrap_or_else(|error| panic!("{method} failed: {}", error.message));
                }
                Message::Response(_) => {}
                Message::Notification(notification) => self.notifications.push(notification),
                Message::Request(request) => self.answer_null(request.id),
            }
        }
    }

    /// Waits until a notification matching `wanted` arrives (answering server requests with
    /// `null`); returns it, and keeps the others.
    pub fn wait_for(&mut self, wanted: impl Fn(&Notification) -> bool) -> Notification {
        if let Some(at) = self.notifications.iter().position(&wanted) {
            return self.notifications.remove(at);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(
                Instant::now() < deadline,
                "the awaited notification never came"
            );
            match self.next() {
                Message::Notification(notification) if wanted(&notification) => {
                    return notification
                }
                Message::Notification(notification) => self.notifications.push(notification),
                Message::Request(request) => self.answer_null(request.id),
                Message::Response(_) => {}
            }
        }
    }

    /// The `publishDiagnostics` received so far, in order, taken out of the buffer.
    pub fn take_diagnostics(&mut self) -> Vec<Value> {
        let (diagnostics, rest) = std::mem::take(&mut self.notifications)
            .into_iter()
            .partition(|n| n.method == "textDocument/publishDiagnostics");
        self.notifications = rest;
        diagnostics
            .into_iter()
            .map(|n: Notification| n.params)
            .collect()
    }

    pub fn shutdown(mut self) -> std::process::ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap()
    }

    fn answer_null(&mut self, id: RequestId) {
        Message::from(lsp_server::Response::new_ok(id, Value::Null))
            .write(&mut self.stdin)
            .unwrap();
    }

    fn next(&mut self) -> Message {
        self.incoming
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // Ends a server that a failing test left running (a no-op after shutdown).
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `value` with every mention of `dir` (plain or as a URI) replaced by `$DIR`, for snapshots.
pub fn redact(value: &Value, dir: &Path) -> Value {
    let text = serde_json::to_string(value)
        .unwrap()
        .replace(&dir.display().to_string(), "$DIR");
    serde_json::from_str(&text).unwrap()
}
