//! Every kind of bad journal file gets a clear message naming the file and saying what to
//! do, and the file is left byte for byte as it was (same bytes, same modification time)
//! unless the person chooses otherwise.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use nearer::journal::store::{JOURNAL_FILE, parse_journal, read_journal};
use nearer::journal::{Journal, SCHEMA_VERSION, StoreError};
use rand::{RngExt, SeedableRng};

use support::{Spawn, journal, nearer, snapshot};

fn journal_path(dir: &Path) -> PathBuf {
    dir.join(JOURNAL_FILE)
}

/// A real journal as nearer writes it.
fn real_bytes(entries: usize) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    support::open_store(dir.path())
        .save(&journal(entries))
        .unwrap();
    fs::read(journal_path(dir.path())).unwrap()
}

/// Run the read-only commands and the app's own loading on a folder whose journal is bad:
/// each must fail with a message naming the file and containing `says`, and leave the
/// journal exactly as it was.
fn refused(dir: &Path, says: &str) -> String {
    let path = journal_path(dir);
    let before = fs::symlink_metadata(&path)
        .ok()
        .filter(|m| m.is_file())
        .map(|_| snapshot(&path));
    let mut messages = Vec::new();
    for args in [
        &["status"][..],
        &["export"],
        &["export", "--format", "json"],
    ] {
        let out = nearer(dir).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // status has a code of its own for a journal it cannot read.
        let code = if args == ["status"] {
            nearer::commands::status::CANNOT_READ
        } else {
            1
        };
        assert_eq!(out.status.code(), Some(code.into()), "{args:?}: {stderr}");
        assert!(stderr.starts_with("nearer: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "{args:?} names the file: {stderr}"
        );
        assert!(stderr.contains(says), "{args:?} says {says:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed a journal anyway");
        messages.push(stderr);
    }
    // The app's own path: the lock, then the load.
    let store = support::open_store(dir);
    let err = store.load().unwrap_err();
    assert!(err.to_string().contains(says), "{err}");
    drop(store);
    if let Some(before) = before {
        assert_eq!(snapshot(&path), before, "the file was changed");
    }
    messages.swap_remove(0)
}

#[test]
fn an_empty_file_or_only_whitespace() {
    for bytes in [&b""[..], b"\n\n  \t\n", b"\xEF\xBB\xBF"] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(journal_path(dir.path()), bytes).unwrap();
        let m = refused(dir.path(), "is empty");
        assert!(m.contains("nearer backups"), "points at the backups: {m}");
    }
}

#[test]
fn a_journal_cut_short_at_every_byte_is_refused_and_left_alone() {
    let full = real_bytes(6);
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for cut in 0..full.len() {
        let bytes = &full[..cut];
        // A new file each time: rewriting one in place makes ext4 flush it, slowly.
        let _ = fs::remove_file(&path);
        fs::write(&path, bytes).unwrap();
        let before = snapshot(&path);
        let store = support::open_store(dir.path());
        let err = store
            .load()
            .expect_err("a cut journal never reads as a journal");
        drop(store);
        let kind = match &err {
            StoreError::Empty { .. } => "empty",
            StoreError::Parse { line, .. } => {
                assert!(*line >= 1);
                "parse"
            }
            other => panic!("cut at {cut}: unexpected {other:?}"),
        };
        *kinds.entry(kind).or_default() += 1;
        assert!(err.to_string().contains(&path.display().to_string()));
        assert_eq!(
            snapshot(&path),
            before,
            "cut at {cut}: the file was changed"
        );
    }
    eprintln!(
        "a journal of {} bytes cut at every byte: {} refused as empty, {} with the line and column",
        full.len(),
        kinds["empty"],
        kinds["parse"]
    );
    assert_eq!(kinds["empty"], 1, "only the zero-length cut is empty");
    assert_eq!(kinds["parse"], full.len() - 1);
    // The whole file still reads.
    fs::write(&path, &full).unwrap();
    assert_eq!(read_journal(&path).unwrap(), journal(6));

    // And the binary says so for a sample of cuts, naming the line.
    for cut in (1..full.len()).step_by(full.len() / 7) {
        fs::write(&path, &full[..cut]).unwrap();
        let m = refused(dir.path(), "cannot be read as a nearer journal");
        assert!(m.contains("line "), "{m}");
        assert!(m.contains("mv '"), "says how to move it aside: {m}");
    }
}

