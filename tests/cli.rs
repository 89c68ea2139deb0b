//! The command line, run as a person or a script would run it.

use std::fs;

use assert_cmd::Command;
use chrono::{Duration, Local};
use nearer::evening::evening_of;
use nearer::journal::{Entry, Journal, Reflection, Store};
use predicates::prelude::*;

fn nearer(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("nearer").unwrap();
    cmd.env_remove("NEARER_DATA_DIR")
        .env("NEARER_CONFIG_DIR", dir.join("config"))
        .arg("--data-dir")
        .arg(dir);
    cmd
}

fn journal_with_tonight(done: bool) -> Journal {
    let now = Local::now().fixed_offset();
    let tonight = evening_of(now);
    let mut j = Journal::default();
    let days: &[i64] = if done { &[0, 1, 40] } else { &[1, 40] };
    for &back in days {
        j.upsert(Entry {
            date: tonight - Duration::days(back),
            created: now,
            updated: now,
            closeness: 5,
            stress: None,
            followup: None,
            reflection: Some(Reflection {
                prompt_id: "p".into(),
                prompt: "What stayed with you?".into(),
                answer: format!("Evening minus {back}: Zoë 💛"),
            }),
            appreciation: Some("She made tea.".into()),
            small_act: None,
            starred: false,
            together: None,
            shown: Vec::new(),
        });
    }
    j
}

fn write(dir: &std::path::Path, journal: &Journal) {
    Store::open(dir).unwrap().save(journal).unwrap();
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("checkin").and(predicate::str::contains("export")));
    nearer(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("nearer "));
}

#[test]
fn path_prints_where_the_journal_lives() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path())
        .arg("path")
        .assert()
        .success()
        .stdout(format!("{}\n", dir.path().join("journal.json").display()));
    // The environment variable works too, and the flag wins over it.
    Command::cargo_bin("nearer")
        .unwrap()
        .env("NEARER_DATA_DIR", dir.path().join("from-env"))
        .arg("path")
        .assert()
        .success()
        .stdout(predicate::str::contains("from-env"));
}

#[test]
fn status_exits_0_when_tonight_is_done_and_1_when_not() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path())
        .arg("status")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("waiting"));
    write(dir.path(), &journal_with_tonight(false));
    nearer(dir.path()).arg("status").assert().code(1);
    write(dir.path(), &journal_with_tonight(true));
    nearer(dir.path())
        .arg("status")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("done"));
}

#[test]
fn export_json_is_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_with_tonight(true);
    write(dir.path(), &journal);
    let out = nearer(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let back: Journal = serde_json::from_slice(&out).unwrap();
    assert_eq!(back, journal);
}

#[test]
fn export_markdown_with_a_date_range_to_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &journal_with_tonight(true));
    let tonight = evening_of(Local::now().fixed_offset());
    let out = dir.path().join("export.md");
    nearer(dir.path())
        .args(["export", "--format", "markdown", "--from"])
        .arg((tonight - Duration::days(1)).to_string())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# nearer journal"));
    assert!(text.contains("Evening minus 0: Zoë 💛"));
    assert!(text.contains("Evening minus 1"));
    assert!(!text.contains("Evening minus 40"), "outside the range");
    // An existing file is never replaced.
    nearer(dir.path())
        .args(["export", "--output"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("nearer:").and(predicate::str::contains("already exists")),
        );
    assert_eq!(fs::read_to_string(&out).unwrap(), text);
}

#[test]
fn a_corrupt_journal_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.json");
    fs::write(&path, "{ \"version\": 1, \"entries\": [ }").unwrap();
    // status has a code of its own for a journal it cannot read (3).
    for (args, code) in [(&["export"][..], 1), (&["status"], 3)] {
        nearer(dir.path()).args(args).assert().code(code).stderr(
            predicate::str::starts_with("nearer:")
                .and(predicate::str::contains(path.display().to_string()))
                .and(predicate::str::contains("line 1")),
        );
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{ \"version\": 1, \"entries\": [ }"
    );
}

