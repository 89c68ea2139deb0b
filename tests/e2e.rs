//! The built binary, driven through a whole check-in in a pseudo-terminal, then the
//! journal read back from disk. Ratatui redraws only the cells that changed, so the output
//! is fed through a terminal emulator (`vt100`) and the test reads the screen as a person
//! would.

mod support;

use support::{Spawn, Term};

fn spawn(dir: &std::path::Path, args: &str) -> Term {
    Spawn::new(dir).args(args).start()
}

#[test]
fn a_whole_checkin_in_a_real_terminal_lands_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = spawn(dir.path(), "");
    t.wait_for("Start");
    t.send("\r");
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("6");
    t.wait_for("mostly");
    t.send("\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("Tea on the balcony, Zoë 💛");
    t.send("\t");
    t.wait_for("One good thing");
    t.send("He fixed the lamp");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("w");
    t.wait_for("Concrete");
    t.send("Leave a note");
    t.send("\t");
    t.wait_for("Sleep");
    t.send("\r");
    t.wait_for("Change");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();

    let text = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{text}");
    let e = &entries[0];
    assert_eq!(e["closeness"], 6);
    assert_eq!(e["reflection"]["answer"], "Tea on the balcony, Zoë 💛");
    assert_eq!(e["appreciation"], "He fixed the lamp");
    assert_eq!(e["small_act"]["text"], "Leave a note");
    assert!(
        !dir.path().join("drafts.json").exists(),
        "a finished check-in leaves no draft"
    );
}

#[test]
fn quitting_mid_way_keeps_a_draft_and_the_next_start_offers_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = spawn(dir.path(), "checkin");
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("3\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("unfinished words");
    t.ctrl('c');
    assert_eq!(t.wait_exit(), 0);
    let draft = std::fs::read_to_string(dir.path().join("drafts.json")).unwrap();
    assert!(draft.contains("unfinished words"), "{draft}");
    assert!(
        !dir.path().join("journal.json").exists(),
        "no entry from a half check-in"
    );

    let mut t = spawn(dir.path(), "");
    t.wait_for("Continue");
    t.send("\r");
    t.wait_for("unfinished");
    t.ctrl('c');
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_journal_that_does_not_parse_stops_the_app_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.json");
    for bytes in [&b"\x00\x01garbage"[..], br#"{"version": 7, "entries": []}"#] {
        std::fs::write(&path, bytes).unwrap();
        let mut t = spawn(dir.path(), "");
        // An unreadable file comes with a choice of what to do; enter leaves it as it is.
        t.send("\r");
        assert_eq!(t.wait_exit(), 1);
        t.wait_for("journal.json");
        t.assert_restored();
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "left byte for byte");
    }
}

#[test]
fn a_mistake_in_the_own_content_file_is_named_and_nearer_starts_with_its_own() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/content.toml"),
        "[[card]]\nid = \"walk\"\nsection = \"everyday\"\ntitle = \"A walk\"\nwhy = \"Air.\"\nsteps = [\"Go.\"]\nminutes = \"ten\"\nmode = \"solo\"\ndepth = \"light\"\n",
    )
    .unwrap();
    let mut t = spawn(dir.path(), "");
    t.wait_for("was not loaded");
    t.wait_for("content.toml:7:11");
    t.wait_for("`minutes`");
    t.send("b");
    // The bundled cards, all of them there (those that fit a couple living together).
    let fits = nearer::content::Library::bundled()
        .cards
        .iter()
        .filter(|c| nearer::suggest::card_fits(c, &Default::default()))
        .count();
    t.wait_for(&format!("{fits} cards in 7 sections"));
    t.send("q");
    t.wait_exit();
}

#[test]
fn favourites_and_a_plan_from_the_library_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = spawn(dir.path(), "");
    t.wait_for("Browse");
    t.send("b");
    t.wait_for("Favourites");
    t.send("\r");
    t.wait_for("Key ideas");
    t.send("\r");
    t.wait_for("Why it helps");
    t.send("s");
    t.wait_for("Starred");
    t.send("t");
    t.wait_for("Planned for tomorrow");
    t.send("q");
    t.wait_exit();

    let mut t = spawn(dir.path(), "");
    t.wait_for("Browse");
    t.send("bv");
    t.wait_for("1 card");
    t.wait_for("Remember a close moment");
    t.send("q");
    t.wait_exit();
    let journal = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let j: serde_json::Value = serde_json::from_str(&journal).unwrap();
    assert_eq!(j["preferences"]["favourites"][0], "close-moment-recall");
    assert_eq!(
        j["preferences"]["planned"]["act"]["card_id"],
        "close-moment-recall"
    );
}
