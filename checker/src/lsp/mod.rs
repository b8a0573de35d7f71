//! `cargo sharelock lsp`: a language server over stdio that shows sharelock's findings while
//! the code is typed, with hover and quick fixes. Unsaved buffers are checked through the
//! incremental `Workspace` (one per workspace folder).

mod actions;
mod diagnostics;
mod hover;
mod roots;
mod server;
pub(crate) mod syntax;
mod text;

use gen_lsp_types::{
    CodeActionKind, CodeActionOptions, HoverProvider, InitializeParams, InitializeResult,
    PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncKind,
    TextDocumentSyncOptions, WorkspaceFolders, WorkspaceFoldersServerCapabilities,
    WorkspaceOptions,
};
use lsp_server::Connection;
use std::error::Error;
use std::path::PathBuf;

/// Serves the editor on stdin/stdout until it shuts the server down.
pub fn run_stdio() -> Result<(), Box<dyn Error + Send + Sync>> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Runs the protocol on `connection`: the handshake, then the message loop.
pub fn serve(connection: &Connection) -> Result<(), Box<dyn Error + Send + Sync>> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "sharelock".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let client = server::ClientSupport {
        watched_files: params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false),
        progress: params
            .capabilities
            .window
            .as_ref()
            .and_then(|window| window.work_done_progress)
            .unwrap_or(false),
    };
    server::Server::new(connection, folders(&params), client).run()?;
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::Full),
                save: Some(
                    SaveOptions {
                        include_text: Some(true),
                    }
                    .into(),
                ),
                ..TextDocumentSyncOptions::default()
            }
            .into(),
        ),
        hover_provider: Some(HoverProvider::Bool(true)),
        code_action_provider: Some(
            CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QuickFix]),
                ..CodeActionOptions::default()
            }
            .into(),
        ),
        workspace: Some(WorkspaceOptions {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(true.into()),
            }),
            ..WorkspaceOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folders, or the deprecated root URI of older clients.
#[allow(deprecated)]
fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    match &params.workspace_folders_initialize_params.workspace_folders {
        Some(WorkspaceFolders::WorkspaceFolderList(folders)) => {
            folders.iter().filter_map(server::folder_path).collect()
        }
        _ => params.root_uri.iter().filter_map(text::uri_path).collect(),
    }
}
