//! Saves that fail: a full disk (a file-size limit, and a real tiny filesystem where one
//! can be mounted), a folder nearer may not write in, a folder removed under nearer. The
//! previous journal stays intact, the app says what happened, keeps what was typed, saves
//! it on its own once the problem is fixed, and keeps a copy elsewhere if nearer is closed
//! before that.

mod common;
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use nearer::app::{Action, Effect, update};
use nearer::journal::store::{JOURNAL_FILE, read_journal};
use nearer::journal::{Store, StoreError};

use support::{Spawn, Term, journal, open_store, snapshot};

// ---------------------------------------------------------------------------------------
// The pure part: what the app does with a failed save.

#[test]
fn a_failed_save_is_told_retried_and_then_cleared() {
    let mut app = common::app(journal(1));
    common::press(&mut app, "c enter 5 enter s");
    common::type_text(&mut app, "Kept through a full disk");
    let effects = common::press(&mut app, "tab tab s");
    assert!(effects.contains(&Effect::SaveJournal), "{effects:?}");
    let now = app.now;

    let effects = update(
        &mut app,
        Action::Saved(Err(
            "the disk is full. Free some space; nearer tries again on its own".into(),
        )),
        now,
    );
    assert!(app.unsaved);
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains("Not saved: the disk is full"), "{notice}");
    assert!(notice.contains("stays here until it is saved"), "{notice}");
    // The finished check-in is written as a draft too.
    let draft = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveDrafts(d) => d.newest_first().next().cloned(),
            _ => None,
        })
        .expect("a draft of the finished check-in");
    assert_eq!(draft.reflection, "Kept through a full disk");
    // The summary says it is not on disk yet.
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("Not saved to disk yet"), "{screen}");
    assert!(screen.contains("Not saved: the disk is full"), "{screen}");

    // A quiet moment soon after: no retry yet.
    let soon = now + chrono::Duration::seconds(2);
    assert!(!update(&mut app, Action::Tick, soon).contains(&Effect::SaveJournal));
    // A few seconds on: tried again.
    let later = now + chrono::Duration::seconds(6);
    assert!(update(&mut app, Action::Tick, later).contains(&Effect::SaveJournal));
    assert!(app.saving);
    // While a save is under way, no second one.
    assert!(
        !update(&mut app, Action::Tick, later + chrono::Duration::seconds(9))
            .contains(&Effect::SaveJournal)
    );
    // It works this time: the person is told, the draft goes once they leave the check-in.
    common::press(&mut app, "enter");
    let effects = update(&mut app, Action::Saved(Ok(())), later);
    assert!(!app.unsaved);
    assert_eq!(
        app.notice.as_deref(),
        Some("The journal is saved now; nothing was lost.")
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SaveDrafts(d) if d.is_empty())),
        "the draft goes once the journal is saved: {effects:?}"
    );
    // The reassurance goes with the next key.
    common::press(&mut app, "down");
    assert_eq!(app.notice, None);
}

#[test]
fn quitting_with_an_unsaved_journal_tries_once_more() {
    let mut app = common::app(journal(1));
    common::press(&mut app, "c enter 5 enter s tab tab s");
    let now = app.now;
    update(&mut app, Action::Saved(Err("the disk is full".into())), now);
    let effects = common::press(&mut app, "q");
    assert!(effects.contains(&Effect::SaveJournal), "{effects:?}");
    assert_eq!(effects.last(), Some(&Effect::Quit));
}

// ---------------------------------------------------------------------------------------
// The store: a save that fails half-way leaves the old file and no litter.

/// Run this test binary again as `child`, with a file-size limit of `limit` bytes (SIGXFSZ
/// ignored, so a write past it fails with EFBIG as on a full disk instead of killing).
fn run_limited_child(dir: &Path, limit: u64) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "limited_save_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("NEARER_LIMITED_DIR", dir)
        .env("NEARER_LIMITED_BYTES", limit.to_string())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "the child process of a_save_cut_off_by_a_full_disk_leaves_the_old_journal"]
fn limited_save_child() {
    let Some(dir) = std::env::var_os("NEARER_LIMITED_DIR") else {
        return;
    };
    let limit: u64 = std::env::var("NEARER_LIMITED_BYTES")
        .unwrap()
        .parse()
        .unwrap();
    // SAFETY: plain libc calls on this process, before any thread of ours writes files.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit {
            rlim_cur: limit,
            rlim_max: libc::RLIM_INFINITY,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
    let store = Store::open(Path::new(&dir)).unwrap();
    let mut j = store.load().unwrap();
    j.upsert(support::entry(j.entries.len()));
    match store.save(&j) {
        Ok(()) => println!("RESULT saved"),
        Err(e) => {
            let kind = match &e {
                StoreError::Io { error, .. } => format!("{:?}", error.kind()),
                other => format!("{other:?}"),
            };
            println!("RESULT failed {kind} | {e} | {}", e.short());
        }
    }
}

