//! `nearer pair DIR` and `nearer unpair` as people run them: two terminals comparing words,
//! a "no", and a script that must be refused rather than left hanging.

mod support;

use std::fs;

use predicates::prelude::*;
use support::{Spawn, nearer};

/// Wait until the output holds `text`, whatever lines it was wrapped onto.
fn wait_words(t: &mut support::Term, text: &str) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let want = flat(text);
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !flat(&t.output_text()).contains(&want) {
        assert!(
            std::time::Instant::now() < end,
            "the output never held {text:?}; it holds:\n{}",
            t.output_text()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn code_in(output: &str) -> String {
    let at = output.find("shared folder):").expect("the code is shown");
    // The words stand on their own line, indented.
    output[at..]
        .lines()
        .find(|l| l.starts_with("    "))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn two_terminals_compare_the_words_and_pair() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("us"),
    );
    fs::create_dir(&dir).unwrap();
    let args = format!("pair '{}'", dir.display());
    let mut ta = Spawn::new(&a).args(&args).start();
    wait_words(&mut ta, "your partner's is not there yet");
    wait_words(&mut ta, "ctrl+c stops");
    let mut tb = Spawn::new(&b).args(&args).start();
    wait_words(&mut tb, "(yes/no)");
    wait_words(&mut ta, "(yes/no)");
    let (ca, cb) = (code_in(&ta.output_text()), code_in(&tb.output_text()));
    assert_eq!(ca, cb);
    assert_eq!(ca.split_whitespace().count(), 6, "{ca}");
    tb.send("maybe\r");
    wait_words(&mut tb, "Please answer yes or no.");
    tb.send("yes\r");
    wait_words(&mut tb, "Confirmed on this machine.");
    wait_words(&mut tb, "Waiting for your partner to confirm");
    ta.send("y\r");
    wait_words(&mut ta, "Paired: your partner confirmed too.");
    wait_words(&mut tb, "Paired: your partner confirmed too.");
    assert_eq!(ta.wait_exit(), 0);
    assert_eq!(tb.wait_exit(), 0);
    // Run again, it says where things stand and ends at once.
    let mut again = Spawn::new(&a).args(&args).start();
    wait_words(&mut again, "Paired");
    assert_eq!(again.wait_exit(), 0);
    // `unpair` says what it removed.
    nearer(&a)
        .arg("unpair")
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed from the shared folder"));
}

#[test]
fn no_to_the_words_undoes_this_side_and_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("us"),
    );
    fs::create_dir(&dir).unwrap();
    let args = format!("pair '{}'", dir.display());
    let mut ta = Spawn::new(&a).args(&args).start();
    wait_words(&mut ta, "not there yet");
    let mut tb = Spawn::new(&b).args(&args).start();
    wait_words(&mut tb, "(yes/no)");
    tb.send("no\r");
    wait_words(&mut tb, "Then nothing is shared");
    assert_eq!(tb.wait_exit(), 1);
    assert!(!b.join("link/pairing.json").exists());
    assert!(!b.join("link/identity").exists());
    ta.kill_hard();
}

#[test]
fn without_a_terminal_pair_refuses_at_once_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("us");
    fs::create_dir(&dir).unwrap();
    nearer(&tmp.path().join("data"))
        .arg("pair")
        .arg(&dir)
        .write_stdin("yes\n")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
    assert!(!tmp.path().join("data").exists());
    assert!(fs::read_dir(&dir).unwrap().next().is_none());
}

#[test]
fn errors_name_the_folder_and_say_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let missing = tmp.path().join("not-synced-yet");
    let args = format!("pair '{}'", missing.display());
    let mut t = Spawn::new(&data).args(&args).start();
    wait_words(&mut t, "not-synced-yet is not there");
    wait_words(&mut t, "then run this again");
    assert_eq!(t.wait_exit(), 1);
    nearer(&data)
        .arg("unpair")
        .assert()
        .success()
        .stdout(predicate::str::contains("not paired"));
    nearer(&data)
        .arg("pair")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<DIR>"));
    nearer(&data)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("pair").and(predicate::str::contains("unpair")));
}

#[test]
fn pair_and_unpair_refuse_while_nearer_has_the_journal_open() {
    // The open app's link would put back, within seconds, the card `unpair` removes.
    let tmp = tempfile::tempdir().unwrap();
    let (data, dir) = (tmp.path().join("data"), tmp.path().join("us"));
    fs::create_dir(&dir).unwrap();
    nearer::link::pairing::begin(&data, &dir).unwrap();
    let files = |dir: &std::path::Path| {
        let mut all: Vec<(std::path::PathBuf, Vec<u8>)> = fs::read_dir(dir.join("nearer"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        all.sort();
        all
    };
    let before = files(&dir);
    assert!(!before.is_empty());
    let open = nearer::journal::Store::open(&data).unwrap();
    nearer(&data).arg("unpair").assert().code(1).stderr(
        predicate::str::contains("is open in nearer").and(predicate::str::contains(
            "settings (Link with your partner)",
        )),
    );
    let mut t = Spawn::new(&data)
        .args(&format!("pair '{}'", dir.display()))
        .start();
    wait_words(&mut t, "is open in nearer");
    assert_eq!(t.wait_exit(), 1);
    assert_eq!(files(&dir), before, "the folder is as it was");
    assert!(data.join("link").join("pairing.json").exists());
    drop(open);
    nearer(&data)
        .arg("unpair")
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed from the shared folder"));
}
