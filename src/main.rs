use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{CommandFactory, Parser};

use nearer::cli::{Cli, Cmd, ExportFormat};
use nearer::content::{Library, USER_CONTENT_FILE};
use nearer::journal::{Store, export, store};
use nearer::{commands, paths, tui};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            say_error(&format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}

/// A mistake as one line starting `nearer:`, written in one piece: written in parts, the
/// last part of a line printed just before exit could be lost by a pty on a busy machine.
fn say_error(words: &str) {
    let _ = std::io::stderr().write_all(format!("nearer: {words}\n").as_bytes());
}

/// Help and the version as clap prints them; any other mistake on the command line as one
/// line starting `nearer:`, exit 2.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    // clap's message, without its usage block and tips, on one line.
    let rendered = e.render().to_string();
    let body = rendered
        .split("\nUsage:")
        .next()
        .unwrap_or_default()
        .split("\n  tip:")
        .next()
        .unwrap_or_default()
        .split("\nFor more information")
        .next()
        .unwrap_or_default();
    let words: Vec<&str> = body.split_whitespace().collect();
    let mut first = words.join(" ");
    if first.is_empty() {
        first = "the command line is not understood".into();
    }
    let first = first.trim_start_matches("error: ").to_string();
    let hint = match e.kind() {
        ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument => {
            " (`nearer --help` lists what there is)"
        }
        _ => "",
    };
    say_error(&format!("{first}{hint}"));
    ExitCode::from(2)
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
        Some(Cmd::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("writing the manual page")?;
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&out).and_then(|()| stdout.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e).context("writing to standard output");
            }
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Path) => {
            let dir = paths::data_dir(cli.data_dir)?;
            println!("{}", dir.join(store::JOURNAL_FILE).display());
            return Ok(ExitCode::SUCCESS);
        }
        Some(Cmd::Status) => return Ok(commands::status::run(&paths::data_dir(cli.data_dir)?)),
        Some(Cmd::Lock) => return commands::lock::run(&paths::data_dir(cli.data_dir)?).map(done),
        Some(Cmd::Unlock) => {
            return commands::unlock::run(&paths::data_dir(cli.data_dir)?).map(done);
        }
        Some(Cmd::Passphrase) => {
            return commands::passphrase::run(&paths::data_dir(cli.data_dir)?).map(done);
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
        Some(Cmd::Pair { dir }) => {
            use std::io::IsTerminal as _;
            if !std::io::stdin().is_terminal() {
                bail!(
                    "`nearer pair` asks you to compare six words with your partner's screen, \
                     so it needs a terminal, and standard input is not one; run it in a terminal"
                );
            }
            let data = paths::data_dir(cli.data_dir)?;
            let (mut input, mut out) = (std::io::stdin().lock(), std::io::stdout().lock());
            return commands::linking::pair(&data, &dir, &mut input, &mut out);
        }
        Some(Cmd::Unpair) => {
            let data = paths::data_dir(cli.data_dir)?;
            return commands::linking::unpair(&data, &mut std::io::stdout().lock());
        }
        Some(Cmd::Export {
            format,
            output,
            from,
            to,
        }) => {
            let dir = paths::data_dir(cli.data_dir)?;
            let key = commands::folder_key(&dir)?;
            let journal = store::read_journal_with(&dir.join(store::JOURNAL_FILE), key.as_ref())?;
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
    // Asked before the app takes the screen.
    commands::enter_passphrase(&store)?;
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

fn done(_: ()) -> ExitCode {
    ExitCode::SUCCESS
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
