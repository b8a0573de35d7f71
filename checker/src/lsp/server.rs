//! The server's state and its message loop. Notifications only record what changed; the
//! check runs once the queue is empty (so a burst of edits is checked once) or before a
//! request is answered (so hover and code actions see the latest text).

use super::roots::Root;
use super::text::{uri_path, LineIndex};
use super::{actions, hover};
use crate::policy;
use gen_lsp_types::{
    CodeActionRequest, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
    DidChangeWorkspaceFoldersNotification, DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification, DidSaveTextDocumentNotification, ExitNotification,
    HoverRequest, InitializedNotification, Notification as _, ProgressNotification,
    PublishDiagnosticsNotification, RegistrationRequest, Request as _, ShowMessageNotification,
    WorkDoneProgressCreateRequest,
};
use gen_lsp_types::{
    Diagnostic, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, MessageType,
    ProgressParams, ProgressToken, PublishDiagnosticsParams, Registration, RegistrationParams,
    ShowMessageParams, TextDocumentContentChangeEvent, Uri, WorkDoneProgressBegin,
    WorkDoneProgressCreateParams, WorkDoneProgressEnd, WorkspaceFolder,
};
use lsp_server::{Connection, ErrorCode, Message, ProtocolError, RequestId, Response};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Server<'c> {
    connection: &'c Connection,
    roots: Vec<Root>,
    /// The open documents' current text, by path.
    documents: HashMap<PathBuf, Arc<str>>,
    /// What the client shows now, to send only changes (and clear what went away).
    published: BTreeMap<PathBuf, Vec<Diagnostic>>,
    general_errors: Vec<String>,
    client: ClientSupport,
    /// Numbers the progress tokens of successive checks.
    checks: i32,
}

/// What the client supports beyond the basics.
pub struct ClientSupport {
    /// It tells us about files changed on disk, when asked to watch them.
    pub watched_files: bool,
    /// It shows server-initiated progress (the check running).
    pub progress: bool,
}

impl<'c> Server<'c> {
    pub fn new(connection: &'c Connection, folders: Vec<PathBuf>, client: ClientSupport) -> Self {
        Server {
            connection,
            roots: folders.iter().map(|folder| Root::new(folder)).collect(),
            documents: HashMap::new(),
            published: BTreeMap::new(),
            general_errors: Vec::new(),
            client,
            checks: 0,
        }
    }

    pub fn run(mut self) -> Result<(), ProtocolError> {
        while let Ok(message) = self.connection.receiver.recv() {
            if self.handle(message)? {
                return Ok(());
            }
            while let Ok(message) = self.connection.receiver.try_recv() {
                if self.handle(message)? {
                    return Ok(());
                }
            }
            self.flush();
        }
        Ok(())
    }

