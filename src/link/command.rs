//! The terminal dialogue of `nearer pair DIR` and `nearer unpair`.
//!
//! Input and output are passed in, so tests drive the dialogue as a person would. `main`
//! refuses to start it without a terminal on standard input: comparing the words is the
//! point, and a script cannot do it.

use std::io::{BufRead, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::status::{Status, Waiting};
use super::{Link, LinkError, pairing};

/// How long `pair` waits for the partner's side.
#[derive(Debug, Clone, Copy)]
pub enum Wait {
    /// Until it comes (or ctrl+c): what a person at a terminal gets.
    Forever,
    /// Up to this long, then say how to go on.
    For(Duration),
}

/// How a `pair` dialogue ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairEnd {
    /// Both confirmed: sharing is on.
    Paired,
    /// Stopped waiting for the partner; running `nearer pair DIR` again carries on.
    StillWaiting(Status),
    /// The person said the words differ: this side's pairing was undone.
    Declined,
    /// The folder's state stops the pairing (a changed key, too many cards, no folder).
    Stopped(Status),
}

impl PairEnd {
    pub fn succeeded(&self) -> bool {
        matches!(self, PairEnd::Paired | PairEnd::StillWaiting(_))
    }
}

type Io<'a> = (&'a mut dyn BufRead, &'a mut dyn Write);

/// Lines for a terminal: each paragraph wrapped at `width` columns on spaces (indented
/// lines, like the code, are left as they are).
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, para) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if para.starts_with(' ') || para.chars().count() <= width {
            out.push_str(para);
            continue;
        }
        let mut col = 0;
        for word in para.split(' ') {
            let len = word.chars().count();
            if col > 0 && col + 1 + len > width {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += len;
        }
    }
    out
}

fn say(out: &mut dyn Write, text: &str) -> Result<(), LinkError> {
    writeln!(out, "{}", wrap(text, 78))
        .and_then(|()| out.flush())
        .map_err(LinkError::io(Path::new("standard output"), "writing to"))
}

/// `nearer pair DIR`: begin or carry on pairing, show the code, ask, and wait.
pub fn pair(data_dir: &Path, dir: &Path, io: Io<'_>, wait: Wait) -> Result<PairEnd, LinkError> {
    let (input, out) = io;
    let mut link = pairing::begin(data_dir, dir)?;
    let shown = link.dir().display().to_string();
    say(
        out,
        &format!(
            "This journal's card is in {shown}/nearer/{}.pub (public keys only: no names, no words).",
            link.install_id()
        ),
    )?;
    let deadline = match wait {
        Wait::Forever => None,
        Wait::For(d) => Some(Instant::now() + d),
    };
    let watcher = link.watch();
    let mut said: Option<Status> = None;
    let mut told_how_to_stop = false;
    loop {
        link.refresh()?;
        let status = link.status();
        match &status {
            Status::Paired => {
                say(
                    out,
                    &format!(
                        "Paired: your partner confirmed too. What each of you chooses to share \
                         is now sealed to your two keys in {shown}/nearer; nothing else of the \
                         journal ever goes there."
                    ),
                )?;
                return Ok(PairEnd::Paired);
            }
            Status::AwaitingConfirmation { code } => {
                if !ask(&mut link, code, input, out)? {
                    let undone = pairing::unpair(data_dir)?;
                    say(
                        out,
                        &format!(
                            "Then nothing is shared. Someone else's card may be in the folder. \
                             This side's card and keys are removed ({} files). Ask your partner \
                             to answer no too (or run `nearer unpair`), make sure {shown}/nearer \
                             holds no card that is not one of yours, then both run `nearer pair` \
                             again.",
                            undone.removed.len() + undone.local.len()
                        ),
                    )?;
                    return Ok(PairEnd::Declined);
                }
                continue;
            }
            Status::KeyChanged(_)
            | Status::Crowded { .. }
            | Status::FolderMissing { .. }
            | Status::Unreadable { .. } => {
                say(out, &status.words(link.dir()))?;
                return Ok(PairEnd::Stopped(status));
            }
            Status::WaitingForPartner(_) | Status::NotPaired => {
                if said.as_ref() != Some(&status) {
                    say(out, &status.words(link.dir()))?;
                    if deadline.is_none() && !told_how_to_stop {
                        told_how_to_stop = true;
                        say(
                            out,
                            "Waiting (ctrl+c stops; nothing is lost, and `nearer pair` with the \
                             same folder carries on later)...",
                        )?;
                    }
                }
            }
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let again = match status {
                Status::WaitingForPartner(Waiting::Confirmation) => {
                    "Sharing starts by itself once your partner confirms on their machine."
                }
                _ => "Run `nearer pair` with the same folder again to carry on.",
            };
            say(out, again)?;
            return Ok(PairEnd::StillWaiting(status));
        }
        said = Some(status);
        watcher.wait(Duration::from_millis(500));
    }
}

