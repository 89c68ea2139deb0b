//! The command line, as clap sees it (also the source of shell completions).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "nearer",
    version,
    about = "A daily connection coach for couples, in the terminal.",
    long_about = "A daily connection coach for couples, in the terminal.\n\n\
        Run without a command to open the home screen. Everything stays in one journal \
        file on this machine; nothing is sent anywhere.",
    after_help = "Private text is never taken from arguments: write it in the app."
)]
pub struct Cli {
    /// Keep the journal in this folder (default: the user's data folder; also NEARER_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// No colours (also when the NO_COLOR variable is set).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Leave the mouse to the terminal, so text can be selected with it.
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Start (or change) tonight's check-in.
    Checkin,
    /// Print where the journal lives.
    Path,
    /// Write the journal as JSON or Markdown (to standard output unless --output is given).
    Export {
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to this file instead of standard output (it must not exist yet).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// First evening to include (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<chrono::NaiveDate>,
        /// Last evening to include (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<chrono::NaiveDate>,
    },
    /// Print tonight's question on one line (for a shell's start-up or a status bar).
    /// It writes nothing.
    Prompt {
        /// Another evening's question (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<chrono::NaiveDate>,
    },
    /// Say whether tonight's check-in is done: exit 0 if it is, 1 if not, 3 if the journal
    /// cannot be read, 4 if it is locked (nothing more is said of a locked journal).
    Status,
    /// List the daily backups of the journal: date, size and entries.
    Backups,
    /// Put a backup back as the journal (the journal as it is now is kept as a backup too).
    Restore {
        /// The backup, as `nearer backups` lists it: YYYY-MM-DD, or YYYY-MM-DD-N.
        #[arg(value_name = "DATE")]
        name: String,
    },
    /// Set a passphrase: the journal, its drafts and its backups are encrypted, and nearer
    /// asks for it each time it opens. A lost passphrase cannot be recovered.
    Lock,
    /// Remove the passphrase (after it is given): every file is written plain again.
    Unlock,
    /// Change the passphrase (after the one there is).
    Passphrase,
    /// Link this journal with your partner's through a folder you both sync (Syncthing,
    /// Dropbox, a network share, a git repository). Asks you to compare six words with
    /// your partner's screen; needs a terminal.
    Pair {
        /// The shared folder (nearer keeps its files in DIR/nearer).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Stop sharing: remove this journal's files from the shared folder and its pairing.
    Unpair,
    /// Print a completion script for a shell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), from the same model as --help.
    Man,
}

/// A date as the person writes it on the command line: 2026-12-01.
pub fn date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date; write it as year-month-day, like 2026-12-01"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    #[value(alias = "md")]
    Markdown,
}