#[test]
fn a_save_cut_off_by_a_full_disk_leaves_the_old_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(100)).unwrap();
    let before = snapshot(&path);
    let size = before.0.len() as u64;
    // Room for half the journal: the write stops half-way.
    let out = run_limited_child(dir.path(), size / 2);
    let result = out.lines().find(|l| l.contains("RESULT")).expect(&out);
    assert!(result.contains("failed FileTooLarge"), "{result}");
    assert!(
        result.contains("larger than this system allows"),
        "{result}"
    );
    assert!(
        result.contains(&path.display().to_string()),
        "names the file: {result}"
    );
    assert_eq!(snapshot(&path), before, "the old journal is intact");
    let litter: Vec<String> = support::names(dir.path())
        .into_iter()
        .chain(support::names(&dir.path().join("backups")))
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        litter.is_empty(),
        "no half-written file is left: {litter:?}"
    );
    // With room again, the same save works.
    let out = run_limited_child(dir.path(), u64::MAX / 2);
    assert!(out.contains("RESULT saved"), "{out}");
    assert_eq!(read_journal(&path).unwrap(), journal(101));
}

// ---------------------------------------------------------------------------------------
// The app in a pseudo-terminal.

/// Walk a check-in to its summary with `words` as the reflection.
fn check_in(t: &mut Term, words: &str) {
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("3\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send(words);
    t.send("\t");
    t.wait_for("One good thing");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("s");
    t.wait_for("Sleep well");
}

fn no_litter(dir: &Path) {
    let litter: Vec<String> = support::names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

/// What a person sees after a failed save: the summary says so and the notice says why.
fn assert_told(t: &mut Term, why: &str) {
    t.wait_for("Check-in · not saved yet");
    t.wait_for("Not saved to disk yet");
    t.wait_for(why);
}

#[test]
fn the_app_on_a_full_disk_keeps_the_entry_and_saves_it_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(200)).unwrap();
    let before = snapshot(&path);
    assert!(before.0.len() > 100 * 1024);
    // 100 blocks: 50 KB where a block is 512 bytes (dash), 100 KB where it is 1024 (bash).
    let mut t = Spawn::new(dir.path())
        .args("checkin")
        .before("trap '' XFSZ; ulimit -S -f 100;")
        .start();
    check_in(&mut t, "Words written while the disk was full");
    assert_told(&mut t, "larger than this system allows");
    assert_eq!(snapshot(&path), before, "the journal is intact");
    no_litter(dir.path());
    let draft = fs::read_to_string(dir.path().join("drafts.json"))
        .expect("the check-in is kept as a draft");
    assert!(draft.contains("Words written while the disk was full"));

    let pid = t.process.child_pid.as_raw();
    let lifted = Command::new("prlimit")
        .args(["--pid", &pid.to_string(), "--fsize=unlimited"])
        .status()
        .is_ok_and(|s| s.success());
    if !lifted {
        eprintln!(
            "skipped the retry: prlimit cannot lift the limit here (the tmpfs test and \
             the removed-folder test cover a save that works again)"
        );
        t.ctrl('c');
        t.wait_exit();
        return;
    }
    // The person frees some room; nearer saves on its own within a few seconds.
    t.wait_for_within(
        "The journal is saved now; nothing was lost.",
        Duration::from_secs(15),
    );
    t.wait_for("Saved to your journal");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&path).unwrap();
    assert_eq!(j.entries.len(), 201);
    assert_eq!(
        j.entries[200].reflection.as_ref().unwrap().answer,
        "Words written while the disk was full"
    );
    assert!(
        !dir.path().join("drafts.json").exists(),
        "the draft went once saved"
    );
}