/// Show the code and ask. True for yes (and the partner's keys confirmed).
fn ask(
    link: &mut Link,
    code: &super::Code,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<bool, LinkError> {
    say(
        out,
        &format!(
            "\nBoth cards are in the folder. Compare these six words with your partner's screen, \
             face to face or by phone (not through the shared folder):\n\n    {}\n",
            code.words().join("  ")
        ),
    )?;
    loop {
        write!(
            out,
            "Does your partner's screen show the same words? (yes/no) "
        )
        .and_then(|()| out.flush())
        .map_err(LinkError::io(Path::new("standard output"), "writing to"))?;
        let mut line = String::new();
        let n = input
            .read_line(&mut line)
            .map_err(LinkError::io(Path::new("standard input"), "reading"))?;
        if n == 0 {
            return Err(LinkError::Refused {
                path: "standard input".into(),
                why: "ended before an answer; nothing was confirmed. Run `nearer pair` again \
                      in a terminal"
                    .into(),
            });
        }
        match line.trim().to_lowercase().as_str() {
            "yes" | "y" => break,
            "no" | "n" => return Ok(false),
            _ => say(out, "Please answer yes or no.")?,
        }
    }
    match link.confirm(code) {
        Ok(()) => {
            say(out, "Confirmed on this machine.")?;
            Ok(true)
        }
        Err(LinkError::CodeChanged { dir }) => {
            say(out, &LinkError::CodeChanged { dir }.to_string())?;
            Ok(true)
        }
        Err(e) => Err(e),
    }
}

/// `nearer unpair`: say what was removed.
pub fn unpair(data_dir: &Path, out: &mut dyn Write) -> Result<(), LinkError> {
    let done = pairing::unpair(data_dir)?;
    say(out, &unpaired_words(&done))
}

/// What an unpairing did, in words (the same at a terminal and in the app).
pub fn unpaired_words(done: &pairing::Unpaired) -> String {
    let names = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = done
        .install_id
        .as_ref()
        .map_or("<install id>".to_string(), |i| i.to_string());
    let Some(dir) = &done.dir else {
        if done.unreadable {
            let which = if done.install_id.is_some() {
                format!("nearer/{id}.pub and nearer/{id}.age")
            } else {
                "the card in nearer/ that is not your partner's".into()
            };
            return format!(
                "Unpaired: nothing more is shared from this journal.\nIts pairing file could not \
                 be read and does not name the shared folder, so this install's files in it \
                 stay (they hold public keys and sealed data only): remove {which} from that \
                 folder.\nRemoved here: {} (a new pairing makes new keys).\nYour partner's \
                 files were not touched; tell them, so they unpair too.",
                names(&done.local)
            );
        }
        if done.local.is_empty() {
            return "This journal is not paired; there is nothing to undo.".into();
        }
        return "Removed this install's leftover link keys.".into();
    };
    let mut text = String::from("Unpaired: nothing more is shared from this journal.\n");
    if done.dir_missing {
        text += &format!(
            "The shared folder {} is not reachable, so this install's files in it stay (they \
             hold public keys and sealed data only): remove {}/nearer/{id}.pub and {id}.age \
             when it is back.\n",
            dir.display(),
            dir.display()
        );
    } else if done.install_id.is_none() {
        text += &format!(
            "This install's keys were missing, so its files in {}/nearer cannot be told from \
             your partner's; remove the card there that is not theirs.\n",
            dir.display()
        );
    } else if done.removed.is_empty() {
        text += &format!(
            "No file of this install's was in {}/nearer.\n",
            dir.display()
        );
    } else {
        text += &format!(
            "Removed from the shared folder: {}.\n",
            names(&done.removed)
        );
    }
    if !done.local.is_empty() {
        text += &format!(
            "Removed here: {} (a new pairing makes new keys).\n",
            names(&done.local)
        );
    }
    text += "Your partner's files were not touched; tell them, so they unpair too.";
    text
}