#[test]
fn random_bytes_are_refused() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    for size in [1usize, 2, 17, 512, 70_000] {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..size).map(|_| rng.random()).collect();
        fs::write(journal_path(dir.path()), &bytes).unwrap();
        let path = journal_path(dir.path());
        let err = read_journal(&path).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotUtf8 { .. } | StoreError::Parse { .. } | StoreError::Empty { .. }
            ),
            "{err:?}"
        );
        let says = match err {
            StoreError::NotUtf8 { .. } => "is not text",
            StoreError::Empty { .. } => "is empty",
            _ => "cannot be read as a nearer journal",
        };
        refused(dir.path(), says);
    }
}

#[test]
fn invalid_utf8_inside_an_answer_names_the_line() {
    let mut bytes = real_bytes(3);
    let at = bytes
        .windows(7)
        .position(|w| w == b"Evening")
        .expect("an answer");
    bytes[at] = 0xFF;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let dir = tempfile::tempdir().unwrap();
    fs::write(journal_path(dir.path()), &bytes).unwrap();
    let m = refused(dir.path(), "is not text");
    assert!(m.contains(&format!("line {line},")), "{m}");
}

#[test]
fn a_byte_order_mark_is_read_and_the_file_left_alone_until_a_save() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(real_bytes(3));
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    fs::write(&path, &bytes).unwrap();
    let before = snapshot(&path);
    nearer(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success();
    assert_eq!(snapshot(&path), before, "reading changes nothing");
    let store = support::open_store(dir.path());
    let j = store.load().unwrap();
    assert_eq!(j, journal(3));
    store.save(&j).unwrap();
    assert!(
        !fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"),
        "written back without the mark"
    );
}

#[test]
fn wrong_types_are_refused_with_the_place_and_the_reason() {
    let good = String::from_utf8(real_bytes(2)).unwrap();
    let cases = [
        (
            good.replacen("\"closeness\": 1", "\"closeness\": \"six\"", 1),
            "invalid type",
        ),
        (
            good.replacen("\"closeness\": 1", "\"closeness\": 900", 1),
            "invalid value",
        ),
        (
            good.replacen("\"closeness\": 1", "\"closeness\": -1", 1),
            "invalid value",
        ),
        (
            good.replacen("\"version\": 2", "\"version\": \"2\"", 1),
            "invalid type",
        ),
        (
            good.replacen("\"date\": \"2020-01-01\"", "\"date\": \"yesterday\"", 1),
            "input contains invalid characters",
        ),
        (
            r#"{"version": 1, "entries": {"a": 1}}"#.to_string(),
            "invalid type",
        ),
        // A journal is one object: anything else is named for what it is.
        ("[1, 2, 3]".to_string(), "starts with [ (a list)"),
        (
            "\"a journal\"".to_string(),
            "starts with \" (a piece of text)",
        ),
        ("null".to_string(), "starts with null"),
    ];
    for (text, reason) in cases {
        assert_ne!(text, good, "the case changed something");
        let dir = tempfile::tempdir().unwrap();
        fs::write(journal_path(dir.path()), &text).unwrap();
        let m = refused(dir.path(), "cannot be read as a nearer journal");
        assert!(m.contains(reason), "{reason}: {m}");
        assert!(m.contains("line "), "{m}");
    }
}