#[test]
fn closing_nearer_while_the_disk_is_still_full_keeps_the_check_in_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(200)).unwrap();
    let before = snapshot(&path);
    let cache = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path())
        .args("checkin")
        .before("trap '' XFSZ; ulimit -S -f 100;")
        .env("XDG_CACHE_HOME", cache.path().display().to_string())
        .env("TMPDIR", cache.path().display().to_string())
        .start();
    check_in(&mut t, "Closed before the disk had room");
    assert_told(&mut t, "larger than this system allows");
    t.send("q");
    assert_eq!(t.wait_exit(), 1);
    t.assert_restored();
    let out = t.output_text();
    assert!(
        out.contains("nearer: the journal could not be saved"),
        "{out}"
    );
    assert!(
        out.contains("drafts.json; nearer offers it back next time"),
        "{out}"
    );
    assert_eq!(snapshot(&path), before);
    no_litter(dir.path());
    // Next time, with room: the check-in is offered back, whole.
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("Continue tonight's check-in");
    t.send("\r");
    // Where it was left: the small act, as chosen (nothing planned).
    t.wait_for("Nothing planned");
    t.send("\x1b[Z"); // shift+tab: back through the answers
    t.wait_for("One good thing");
    t.send("\x1b[Z");
    t.wait_for("Closed before the disk had room");
    t.ctrl('c');
    assert_eq!(t.wait_exit(), 0);
}

/// Mount a tmpfs of `kib` KiB at a new folder; `None` where mounting is not allowed.
fn tiny_filesystem(kib: u32) -> Option<(tempfile::TempDir, PathBuf)> {
    let holder = tempfile::tempdir().unwrap();
    let mnt = holder.path().join("disk");
    fs::create_dir(&mnt).unwrap();
    let ok = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={kib}k,mode=0700"),
            "tmpfs",
        ])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some((holder, mnt))
}

struct Unmount(PathBuf);
impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_real_full_disk_then_room_again() {
    let Some((_holder, disk)) = tiny_filesystem(512) else {
        eprintln!(
            "skipped: this machine does not allow mounting a tmpfs; the file-size limit tests cover a full disk"
        );
        return;
    };
    let _unmount = Unmount(disk.clone());
    let dir = disk.join("nearer");
    let path = dir.join(JOURNAL_FILE);
    open_store(&dir).save(&journal(150)).unwrap();
    let before = snapshot(&path);
    // Fill the disk but for a few KB.
    let filler = disk.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let len = fs::metadata(&filler).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len - 8192)
        .unwrap();

    let mut t = Spawn::new(&dir).args("checkin").start();
    check_in(&mut t, "Written on a full disk");
    assert_told(&mut t, "the disk is full");
    assert_eq!(snapshot(&path), before);
    no_litter(&dir);
    // Room again: saved within seconds, without a key pressed.
    fs::remove_file(&filler).unwrap();
    t.wait_for_within(
        "The journal is saved now; nothing was lost.",
        Duration::from_secs(15),
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&path).unwrap();
    assert_eq!(j.entries.len(), 151);
    assert_eq!(
        j.entries[150].reflection.as_ref().unwrap().answer,
        "Written on a full disk"
    );
}

/// Make `dir` refuse new files, and a way to undo it; `None` with a reason if this machine
/// offers no way (root ignores permissions, so root needs the immutable attribute).
fn make_read_only(dir: &Path) -> Result<Box<dyn Fn()>, String> {
    use std::os::unix::fs::PermissionsExt;
    if !support::is_root() {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
        let d = dir.to_path_buf();
        return Ok(Box::new(move || {
            fs::set_permissions(&d, fs::Permissions::from_mode(0o700)).unwrap();
        }));
    }
    let ok = Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return Err("running as root where chattr +i is not supported".into());
    }
    let d = dir.to_path_buf();
    Ok(Box::new(move || {
        let _ = Command::new("chattr").arg("-i").arg(&d).status();
    }))
}

#[test]
fn a_folder_nearer_may_not_write_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nearer");
    let path = data.join(JOURNAL_FILE);
    open_store(&data).save(&journal(5)).unwrap();
    let before = snapshot(&path);
    let mut t = Spawn::new(&data).args("checkin").start();
    t.wait_for("Arrive");
    let undo = match make_read_only(&data) {
        Ok(undo) => undo,
        Err(why) => {
            eprintln!("skipped: {why}");
            t.ctrl('c');
            t.wait_exit();
            return;
        }
    };
    check_in(&mut t, "Written in a folder that said no");
    assert_told(&mut t, "not allowed to write in");
    assert_eq!(snapshot(&path), before);
    // Made writable again: saved on its own.
    undo();
    t.wait_for_within(
        "The journal is saved now; nothing was lost.",
        Duration::from_secs(15),
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&path).unwrap();
    assert_eq!(
        j.entries[5].reflection.as_ref().unwrap().answer,
        "Written in a folder that said no"
    );
    no_litter(&data);
}

