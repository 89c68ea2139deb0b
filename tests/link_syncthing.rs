//! End to end on a real sync engine: two headless Syncthing instances on loopback
//! (tests/tools/syncthing-pair.sh), two nearer data folders, one per instance's copy of the
//! shared folder. They pair, share an evening each way, one is offline for a week of
//! evenings and catches up, and a conflict made on purpose (one person's two machines
//! writing while apart) is merged.
//!
//! Syncthing must be installed (`apt-get install -y syncthing`; `.ci/run` does it): without
//! it this test fails, it never skips. The script's ports are fixed, so everything runs in
//! one test function, under a lock file against another run on the same machine.

mod common;
mod link_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use link_support::{evening, eventually, files_holding, pair_both};
use nearer::link::{Link, Publish, SharedEvening, Status, pairing};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/syncthing-pair.sh");

struct Syncthing {
    root: PathBuf,
}

impl Syncthing {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("bash")
            .arg(SCRIPT)
            .args(args)
            .env("ROOT", &self.root)
            .env("TIMEOUT", "120")
            .output()
            .expect("bash runs the script");
        if !out.status.success() {
            let log = |who: &str| {
                let text = fs::read_to_string(self.root.join(who).join("syncthing.log"))
                    .unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                lines[lines.len().saturating_sub(30)..].join("\n")
            };
            panic!(
                "syncthing-pair.sh {args:?} failed:\n{}\n{}\n--- a/syncthing.log\n{}\n--- \
                 b/syncthing.log\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                log("a"),
                log("b")
            );
        }
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn sync(&self) {
        self.run(&["sync"]);
    }
}

/// `down`, whatever happens to the test.
impl Drop for Syncthing {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(SCRIPT)
            .arg("down")
            .env("ROOT", &self.root)
            .output();
    }
}

fn require(tool: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{tool} is not installed: this test needs it (apt-get install -y syncthing jq curl; \
         .ci/run installs them)"
    );
}

fn answers(evenings: &[SharedEvening]) -> Vec<String> {
    evenings
        .iter()
        .map(|e| e.answer.clone().unwrap_or_default())
        .collect()
}

/// Sync, then wait until `link` sees the partner evenings `want` (synced files appear a
/// moment after the engines agree).
fn sees(st: &Syncthing, link: &mut Link, want: &[&str]) {
    st.sync();
    let got = eventually(Duration::from_secs(30), || {
        link.refresh().unwrap();
        let (evenings, notices) = link.partner_evenings();
        assert!(notices.is_empty(), "{notices:?}");
        (answers(&evenings) == want).then_some(())
    });
    assert!(
        got.is_some(),
        "wanted {want:?}, got {:?}",
        answers(&link.partner_evenings().0)
    );
}

fn sync_conflicts(dir: &Path) -> Vec<String> {
    fs::read_dir(dir.join("nearer"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".sync-conflict-"))
        .collect()
}