#[test]
fn missing_fields_are_refused_unless_they_have_a_default() {
    let good = String::from_utf8(real_bytes(2)).unwrap();
    for (field, text) in [
        ("closeness", good.replacen("\"closeness\": 1,", "", 1)),
        ("date", good.replacen("\"date\": \"2020-01-01\",", "", 1)),
        ("answer", good.replacen("\"answer\": ", "\"answe\": ", 1)),
    ] {
        assert_ne!(text, good);
        let dir = tempfile::tempdir().unwrap();
        fs::write(journal_path(dir.path()), &text).unwrap();
        let m = refused(dir.path(), &format!("missing field `{field}`"));
        assert!(m.contains("nearer has not changed it"), "{m}");
    }
    // Preferences and entries may be left out: an empty journal of this version.
    let j = parse_journal(Path::new("j"), br#"{"version": 1}"#).unwrap();
    assert_eq!(j, Journal::default());
}

#[test]
fn unknown_fields_are_kept_through_a_load_and_a_save() {
    let good = String::from_utf8(real_bytes(2)).unwrap();
    let text = good
        .replacen(
            "\"version\": 2,",
            "\"version\": 2,\n  \"synced_by\": {\"device\": \"laptop\"},",
            1,
        )
        .replacen(
            "\"closeness\": 1,",
            "\"closeness\": 1,\n      \"mood\": [\"calm\", 3],",
            1,
        )
        .replacen(
            "\"favourites\": []",
            "\"favourites\": [],\n    \"reminder\": \"21:00\"",
            1,
        )
        .replacen(
            "\"prompt_id\": \"prompt-0\",",
            "\"prompt_id\": \"prompt-0\",\n        \"language\": \"fr\",",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    fs::write(&path, &text).unwrap();
    let before = snapshot(&path);
    // Reading is not refused, and changes nothing.
    nearer(dir.path()).arg("export").assert().success();
    assert_eq!(snapshot(&path), before);

    let store = support::open_store(dir.path());
    let mut j = store.load().unwrap();
    assert_eq!(j, journal(2), "the known part reads as usual");
    // Change the entry that has an unknown field, and save.
    let first = std::sync::Arc::make_mut(&mut j.entries[0]);
    first.closeness = 6;
    first.starred = true;
    store.save(&j).unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["synced_by"]["device"], "laptop");
    assert_eq!(saved["preferences"]["reminder"], "21:00");
    assert_eq!(saved["entries"][0]["mood"][1], 3);
    assert_eq!(saved["entries"][0]["reflection"]["language"], "fr");
    assert_eq!(saved["entries"][0]["closeness"], 6, "the change is saved");
    assert!(
        saved["entries"][1].get("mood").is_none(),
        "kept where it was"
    );
    // Deleting the entry drops its unknown fields with it.
    j.entries.remove(0);
    store.save(&j).unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert!(!saved.to_string().contains("\"mood\""));
    assert_eq!(saved["synced_by"]["device"], "laptop");
    assert_eq!(store.load().unwrap(), j);
}

#[test]
fn an_unversioned_journal_is_migrated_after_its_original_is_kept() {
    let good = String::from_utf8(real_bytes(3)).unwrap();
    for text in [
        good.replacen("\"version\": 2,", "", 1),
        good.replacen("\"version\": 2,", "\"version\": 0,", 1),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path());
        fs::write(&path, &text).unwrap();
        let before = snapshot(&path);
        // Read-only commands read it as it is and change nothing.
        nearer(dir.path())
            .args(["export", "--format", "json"])
            .assert()
            .success();
        assert_eq!(snapshot(&path), before);

        let store = support::open_store(dir.path());
        let j = store.load().unwrap();
        assert_eq!(j, journal(3));
        let kept = dir.path().join("journal.v0.json");
        assert_eq!(
            fs::read(&kept).unwrap(),
            text.as_bytes(),
            "original kept first"
        );
        let now: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(now["version"], SCHEMA_VERSION);
        let notices = store.take_notices();
        assert!(
            notices[0].contains("older nearer") && notices[0].contains("journal.v0.json"),
            "{notices:?}"
        );
        drop(store);
        // Opening again does not migrate twice.
        let store = support::open_store(dir.path());
        assert_eq!(store.load().unwrap(), j);
        assert!(store.take_notices().is_empty());
        assert!(!dir.path().join("journal.v0-2.json").exists());
    }
}

