use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{CommandFactory, Parser};

use nearer::cli::{Cli, Cmd, ExportFormat};
use nearer::content::{Library, USER_CONTENT_FILE};
use nearer::evening::evening_of;
use nearer::journal::{Store, export, store};
use nearer::{paths, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nearer: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let color = !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let start = match cli.command {
        None => tui::Start::Home,
        Some(Cmd::Checkin) => tui::Start::Checkin,
        Some(Cmd::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "nearer", &mut std::io::stdout());
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Path) => {
            let dir = paths::data_dir(cli.data_dir)?;
            println!("{}", dir.join(store::JOURNAL_FILE).display());
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Status) => {
            let dir = paths::data_dir(cli.data_dir)?;
            let journal = store::read_journal(&dir.join(store::JOURNAL_FILE))?;
            let evening = evening_of(tui::now());
            return Ok(match journal.entry(evening) {
                Some(e) => {
                    println!(
                        "nearer: tonight's check-in is done (closeness {} of 7).",
                        e.closeness
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    println!("nearer: tonight's check-in is waiting. Run `nearer checkin`.");
                    ExitCode::from(1)
                }
            });
        }
        Some(Cmd::Prompt { date }) => return nearer::commands::prompt::run(cli.data_dir, date),
        Some(Cmd::Backups) => {
            nearer::recovery::list(&paths::data_dir(cli.data_dir)?)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Restore { name }) => {
            nearer::recovery::restore(&paths::data_dir(cli.data_dir)?, &name)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Export {
            format,
            output,
            from,
            to,
        }) => {
            let dir = paths::data_dir(cli.data_dir)?;
            let journal = store::read_journal(&dir.join(store::JOURNAL_FILE))?;
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                bail!("--from {f} is after --to {t}; give the earlier date first");
            }
            let format = match format {
                ExportFormat::Json => export::Format::Json,
                ExportFormat::Markdown => export::Format::Markdown,
            };
            let text = export::export(&journal, format, from, to);
            match output {
                None => {
                    let mut out = std::io::stdout().lock();
                    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
                        && e.kind() != std::io::ErrorKind::BrokenPipe
                    {
                        return Err(e).context("writing to standard output");
                    }
                }
                Some(path) => write_new_file(&path, text.as_bytes())?,
            }
            return Ok(ExitCode::SUCCESS);
        }
    };

    tui::ensure_terminal()?;
    let dir = paths::data_dir(cli.data_dir)?;
    let store = Store::open(&dir)?;
    let journal = nearer::recovery::load_or_offer(&store)?;
    let mut content = Library::bundled();
    let mut content_errors = Vec::new();
    if let Some(config) = paths::config_dir()
        && let Err(errors) = content.merge_user_file(&config.join(USER_CONTENT_FILE))
    {
        content_errors = errors;
    }
    tui::run(
        store,
        journal,
        content,
        content_errors,
        tui::Options {
            mouse: !cli.no_mouse,
            color,
            start,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Create `path` (mode 0600) and write `bytes`; never replace an existing file.
fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; choose another name or remove it first",
                path.display()
            )
        } else {
            anyhow::anyhow!("cannot create {}: {e}", path.display())
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}