#[test]
fn the_app_without_a_terminal_says_so_instead_of_panicking() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("nearer:").and(predicate::str::contains("terminal")))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn usage_errors_are_one_line_and_a_bad_date_says_the_form() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["frobnicate"][..],
        &["export", "--format", "pdf"],
        &["export", "--from", "yesterday"],
        &["export", "--to", "2026-13-01"],
        &["restore"],
    ] {
        let out = nearer(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("nearer: "), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("error:"), "{args:?}: {err}");
    }
    let out = nearer(dir.path())
        .args(["export", "--from", "1 December"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2026-12-01"), "the form to use: {err}");
}

#[test]
fn path_and_backups_say_absolute_paths_for_a_relative_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("here")).unwrap();
    let out = Command::cargo_bin("nearer")
        .unwrap()
        .env_remove("NEARER_DATA_DIR")
        .current_dir(dir.path())
        .args(["--data-dir", "here", "path"])
        .output()
        .unwrap();
    let path = String::from_utf8(out.stdout).unwrap();
    assert!(std::path::Path::new(path.trim()).is_absolute(), "{path}");
    assert!(path.trim().ends_with("here/journal.json"), "{path}");
}

#[test]
fn a_manual_page_comes_from_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = nearer(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap().replace("\\-", "-");
    assert!(
        man.starts_with(".ie") || man.contains(".TH nearer"),
        "{}",
        &man[..200.min(man.len())]
    );
    for word in ["checkin", "status", "export", "restore", "--data-dir"] {
        assert!(man.contains(word), "the man page names {word}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path()).arg("frobnicate").assert().code(2);
    nearer(dir.path())
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf"));
    nearer(dir.path())
        .args(["export", "--from", "yesterday"])
        .assert()
        .code(2);
}

#[test]
fn completions_for_shells() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        nearer(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("checkin"));
    }
}

#[test]
fn markdown_export_shows_control_characters_and_json_keeps_them_exact() {
    let dir = tempfile::tempdir().unwrap();
    // Escape codes pasted into an answer: a clipboard write (OSC 52), a cleared screen, a
    // new window title, a carriage return, a C1 control and a DEL.
    let pasted = "before\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\u{1b}]0;owned\u{7}\rover\u{9b}31m\u{7f}\tafter\nnext line";
    let mut j = journal_with_tonight(true);
    for e in &mut j.entries {
        let e = std::sync::Arc::make_mut(e);
        e.reflection.as_mut().unwrap().answer = pasted.into();
        e.appreciation = Some(format!("tea{}", '\u{1b}'));
        e.small_act = Some(nearer::journal::SmallAct {
            card_id: None,
            text: "walk\u{1b}[5m".into(),
        });
    }
    write(dir.path(), &j);
    let out = nearer(dir.path()).arg("export").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for raw in ['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{7f}'] {
        assert!(
            !text.contains(raw),
            "{raw:?} reached the terminal raw: {text:?}"
        );
    }
    assert!(
        text.contains("before␛]52;c;SGVsbG8=␇␛[2J␛]0;owned␇␍over<U+009B>31m␡\tafter"),
        "{text}"
    );
    assert!(text.contains("> next line"), "line breaks stay: {text}");
    assert!(text.contains("tea␛") && text.contains("walk␛[5m"), "{text}");
    // JSON is data, not for the eye: exact.
    let out = nearer(dir.path())
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let back: Journal = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back.entries[0].reflection.as_ref().unwrap().answer, pasted);
    assert_eq!(back, j);
}

