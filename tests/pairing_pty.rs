//! Pairing from settings, as two people do it, each at their own nearer in a real terminal:
//! both give the folder they share, both screens show the same six words, nothing is shared
//! before both have said yes, then both are linked; one unpairs and the other's screen
//! says so. And the other way it can go: the words differ, one says no, and that side's
//! card and keys are gone. The link's worker does the folder work off the drawing thread;
//! these tests run it for real, through one plain folder for both.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{Spawn, Term};

const DOWN: &str = "\x1b[B";
/// Settings' rows above "Link with your partner": two names, apart, children, five love
/// languages, on my own.
const ROWS_ABOVE_LINK: usize = 10;
/// Steps between two machines go through the folder's watcher (within 2 s) and a loaded
/// machine: generous.
const ACROSS: Duration = Duration::from_secs(40);

/// The six words on the screen, when it shows them: one line of six words three spaces
/// apart.
fn six_words(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let words: Vec<&str> = l.trim().split("   ").collect();
        (words.len() == 6
            && words
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())))
        .then(|| words.join(" "))
    })
}

fn wait_words(t: &mut Term) -> String {
    let deadline = Instant::now() + ACROSS;
    loop {
        if let Some(w) = six_words(&t.contents()) {
            return w;
        }
        assert!(
            Instant::now() < deadline,
            "no six words came; the screen shows:\n{}",
            t.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// From home to the link's page, then the shared folder given.
fn link_through(t: &mut Term, shared: &Path) {
    t.wait_for("Start");
    t.send("a");
    t.wait_for("About us and settings");
    t.send(&DOWN.repeat(ROWS_ABOVE_LINK));
    t.wait_for("▸ Link with your partner");
    t.send("\r");
    t.wait_for("Shared folder:");
    // As a terminal pastes a folder dragged onto it: quoted.
    t.paste(&format!("'{}'", shared.display()));
    t.send("\r");
}

/// Back to home a page at a time (an escape and a letter sent together read as alt+letter),
/// then quit; nearer ends well.
fn quit(t: &mut Term) {
    let deadline = Instant::now() + ACROSS;
    while !t.contents().contains("Safety and support") {
        assert!(Instant::now() < deadline, "never home:\n{}", t.contents());
        t.send("\x1b");
        std::thread::sleep(Duration::from_millis(300));
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// This install's id, as its pairing state names it (`link/pairing.json` holds the
/// partner's; the card in the folder that is not the partner's is this one's).
fn install_id(data: &Path) -> String {
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("link").join("pairing.json")).unwrap())
            .unwrap();
    let partner = state["partner"]["install_id"].as_str().unwrap().to_string();
    let dir = std::path::PathBuf::from(state["dir"].as_str().unwrap()).join("nearer");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".pub").map(str::to_string))
        .find(|id| *id != partner)
        .expect("this install's card")
}

/// The files in the shared folder's nearer/, by name.
fn in_folder(shared: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(shared.join("nearer"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

struct Two {
    _tmp: tempfile::TempDir,
    shared: std::path::PathBuf,
    a_dir: std::path::PathBuf,
    b_dir: std::path::PathBuf,
}

fn two() -> Two {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    Two {
        a_dir: tmp.path().join("a"),
        b_dir: tmp.path().join("b"),
        shared,
        _tmp: tmp,
    }
}

#[test]
fn two_people_pair_from_settings_compare_the_same_words_and_are_linked() {
    let two = two();
    let mut a = Spawn::new(&two.a_dir).start();
    let mut b = Spawn::new(&two.b_dir).start();

    link_through(&mut a, &two.shared);
    a.wait_for("card is in");
    assert!(
        six_words(&a.contents()).is_none(),
        "words before the partner's card came"
    );
    link_through(&mut b, &two.shared);
    let (wa, wb) = (wait_words(&mut a), wait_words(&mut b));
    assert_eq!(wa, wb, "both screens show the same six words");

    // Nothing is shared before both have said yes: two cards, no sealed file.
    let files = in_folder(&two.shared);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.ends_with(".pub")), "{files:?}");

    a.send("\r");
    a.wait_for_within("Confirmed on this machine.", ACROSS);
    a.wait_for("Waiting for your partner to confirm");
    b.send("\r");
    b.wait_for_within("Linked with your partner through", ACROSS);
    a.wait_for_within("Linked with your partner through", ACROSS);

    // Back in settings, the row says so.
    a.send("\x1b");
    a.wait_for("linked with your partner");
    a.send("\x1b");
    a.wait_for("Safety and support");

    // Someone who can write in the folder replaces b's file while b is away: a says so,
    // never reading it as b's; b, back, puts its own file back.
    quit(&mut b);
    let b_file = two
        .shared
        .join("nearer")
        .join(format!("{}.age", install_id(&two.b_dir)));
    assert!(b_file.exists(), "b shared its (empty) file at confirming");
    std::fs::write(
        &b_file,
        b"age-encryption.org/v1\n-> X25519 forged\nnot b's\n",
    )
    .unwrap();
    let name = b_file.file_name().unwrap().to_string_lossy().into_owned();
    a.wait_for_within(&name, ACROSS);
    let mut b = Spawn::new(&two.b_dir).start();
    b.wait_for("Start");
    let deadline = Instant::now() + ACROSS;
    while a.contents().contains(&name) {
        assert!(
            Instant::now() < deadline,
            "b never put its file back:\n{}",
            a.contents()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // And while b runs: b hears the change and puts its file back by itself.
    let forged = b"age-encryption.org/v1\n-> X25519 forged again\n".to_vec();
    std::fs::write(&b_file, &forged).unwrap();
    let deadline = Instant::now() + ACROSS;
    while std::fs::read(&b_file).unwrap_or_default() == forged {
        assert!(
            Instant::now() < deadline,
            "b left a forged file under its name"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // b unpairs: its files leave the folder, and a is told.
    b.send("a");
    b.wait_for("About us and settings");
    b.send(&DOWN.repeat(ROWS_ABOVE_LINK));
    b.wait_for("▸ Link with your partner");
    b.send("\r");
    b.wait_for("▸ Stop sharing: unpair");
    b.send("\r");
    b.wait_for("▸ Keep the link");
    b.send(DOWN);
    b.send("\r");
    b.wait_for_within("Unpaired: nothing more is shared", ACROSS);
    b.wait_for("Shared folder:");
    assert!(
        !two.b_dir.join("link").join("identity").exists(),
        "b's link keys are gone"
    );
    let files = in_folder(&two.shared);
    assert_eq!(files.len(), 2, "only a's card and file stay: {files:?}");
    a.wait_for_within("files are gone from", ACROSS);

    quit(&mut a);
    quit(&mut b);
}

#[test]
fn words_that_differ_are_declined_and_that_side_keeps_nothing_of_the_pairing() {
    let two = two();
    let mut a = Spawn::new(&two.a_dir).start();
    let mut b = Spawn::new(&two.b_dir).start();
    link_through(&mut a, &two.shared);
    a.wait_for("card is in");
    link_through(&mut b, &two.shared);
    wait_words(&mut b);

    // b says the words differ.
    b.send(DOWN);
    b.wait_for("▸ No: the words differ");
    b.send("\r");
    b.wait_for_within("Then nothing is shared", ACROSS);
    b.wait_for("Shared folder:");
    assert!(!two.b_dir.join("link").join("identity").exists());
    assert!(!two.b_dir.join("link").join("pairing.json").exists());
    let files = in_folder(&two.shared);
    assert_eq!(files.len(), 1, "only a's card stays: {files:?}");

    // a never confirmed, so a shares nothing, and its words are gone with b's card.
    let deadline = Instant::now() + ACROSS;
    while six_words(&a.contents()).is_some() {
        assert!(
            Instant::now() < deadline,
            "a still shows words to confirm:\n{}",
            a.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(in_folder(&two.shared).iter().all(|f| f.ends_with(".pub")));

    quit(&mut a);
    quit(&mut b);
}

#[test]
fn a_folder_that_is_not_there_is_said_and_the_path_stays_to_mend() {
    let two = two();
    let mut a = Spawn::new(&two.a_dir).start();
    link_through(&mut a, &two.shared.join("not-yet"));
    a.wait_for("There is no folder");
    assert!(a.contents().contains("not-yet"), "the path is still typed");
    assert!(!two.a_dir.join("link").join("pairing.json").exists());
    quit(&mut a);
}