#[test]
fn a_folder_removed_under_nearer() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nearer");
    let cache = dir.path().join("cache");
    open_store(&data).save(&journal(5)).unwrap();
    let mut t = Spawn::new(&data)
        .args("checkin")
        .env("XDG_CACHE_HOME", cache.display().to_string())
        .start();
    t.wait_for("Arrive");
    fs::remove_dir_all(&data).unwrap();
    check_in(&mut t, "Written after the folder went");
    assert_told(&mut t, "is gone");
    t.wait_for("mkdir -p");
    // Closed before the folder is back: everything is kept elsewhere, and it says where.
    t.send("q");
    assert_eq!(t.wait_exit(), 1);
    t.assert_restored();
    let out = t.output_text().replace("\r\n", "\n");
    assert!(
        out.contains("nearer: the journal could not be saved"),
        "{out}"
    );
    assert!(out.contains("Nothing is lost"), "{out}");
    let rescue: Vec<String> = support::names(&cache.join("nearer"));
    assert_eq!(rescue.len(), 1, "{rescue:?}");
    let rescue = cache.join("nearer").join(&rescue[0]);
    assert!(
        out.contains(&rescue.display().to_string()),
        "names the copy: {out}"
    );
    let j = read_journal(&rescue.join(JOURNAL_FILE)).unwrap();
    assert_eq!(j.entries.len(), 6, "the old entries and the new one");
    assert_eq!(
        j.entries[5].reflection.as_ref().unwrap().answer,
        "Written after the folder went"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&rescue).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        fs::metadata(rescue.join(JOURNAL_FILE))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    // The message's advice works: carry on from the copy.
    support::nearer(&rescue)
        .arg("export")
        .assert()
        .success()
        .stdout(predicates::str::contains("Written after the folder went"));
}

#[test]
fn a_removed_folder_that_comes_back_gets_the_whole_journal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nearer");
    open_store(&data).save(&journal(5)).unwrap();
    let mut t = Spawn::new(&data).args("checkin").start();
    t.wait_for("Arrive");
    fs::remove_dir_all(&data).unwrap();
    check_in(&mut t, "Saved once the folder was back");
    assert_told(&mut t, "is gone");
    fs::create_dir(&data).unwrap();
    t.wait_for_within(
        "The journal is saved now; nothing was lost.",
        Duration::from_secs(15),
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&data.join(JOURNAL_FILE)).unwrap();
    assert_eq!(j.entries.len(), 6);
    assert_eq!(j.entries[..5], journal(5).entries[..]);
}

#[test]
fn with_nowhere_at_all_to_write_the_words_are_shown_to_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nearer");
    open_store(&data).save(&journal(5)).unwrap();
    let mut t = Spawn::new(&data)
        .args("checkin")
        .env("XDG_CACHE_HOME", "/dev/null/cache")
        .env("TMPDIR", "/dev/null/tmp")
        .start();
    t.wait_for("Arrive");
    fs::remove_dir_all(&data).unwrap();
    check_in(&mut t, "The only copy of these words");
    assert_told(&mut t, "is gone");
    t.send("q");
    assert_eq!(t.wait_exit(), 1);
    t.assert_restored();
    let out = t.output_text();
    assert!(out.contains("copy it somewhere safe"), "{out}");
    assert!(out.contains("The only copy of these words"), "{out}");
    assert!(
        !out.contains("Evening 3."),
        "only this session's entry: {out}"
    );
}

#[test]
fn room_again_just_as_nearer_closes_saves_and_leaves_no_stale_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(200)).unwrap();
    let mut t = Spawn::new(dir.path())
        .args("checkin")
        .before("trap '' XFSZ; ulimit -S -f 100;")
        .start();
    check_in(&mut t, "Saved on the way out");
    assert_told(&mut t, "larger than this system allows");
    assert!(dir.path().join("drafts.json").exists());
    let pid = t.process.child_pid.as_raw();
    let lifted = Command::new("prlimit")
        .args(["--pid", &pid.to_string(), "--fsize=unlimited"])
        .status()
        .is_ok_and(|s| s.success());
    if !lifted {
        eprintln!("skipped: prlimit cannot lift the limit here");
        t.ctrl('c');
        t.wait_exit();
        return;
    }
    // Closed before the next try: the save on the way out works.
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&path).unwrap();
    assert_eq!(
        j.entries[200].reflection.as_ref().unwrap().answer,
        "Saved on the way out"
    );
    assert!(
        !dir.path().join("drafts.json").exists(),
        "no draft left to be offered for an evening already saved"
    );
}