#[test]
fn a_newer_version_is_refused_even_when_its_shape_changed() {
    for text in [
        r#"{"version": 3, "entries": []}"#,
        r#"{"version": 3, "entries": {"2030-01-01": {"closeness": "high"}}}"#,
        r#"{"version": 99, "entries": [ {"date": 5} ], "#,
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(journal_path(dir.path()), text).unwrap();
        if text.ends_with(", ") {
            // Cut short as well: it cannot be told apart from any broken file.
            refused(dir.path(), "cannot be read");
        } else {
            let m = refused(dir.path(), "newer nearer");
            assert!(m.contains("Update nearer"), "{m}");
        }
    }
}

#[test]
fn a_huge_file_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    // Sparse: takes no room on disk, but says 300 MB.
    let f = fs::File::create(&path).unwrap();
    f.set_len(300 * 1024 * 1024).unwrap();
    drop(f);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let started = std::time::Instant::now();
    let err = read_journal(&path).unwrap_err();
    assert!(started.elapsed().as_secs() < 2, "it was read");
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let m = nearer(dir.path()).arg("status").output().unwrap();
    let m = String::from_utf8_lossy(&m.stderr);
    assert!(m.contains("300.0 MB") && m.contains("far larger"), "{m}");
    assert_eq!(fs::metadata(&path).unwrap().len(), 300 * 1024 * 1024);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
}

#[test]
fn a_large_real_journal_reads() {
    // Twenty years of evenings with long answers: far from the limit.
    let mut j = journal(7300);
    for e in &mut j.entries {
        if let Some(r) = std::sync::Arc::make_mut(e).reflection.as_mut() {
            r.answer
                .push_str(&"More of the evening, in detail. ".repeat(40));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = support::open_store(dir.path());
    store.save(&j).unwrap();
    let size = fs::metadata(journal_path(dir.path())).unwrap().len();
    assert!(size > 10 * 1024 * 1024, "{size}");
    assert_eq!(store.load().unwrap(), j);
}

#[test]
fn a_folder_where_the_file_should_be() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(journal_path(dir.path())).unwrap();
    fs::write(journal_path(dir.path()).join("inside"), b"x").unwrap();
    let m = refused(dir.path(), "is a folder");
    assert!(m.contains("mv '"), "{m}");
    assert_eq!(support::names(&journal_path(dir.path())), ["inside"]);
}

#[test]
fn a_link_to_nothing_names_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("Dropbox/journal.json");
    std::os::unix::fs::symlink(&target, journal_path(dir.path())).unwrap();
    let m = refused(dir.path(), "which does not exist");
    assert!(m.contains(&target.display().to_string()), "{m}");
    assert_eq!(fs::read_link(journal_path(dir.path())).unwrap(), target);
    assert!(!target.exists(), "nothing was created where it points");
}

#[test]
fn a_link_to_a_journal_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    let target = synced.join("journal.json");
    fs::write(&target, real_bytes(2)).unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    std::os::unix::fs::symlink(&target, journal_path(&data)).unwrap();
    let store = support::open_store(&data);
    let mut j = store.load().unwrap();
    std::sync::Arc::make_mut(&mut j.entries[0]).closeness = 7;
    store.save(&j).unwrap();
    assert!(
        fs::symlink_metadata(journal_path(&data))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        read_journal(&target).unwrap(),
        j,
        "the file it points to has the change"
    );
}

#[test]
fn a_named_pipe_or_a_device_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if made.is_ok_and(|s| s.success()) {
        refused(dir.path(), "is a named pipe");
        fs::remove_file(&path).unwrap();
    }
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    refused(dir.path(), "is a device");
}