#[test]
fn two_machines_on_real_syncthing_pair_share_catch_up_and_merge_a_conflict() {
    for tool in ["syncthing", "jq", "curl"] {
        require(tool);
    }
    let lock = fs::File::create(std::env::temp_dir().join("nearer-syncthing-test.lock")).unwrap();
    lock.lock().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let st = Syncthing {
        root: tmp.path().join("st"),
    };
    let started = Instant::now();
    let up = st.run(&["up"]);
    let dir_of = |who: &str| {
        let key = format!("{who}_DIR=");
        let line = up.split_whitespace().find(|w| w.starts_with(&key)).unwrap();
        PathBuf::from(&line[key.len()..])
    };
    let (dir_a, dir_b) = (dir_of("A"), dir_of("B"));
    let (data_a, data_b) = (tmp.path().join("data-a"), tmp.path().join("data-b"));

    // Pair: each side's cards cross by Syncthing; the code is confirmed on both.
    let (mut a, mut b) = pair_both(&data_a, &dir_a, &data_b, &dir_b, || st.sync());
    let paired = eventually(Duration::from_secs(30), || {
        st.sync();
        (a.status() == Status::Paired && b.status() == Status::Paired).then_some(())
    });
    assert!(paired.is_some(), "A {:?}, B {:?}", a.status(), b.status());
    assert_eq!(a.couple_seed(), b.couple_seed());

    // Tonight: each shares an answer, each sees the other's. A's watcher (started before)
    // says so within 2 s of B's file landing in A's copy of the folder.
    let watcher = a.watch();
    a.publish(&[evening("A", 0, 21, "the walk by the river")])
        .unwrap();
    st.sync();
    std::thread::sleep(nearer::link::watch::POLL + Duration::from_millis(500));
    watcher.changed(); // A's own write, heard; from now on only B's counts
    let b_on_a = dir_a.join("nearer").join(format!("{}.age", b.install_id()));
    let before = fs::read(&b_on_a).ok();
    b.publish(&[evening("B", 0, 22, "your soup")]).unwrap();
    let landed = eventually(Duration::from_secs(60), || {
        (fs::read(&b_on_a).ok() != before).then(Instant::now)
    })
    .expect("B's file reaches A's copy of the folder");
    let heard = watcher.wait(Duration::from_secs(2).saturating_sub(landed.elapsed()));
    assert!(
        heard,
        "A's watcher told nothing within 2 s of B's file landing"
    );
    sees(&st, &mut a, &["B: your soup"]);
    sees(&st, &mut b, &["A: the walk by the river"]);

    // B's machine is off for a week; A goes on sharing; B catches up when it is back.
    st.run(&["stop", "B"]);
    let week: Vec<SharedEvening> = (1..=7)
        .map(|d| evening("A", d, 21, &format!("evening {d} of the week")))
        .collect();
    for (i, e) in week.iter().enumerate() {
        assert!(matches!(
            a.publish(std::slice::from_ref(e)).unwrap(),
            Publish::Written { evenings, .. } if evenings == i + 2
        ));
    }
    st.run(&["start", "B"]);
    let mut want: Vec<String> = vec!["A: the walk by the river".into()];
    want.extend((1..=7).map(|d| format!("A: evening {d} of the week")));
    sees(
        &st,
        &mut b,
        &want.iter().map(String::as_str).collect::<Vec<_>>(),
    );

    // A conflict on purpose: A has a second machine whose folder is instance B's copy (the
    // same keys, its data folder copied); both write A's file while the instances are apart.
    let data_a2 = tmp.path().join("data-a2");
    for f in ["identity", "pairing.json"] {
        fs::create_dir_all(data_a2.join("link")).unwrap();
        fs::copy(data_a.join("link").join(f), data_a2.join("link").join(f)).unwrap();
    }
    let mut laptop = pairing::begin(&data_a2, &dir_b).expect("the same card is in B's copy");
    assert_eq!(laptop.status(), Status::Paired);
    st.run(&["stop", "B"]);
    a.publish(&[evening("A", 10, 21, "from the desktop")])
        .unwrap();
    std::thread::sleep(Duration::from_millis(1100)); // a later modification time
    laptop
        .publish(&[evening("A", 11, 21, "from the laptop")])
        .unwrap();
    st.run(&["start", "B"]);
    want.extend(["A: from the desktop".into(), "A: from the laptop".into()]);
    let want_all: Vec<&str> = want.iter().map(String::as_str).collect();
    st.sync();
    let conflict = eventually(Duration::from_secs(30), || {
        st.sync();
        let c = sync_conflicts(&dir_b);
        (!c.is_empty()).then_some(c)
    });
    assert!(conflict.is_some(), "Syncthing made no conflict copy");
    // The partner reads both versions, merged by date.
    sees(&st, &mut b, &want_all);
    // A's own machine folds the copy into its file and removes it; both folders agree.
    let folded = eventually(Duration::from_secs(30), || {
        st.sync();
        a.refresh().unwrap();
        st.sync();
        (sync_conflicts(&dir_a).is_empty() && sync_conflicts(&dir_b).is_empty()).then_some(())
    });
    assert!(
        folded.is_some(),
        "conflict copies left: {:?}",
        sync_conflicts(&dir_b)
    );
    sees(&st, &mut b, &want_all);
    assert_eq!(answers(&a.own_evenings())[..2], want[..2]);

    // Nothing anyone wrote is readable in either copy of the folder.
    for text in want.iter().chain(["B: your soup".to_string()].iter()) {
        for dir in [&dir_a, &dir_b] {
            let found = files_holding(dir, text.as_bytes());
            assert!(found.is_empty(), "{text:?} is readable in {found:?}");
        }
    }
    // No temporary of ours crossed.
    for dir in [&dir_a, &dir_b] {
        let names: Vec<String> = link_support::all_files(dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(".~nearer-")),
            "{names:?}"
        );
    }
    // The two apps, each on its own copy of the folder: each checks in sharing tonight's
    // answer; each home shows the other's only once its own is saved.
    apps_see_each_other(&st, &mut a, &mut b);
    eprintln!(
        "syncthing end to end: {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn apps_see_each_other(st: &Syncthing, a: &mut Link, b: &mut Link) {
    use common::{app_with, at, press, render, type_text};
    use nearer::app::{Action, App, update};
    use nearer::link::partner::shared_evenings;
    let journal = |partner: &str| {
        let mut j = nearer::journal::Journal::default();
        j.preferences.about.partner_name = Some(partner.into());
        j.preferences.sharing.default.answer = true;
        j
    };
    let read = |app: &mut App, link: &mut Link| {
        let now = app.now;
        let reading = nearer::tui::link::reading(link);
        update(app, Action::Partner(Box::new(reading)), now);
    };
    let check_in = |app: &mut App, link: &mut Link, answer: &str| {
        press(app, "c enter 5 enter 2 enter");
        type_text(app, answer);
        press(app, "tab tab enter enter");
        let now = app.now;
        update(app, Action::Saved(Ok(())), now);
        press(app, "enter");
        link.publish_exactly(&shared_evenings(&app.journal), now)
            .unwrap();
    };
    let now = at("2026-12-20T21:30:00+01:00");
    let (mut app_a, mut app_b) = (
        app_with(journal("Sam"), now, false),
        app_with(journal("Zoë"), now, false),
    );
    read(&mut app_a, a);
    read(&mut app_b, b);
    check_in(&mut app_a, a, "PELICAN by the harbour");
    let heard = eventually(Duration::from_secs(60), || {
        st.sync();
        read(&mut app_b, b);
        render(&app_b, 100, 30)
            .contains("Zoë has answered tonight's question")
            .then_some(())
    });
    assert!(heard.is_some(), "{}", render(&app_b, 100, 30));
    assert!(!render(&app_b, 100, 30).contains("PELICAN"));
    check_in(&mut app_b, b, "MOTH at the window");
    let both = eventually(Duration::from_secs(60), || {
        st.sync();
        read(&mut app_a, a);
        read(&mut app_b, b);
        (render(&app_a, 100, 30).contains("MOTH at the window")
            && render(&app_b, 100, 30).contains("PELICAN by the harbour"))
        .then_some(())
    });
    assert!(
        both.is_some(),
        "A:\n{}\nB:\n{}",
        render(&app_a, 100, 30),
        render(&app_b, 100, 30)
    );
}