    /// Returns true when the client asked to shut down (or to exit).
    fn handle(&mut self, message: Message) -> Result<bool, ProtocolError> {
        match message {
            Message::Request(request) => {
                if self.connection.handle_shutdown(&request)? {
                    return Ok(true);
                }
                self.flush();
                let response = self.answer(request);
                self.send(response.into());
            }
            // `exit` without `shutdown` first: the client is going away regardless.
            Message::Notification(notification)
                if notification.method == ExitNotification::METHOD.as_str() =>
            {
                return Ok(true)
            }
            Message::Notification(notification) => self.notify(notification),
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn answer(&mut self, request: lsp_server::Request) -> Response {
        let id = request.id.clone();
        match request.method.as_str() {
            method if method == HoverRequest::METHOD.as_str() => {
                respond::<HoverRequest>(id, request.params, |params| {
                    let at = params.text_document_position_params;
                    let (root, file, text) = self.source(&at.text_document.uri)?;
                    let offset = LineIndex::new(&text).offset(at.position);
                    hover::hover(&root.report, &file, &text, offset)
                })
            }
            method if method == CodeActionRequest::METHOD.as_str() => {
                respond::<CodeActionRequest>(id, request.params, |params| {
                    let uri = params.text_document.uri;
                    let (root, file, text) = self.source(&uri)?;
                    let index = LineIndex::new(&text);
                    let range = index.offset(params.range.start)..index.offset(params.range.end);
                    let actions =
                        actions::code_actions(&root.report, &root.path, &file, &uri, &text, range);
                    Some(actions.into_iter().map(Into::into).collect())
                })
            }
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown request {}", request.method),
            ),
        }
    }

    /// The root that covers `uri`, the file's path in its report, and the text the report
    /// was computed on (the open buffer's when the report lacks the file).
    fn source(&self, uri: &Uri) -> Option<(&Root, String, Arc<str>)> {
        let path = uri_path(uri)?;
        let root = &self.roots[self.root_of(&path)?];
        let file = path
            .strip_prefix(&root.path)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let text = root
            .report
            .file_text(&file)
            .or_else(|| self.documents.get(&path))?
            .clone();
        Some((root, file, text))
    }

    fn notify(&mut self, notification: lsp_server::Notification) {
        let method = notification.method.as_str();
        let params = notification.params;
        if method == DidOpenTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidOpenTextDocumentNotification>(params) {
                self.edited(
                    &params.text_document.uri,
                    Some(params.text_document.text.into()),
                );
            }
        } else if method == DidChangeTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidChangeTextDocumentNotification>(params) {
                let uri = params.text_document.text_document_identifier.uri;
                let Some(mut text) = uri_path(&uri)
                    .and_then(|path| self.documents.get(&path))
                    .map(|t| t.to_string())
                else {
                    return;
                };
                for change in params.content_changes {
                    text = apply(text, change);
                }
                self.edited(&uri, Some(text.into()));
            }
        } else if method == DidSaveTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidSaveTextDocumentNotification>(params) {
                let uri = params.text_document.uri;
                match uri_path(&uri) {
                    Some(path) if is_policy(&path) => self.policy_changed(&path),
                    Some(path) if self.documents.contains_key(&path) => {
                        let text = params
                            .text
                            .map(Arc::from)
                            .or_else(|| self.documents.get(&path).cloned());
                        self.edited(&uri, text);
                    }
                    Some(path) => self.on_disk_changed(&path),
                    None => {}
                }
            }
        } else if method == DidCloseTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidCloseTextDocumentNotification>(params) {
                self.edited(&params.text_document.uri, None);
            }
        } else if method == DidChangeWorkspaceFoldersNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidChangeWorkspaceFoldersNotification>(params) {
                let removed: Vec<PathBuf> = params
                    .event
                    .removed
                    .iter()
                    .filter_map(folder_path)
                    .collect();
                self.roots.retain(|root| !removed.contains(&root.path));
                for folder in params.event.added.iter().filter_map(folder_path) {
                    self.add_root(&folder);
                }
            }
        } else if method == DidChangeWatchedFilesNotification::METHOD.as_str() {
            if let Some(params) = parse::<DidChangeWatchedFilesNotification>(params) {
                for path in params
                    .changes
                    .iter()
                    .filter_map(|event| uri_path(&event.uri))
                {
                    match is_policy(&path) {
                        true => self.policy_changed(&path),
                        false => self.on_disk_changed(&path),
                    }
                }
            }
        } else if method == InitializedNotification::METHOD.as_str() && self.client.watched_files {
            self.register_watchers();
        }
    }

    /// A document's unsaved text changed (`None`: closed, back to the file on disk).
    fn edited(&mut self, uri: &Uri, text: Option<Arc<str>>) {
        let Some(path) = uri_path(uri) else { return };
        if !is_policy(&path) && !is_checked_source(&path) {
            return;
        }
        match &text {
            Some(text) => self.documents.insert(path.clone(), text.clone()),
            None => self.documents.remove(&path),
        };
        if is_policy(&path) {
            // Checked as it is typed too: its errors show on it, its parties apply at once.
            for root in self
                .roots
                .iter_mut()
                .filter(|root| root.reads_policy(&path))
            {
                root.set_overlay(&path, text.clone());
            }
            return;
        }
        let root = match self.root_of(&path) {
            Some(root) => root,
            None => self.add_root(&package_of(&path)),
        };
        self.roots[root].set_overlay(&path, text);
    }

    fn on_disk_changed(&mut self, path: &Path) {
        for root in self.roots.iter_mut().filter(|root| root.contains(path)) {
            root.dirty = true;
        }
    }

    fn policy_changed(&mut self, path: &Path) {
        let documents = &self.documents;
        for root in self.roots.iter_mut().filter(|root| root.reads_policy(path)) {
            root.reload(documents.iter().map(|(file, text)| (file.as_path(), text)));
        }
    }

    fn add_root(&mut self, folder: &Path) -> usize {
        if let Some(existing) = self.roots.iter().position(|root| root.path == folder) {
            return existing;
        }
        let mut root = Root::new(folder);
        root.reload(
            self.documents
                .iter()
                .map(|(file, text)| (file.as_path(), text)),
        );
        self.roots.push(root);
        self.roots.len() - 1
    }

    /// The innermost root holding `path`.
    fn root_of(&self, path: &Path) -> Option<usize> {
        (0..self.roots.len())
            .filter(|&i| self.roots[i].contains(path))
            .max_by_key(|&i| self.roots[i].path.components().count())
    }

    /// Checks what changed and sends the diagnostics that differ from what the client shows.
    fn flush(&mut self) {
        if self.roots.iter().any(|root| root.dirty) {
            let progress = self.progress_begin();
            for root in self.roots.iter_mut().filter(|root| root.dirty) {
                root.check();
            }
            self.progress_end(progress);
        }
        let mut now: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for root in &self.roots {
            for (file, diagnostics) in &root.shown {
                now.entry(file.clone())
                    .or_default()
                    .extend(diagnostics.iter().cloned());
            }
        }
        let cleared: Vec<PathBuf> = self
            .published
            .keys()
            .filter(|file| !now.contains_key(*file))
            .cloned()
            .collect();
        for file in cleared {
            self.publish(&file, Vec::new());
        }
        for (file, diagnostics) in now {
            if self.published.get(&file) != Some(&diagnostics) {
                self.publish(&file, diagnostics);
            }
        }
        let mut general: Vec<String> = self
            .roots
            .iter()
            .flat_map(|root| root.general_errors.iter().cloned())
            .collect();
        general.dedup();
        if general != self.general_errors {
            for message in general
                .iter()
                .filter(|message| !self.general_errors.contains(message))
            {
                let params = ShowMessageParams {
                    kind: MessageType::Error,
                    message: format!("sharelock: {message}"),
                };
                self.notify_client::<ShowMessageNotification>(params);
            }
            self.general_errors = general;
        }
    }

    fn publish(&mut self, file: &Path, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = super::text::file_uri(file) else {
            return;
        };
        let params = PublishDiagnosticsParams {
            uri,
            version: None,
            diagnostics: diagnostics.clone(),
        };
        self.notify_client::<PublishDiagnosticsNotification>(params);
        match diagnostics.is_empty() {
            true => self.published.remove(file),
            false => self.published.insert(file.to_path_buf(), diagnostics),
        };
    }

    /// Shows "sharelock: checking" in clients that display progress (a large workspace takes
    /// a while); returns the token to end it with.
    fn progress_begin(&mut self) -> Option<ProgressToken> {
        if !self.client.progress {
            return None;
        }
        self.checks += 1;
        let token = ProgressToken::String(format!("sharelock/check/{}", self.checks));
        let create = lsp_server::Request::new(
            RequestId::from(format!("sharelock-progress-{}", self.checks)),
            WorkDoneProgressCreateRequest::METHOD.to_string(),
            WorkDoneProgressCreateParams {
                token: token.clone(),
            },
        );
        self.send(create.into());
        let begin = WorkDoneProgressBegin {
            title: "sharelock".into(),
            message: Some("checking".into()),
            ..WorkDoneProgressBegin::default()
        };
        self.progress(&token, serde_json::to_value(begin));
        Some(token)
    }

    fn progress_end(&self, token: Option<ProgressToken>) {
        if let Some(token) = token {
            self.progress(&token, serde_json::to_value(WorkDoneProgressEnd::default()));
        }
    }

    fn progress(&self, token: &ProgressToken, value: serde_json::Result<serde_json::Value>) {
        if let Ok(value) = value {
            let params = ProgressParams {
                token: token.clone(),
                value,
            };
            self.notify_client::<ProgressNotification>(params);
        }
    }

    /// Asks the client to tell us when a policy file or a source changes on disk.
    fn register_watchers(&mut self) {
        let watchers = ["**/sharelock.toml", "**/*.rs"]
            .map(|glob| FileSystemWatcher {
                glob_pattern: glob.to_string().into(),
                kind: None,
            })
            .to_vec();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "sharelock-watched-files".into(),
            method: DidChangeWatchedFilesNotification::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        let request = lsp_server::Request::new(
            RequestId::from("sharelock-register-watchers".to_string()),
            RegistrationRequest::METHOD.to_string(),
            RegistrationParams {
                registrations: vec![registration],
            },
        );
        self.send(request.into());
    }

    fn notify_client<N: gen_lsp_types::Notification>(&self, params: N::Params) {
        self.send(lsp_server::Notification::new(N::METHOD.to_string(), params).into());
    }

    fn send(&self, message: Message) {
        // The only failure is a closed connection, which ends the loop by itself.
        let _ = self.connection.sender.send(message);
    }
}