#[test]
fn a_file_nearer_may_not_read() {
    use std::os::unix::fs::PermissionsExt;
    if support::is_root() {
        eprintln!("skipped: running as root, which may read any file");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    fs::write(&path, real_bytes(1)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    refused(dir.path(), "not allowed");
}

#[test]
fn the_app_offers_a_choice_and_leaves_the_file_alone_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    fs::write(&path, b"{\"version\": 1, \"entries\": [").unwrap();
    let before = snapshot(&path);
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("What would you like to do?");
    assert!(t.contents().contains("Start a new, empty journal"));
    t.send("\r");
    assert_eq!(t.wait_exit(), 1);
    assert!(t.output_text().contains("is left as it was"));
    assert_eq!(snapshot(&path), before);
}

#[test]
fn the_app_can_move_a_bad_file_aside_byte_for_byte_and_start_anew() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    let bad = b"\xEF\xBB\xBF{\"version\": 1, \"entries\": [{\"date\": \"2026-11-2".to_vec();
    fs::write(&path, &bad).unwrap();
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("What would you like to do?");
    t.send("2\r");
    t.wait_for("Start tonight's check-in");
    t.wait_for("Started a new journal; the unreadable file is kept as");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let aside: Vec<String> = support::names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("journal.json.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), bad);
}

#[test]
fn the_app_can_put_back_the_newest_backup_that_reads() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    fs::create_dir(&backups).unwrap();
    fs::write(backups.join("journal-2026-11-20.json"), real_bytes(4)).unwrap();
    fs::write(backups.join("journal-2026-11-21.json"), b"{broken").unwrap();
    fs::write(journal_path(dir.path()), b"").unwrap();
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("What would you like to do?");
    assert!(
        t.contents().contains("2026-11-20 (4 entries)"),
        "{}",
        t.contents()
    );
    t.send("2\r");
    t.wait_for("Start tonight's check-in");
    t.wait_for("Put back the backup 2026-11-20");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(read_journal(&journal_path(dir.path())).unwrap(), journal(4));
    assert!(
        support::names(dir.path())
            .iter()
            .any(|n| n.starts_with("journal.json.unreadable-")),
        "the empty file is kept too"
    );
}

#[test]
fn a_content_file_that_is_a_pipe_or_a_folder_does_not_stop_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("content.toml");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        fs::create_dir(&pipe).unwrap();
    }
    let started = std::time::Instant::now();
    let mut lib = nearer::content::Library::bundled();
    let errors = lib.merge_user_file(&pipe).unwrap_err();
    assert!(started.elapsed().as_secs() < 2, "it waited on the pipe");
    assert!(
        errors[0].to_string().contains("not a plain file"),
        "{}",
        errors[0]
    );
    assert!(lib.card("thanks-with-a-reason").is_some() || !lib.cards.is_empty());
}

#[test]
fn a_loop_of_links_is_called_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path());
    std::os::unix::fs::symlink(dir.path().join("other.json"), &path).unwrap();
    std::os::unix::fs::symlink(&path, dir.path().join("other.json")).unwrap();
    let m = refused(dir.path(), "loop of links");
    assert!(!m.contains("does not exist"), "{m}");
}

#[test]
fn a_system_error_is_said_once() {
    // /proc/self/mem cannot be read from its start: the system says "Input/output error".
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", journal_path(dir.path())).unwrap();
    let out = nearer(dir.path()).arg("export").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("Input/output error").count(), 1, "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn a_very_deep_array_is_named_for_what_it_is() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let dir = tempfile::tempdir().unwrap();
    fs::write(journal_path(dir.path()), &text).unwrap();
    let m = refused(dir.path(), "one JSON object");
    assert!(!m.contains("expected u32"), "{m}");
}

/// `nearer export` run as `nobody` (when the tests run as root) on a folder it may not
/// read; as another user, on a folder made unreadable.
#[test]
fn a_folder_nearer_may_not_read_is_not_called_one_it_may_not_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("data");
    support::open_store(&data).save(&journal(1)).unwrap();
    let out = if support::is_root() {
        // The folder stays root's, 0700.
        let bin = support::runnable_copy(dir.path());
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .arg("--data-dir")
            .arg(&data)
            .arg("export")
            .env("NEARER_CONFIG_DIR", dir.path().join("config"))
            .output()
            .expect("setpriv runs a program as another user (util-linux)")
    } else {
        fs::set_permissions(&data, fs::Permissions::from_mode(0o000)).unwrap();
        let out = nearer(&data).arg("export").output().unwrap();
        fs::set_permissions(&data, fs::Permissions::from_mode(0o700)).unwrap();
        out
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not allowed to read"), "{stderr}");
    assert!(!stderr.contains("write"), "{stderr}");
}