/// Every file under `dir` with its bytes and when it was changed.
fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    if let Ok(read) = fs::read_dir(dir) {
        for e in read.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                let meta = fs::metadata(&path).unwrap();
                out.push((
                    path.clone(),
                    fs::read(&path).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn prompt_line(dir: &std::path::Path, args: &[&str]) -> String {
    let out = nearer(dir).arg("prompt").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.ends_with('\n') && text.trim_end().lines().count() == 1,
        "{text:?}"
    );
    text.trim_end().to_string()
}

#[test]
fn prompt_prints_the_question_the_check_in_will_ask_on_one_line() {
    use nearer::content::Library;
    use nearer::suggest::{Mood, prompts};
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::bundled();
    let tonight = evening_of(Local::now().fixed_offset());
    // A journal of a month of evenings before tonight, tonight not yet checked in.
    let j = nearer::journal::sample::journal_until(30, 5, tonight - Duration::days(1), &lib);
    write(dir.path(), &j);
    let first = prompts::for_journal(&lib, &j, tonight, Mood::UNKNOWN)[0];
    assert_eq!(prompt_line(dir.path(), &[]), lib.prompts[first].text);
    // The check-in opened on the same journal asks the same.
    let app = nearer::app::App::new(
        j.clone(),
        Library::bundled(),
        Local::now().fixed_offset(),
        nearer::ui::Theme::new(true),
        "journal.json".into(),
        Default::default(),
        &[],
    );
    let mut app = app;
    let now = app.now;
    for key in ["enter", "enter", "5", "enter", "2", "enter", "enter", "tab"] {
        let code = match key {
            "enter" => ratatui::crossterm::event::KeyCode::Enter,
            "tab" => ratatui::crossterm::event::KeyCode::Tab,
            c => ratatui::crossterm::event::KeyCode::Char(c.chars().next().unwrap()),
        };
        nearer::app::update(&mut app, nearer::app::Action::Key(code.into()), now);
        if let nearer::screens::Screen::Checkin(c) = app.screen()
            && c.step == nearer::journal::Step::Reflection
        {
            break;
        }
    }
    match app.screen() {
        nearer::screens::Screen::Checkin(c) => {
            assert_eq!(c.step, nearer::journal::Step::Reflection);
            assert_eq!(c.prompt.1, lib.prompts[first].text);
        }
        other => panic!("{other:?}"),
    }
    // Another evening: a later one in tonight's words, an answered one as it was asked.
    let later = tonight + Duration::days(3);
    let first_later = prompts::for_journal(&lib, &j, later, Mood::UNKNOWN)[0];
    assert_eq!(
        prompt_line(dir.path(), &["--date", &later.to_string()]),
        lib.prompts[first_later].text
    );
    let answered = j
        .entries
        .iter()
        .rev()
        .find(|e| e.reflection.is_some())
        .unwrap();
    let asked = &answered.reflection.as_ref().unwrap().prompt;
    assert_eq!(
        prompt_line(dir.path(), &["--date", &answered.date.to_string()]),
        nearer::screens::checkin::words::for_past(asked)
    );
}

#[test]
fn prompt_writes_nothing_and_takes_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &journal_with_tonight(false));
    let before = files(dir.path());
    prompt_line(dir.path(), &[]);
    assert_eq!(files(dir.path()), before, "nothing written");
    // Another nearer is open on the journal: the question is printed all the same.
    let store = Store::open(dir.path()).unwrap();
    let with_lock = files(dir.path());
    prompt_line(dir.path(), &[]);
    prompt_line(dir.path(), &["--date", "2026-12-01"]);
    assert_eq!(files(dir.path()), with_lock, "nothing written");
    drop(store);
    // No journal at all, not even a folder: a question, and still nothing written.
    let empty = dir.path().join("not-yet");
    assert!(!prompt_line(&empty, &[]).is_empty());
    assert!(!empty.exists());
}

#[test]
fn prompt_with_a_date_it_cannot_read_says_the_form() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["12/01/2026", "2026-02-30", "tonight"] {
        nearer(dir.path())
            .args(["prompt", "--date", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("2026-12-01"))
            .stdout("");
    }
}
