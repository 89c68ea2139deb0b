//! The journal's folder belongs to the person nearer runs as, and to no one else: one open
//! to others is made private (0700), and one of another user's is refused before anything
//! is written in it (run as root on a person's folder, nearer would leave files owned by
//! root there and lock its owner out).
//!
//! CI runs as root, so the other user is made real: a folder given to `nobody` (65534), and
//! nearer run as `nobody` by `setpriv`. Run as another user, the same tests use a folder of
//! root's (/tmp). Neither way is skipped.

mod support;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use nearer::journal::store::owner::{Verdict, verdict};
use nearer::journal::{Store, StoreError};

use support::{journal, nearer, open_store};

const NOBODY: u32 = 65534;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_folder_open_to_others_is_made_private_and_that_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let store = open_store(dir.path());
    assert_eq!(mode(dir.path()), 0o700);
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("was open to other users (mode 0777)")
            && notices[0].contains("private (0700)"),
        "{notices:?}"
    );
    store.save(&journal(1)).unwrap();
    drop(store);
    assert!(
        open_store(dir.path()).take_notices().is_empty(),
        "said once"
    );
    // One others could only look into is made private too, quietly.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(open_store(dir.path()).take_notices().is_empty());
    assert_eq!(mode(dir.path()), 0o700);
}

#[test]
fn a_shared_folder_like_tmp_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o1777)).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::SharedFolder { .. }), "{err:?}");
    assert!(err.to_string().contains("--data-dir"), "{err}");
    assert_eq!(mode(dir.path()), 0o1777);
    assert!(
        support::names(dir.path()).is_empty(),
        "something was written"
    );
}

#[test]
fn the_verdict_for_each_owner_and_mode() {
    // The decision alone, for owners this machine may not have.
    assert_eq!(verdict(1000, 0o700, 1000), Verdict::Fine);
    assert_eq!(verdict(1000, 0o700, 0), Verdict::NotYours { owner: 1000 });
    assert_eq!(verdict(0, 0o777, 1000), Verdict::NotYours { owner: 0 });
    assert_eq!(verdict(1000, 0o777, 1000), Verdict::Tighten { mode: 0o777 });
}

/// The folder of another user's, as this test can make one: as root, a new folder given
/// to `nobody`; as anyone else, /tmp (root's).
fn another_users_folder() -> (Option<tempfile::TempDir>, std::path::PathBuf) {
    if support::is_root() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("theirs");
        fs::create_dir(&data).unwrap();
        std::os::unix::fs::chown(&data, Some(NOBODY), Some(NOBODY)).unwrap();
        (Some(dir), data)
    } else {
        (None, std::path::PathBuf::from("/tmp"))
    }
}

#[test]
fn a_folder_of_another_users_is_refused_before_anything_is_written() {
    let (_keep, data) = another_users_folder();
    let before = support::names(&data);
    let owner = fs::metadata(&data).unwrap().uid();
    let err = Store::open(&data).unwrap_err();
    assert!(matches!(err, StoreError::NotYours { .. }), "{err:?}");
    let m = err.to_string();
    assert!(
        m.contains(&format!("(uid {owner})")),
        "names the owner: {m}"
    );
    assert!(m.contains("Run nearer as"), "says what to do: {m}");
    // Through the binary, as a person would meet it (restore takes the lock).
    let out = nearer(&data)
        .args(["restore", "2026-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("belongs to"), "{stderr}");
    assert_eq!(support::names(&data), before, "something was written");
    if support::is_root() {
        for name in ["journal.json", "journal.lock", "backups"] {
            assert!(!data.join(name).exists(), "{name}");
        }
    }
}

/// nearer run as `nobody` on a folder of root's that anyone may write in (0777): it must
/// not make its files there, owned by nobody, in root's folder.
#[test]
fn run_as_another_user_on_a_folder_open_to_all_nearer_refuses() {
    if !support::is_root() {
        // Not root: this user is the "other" one, and /tmp is root's.
        let out = nearer(Path::new("/tmp"))
            .args(["restore", "2026-01-01"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("belongs to"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("roots");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o777)).unwrap();
    let bin = support::runnable_copy(dir.path());
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&bin)
        .arg("--data-dir")
        .arg(&data)
        .args(["restore", "2026-01-01"])
        .env("NEARER_CONFIG_DIR", dir.path().join("config"))
        .output()
        .expect("setpriv runs a program as another user (util-linux)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("belongs to the user root (uid 0)")
            && stderr.contains("nearer runs as the user nobody (uid 65534)"),
        "{stderr}"
    );
    assert!(support::names(&data).is_empty(), "something was written");
    assert_eq!(mode(&data), 0o777, "left as it is");
}