#[test]
fn unknown_fields_of_any_value_come_back_byte_for_byte() {
    // Values a parsed JSON value cannot hold: each must come back exactly as written.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let odd = [
        "123456789012345678901234567890",
        "1e400",
        r#""\ud83d""#,
        deep.as_str(),
        r#"{"kept":  "as it was", "n": 1.50}"#,
    ];
    let good = String::from_utf8(real_bytes(2)).unwrap();
    for value in odd {
        let text = good
            .replacen(
                "\"version\": 2,",
                &format!("\"version\": 2,\n  \"top\": {value},"),
                1,
            )
            .replacen(
                "\"favourites\": []",
                &format!("\"favourites\": [],\n    \"pref\": {value}"),
                1,
            )
            .replacen(
                "\"closeness\": 1,",
                &format!("\"closeness\": 1,\n      \"mood\": {value},"),
                1,
            )
            .replacen(
                "\"prompt_id\": \"prompt-0\",",
                &format!("\"prompt_id\": \"prompt-0\",\n        \"lang\": {value},"),
                1,
            );
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path());
        fs::write(&path, &text).unwrap();
        let store = support::open_store(dir.path());
        let mut j = store.load().unwrap();
        assert_eq!(j, journal(2));
        std::sync::Arc::make_mut(&mut j.entries[0]).starred = true;
        store.save(&j).unwrap();
        let saved = String::from_utf8(fs::read(&path).unwrap()).unwrap();
        for key in ["top", "pref", "mood", "lang"] {
            assert!(
                saved.contains(&format!("\"{key}\": {value}")),
                "{key} of {value:.40} was not kept as it was:\n{saved:.2000}"
            );
        }
        // And again after a second start and save.
        drop(store);
        let store = support::open_store(dir.path());
        let j = store.load().unwrap();
        assert!(j.entries[0].starred);
        store.save(&j).unwrap();
        let again = String::from_utf8(fs::read(&path).unwrap()).unwrap();
        assert_eq!(again.matches(value).count(), 4, "{value:.40}");
    }
}

#[test]
fn values_outside_the_schema_are_refused_naming_the_entry_and_the_field() {
    let good = String::from_utf8(real_bytes(2)).unwrap();
    let date = "\"date\": \"2020-01-02\"";
    let cases = [
        (
            "\"closeness\": 2",
            "\"closeness\": 0",
            "entry 2 (the evening of 2020-01-02) has closeness 0",
        ),
        (
            "\"closeness\": 2",
            "\"closeness\": 200",
            "has closeness 200, and closeness is 1 to 7",
        ),
        (
            "\"stress\": 1",
            "\"stress\": 0",
            "entry 1 (the evening of 2020-01-01) has stress 0",
        ),
        (
            "\"stress\": 1",
            "\"stress\": 9",
            "has stress 9, and stress is 1 to 5",
        ),
        (
            date,
            "\"date\": \"+262142-12-31\"",
            "entry 2 has date +262142-12-31",
        ),
        (
            date,
            "\"date\": \"0000-12-31\"",
            "a date in the years 1 to 9999",
        ),
    ];
    for (from, to, says) in cases {
        let text = good.replacen(from, to, 1);
        assert_ne!(text, good, "{to}");
        let dir = tempfile::tempdir().unwrap();
        fs::write(journal_path(dir.path()), &text).unwrap();
        let m = refused(dir.path(), says);
        assert!(m.contains("nearer has not changed it"), "{m}");
    }
    // A plan for a date no calendar can show, in the preferences.
    let text = good.replacen(
        "\"favourites\": []",
        "\"favourites\": [],\n    \"planned\": {\"date\": \"+262142-12-31\", \"act\": {\"text\": \"t\"}}",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(journal_path(dir.path()), &text).unwrap();
    refused(dir.path(), "the preferences has planned.date +262142-12-31");
}