fn respond<R: gen_lsp_types::Request>(
    id: RequestId,
    params: serde_json::Value,
    answer: impl FnOnce(R::Params) -> R::Result,
) -> Response {
    match serde_json::from_value(params) {
        Ok(params) => Response::new_ok(id, answer(params)),
        Err(error) => Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string()),
    }
}

fn parse<N: gen_lsp_types::Notification>(params: serde_json::Value) -> Option<N::Params> {
    serde_json::from_value(params).ok()
}

fn apply(text: String, change: TextDocumentContentChangeEvent) -> String {
    match change {
        TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => whole.text,
        TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
            let index = LineIndex::new(&text);
            let range = index.offset(partial.range.start)..index.offset(partial.range.end);
            let mut text = text.clone();
            text.replace_range(range, &partial.text);
            text
        }
    }
}

/// What the check reads besides the policy: Rust sources and manifests. Other documents the
/// editor opens change nothing.
fn is_checked_source(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "rs")
        || path.file_name().is_some_and(|name| name == "Cargo.toml")
}

fn is_policy(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == policy::FILE_NAME)
}

pub fn folder_path(folder: &WorkspaceFolder) -> Option<PathBuf> {
    uri_path(&folder.uri)
}

/// The tree to check for a file outside every workspace folder: its package (the nearest
/// directory with a `Cargo.toml`), or its directory.
fn package_of(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(file);
    dir.ancestors()
        .find(|ancestor| ancestor.join("Cargo.toml").is_file())
        .unwrap_or(dir)
        .to_path_buf()
}
