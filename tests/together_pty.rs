//! A whole together evening in a real terminal, two people taking turns from what the
//! screens say; then journal.json read back: both voices under their names, and the words
//! of the one who chose not to keep them written nowhere.

mod support;

use support::Spawn;

#[test]
fn a_together_evening_in_a_real_terminal_keeps_both_voices_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("Start");
    t.send("t");
    t.wait_for("Who is here tonight?");
    t.send("Sam\t");
    t.send("Alex\t");
    t.wait_for("Pass to Sam.");
    t.send("\r");
    t.wait_for("Sam, which picture");
    t.send("4\r");
    t.wait_for("Pass to Alex.");
    t.send("\r");
    t.wait_for("Alex, which picture");
    t.send("6\r");
    t.wait_for("a curious question");
    t.send("\r");
    t.wait_for("Pass to Sam.");
    t.send("\r");
    t.wait_for("stays hidden");
    t.send("The walk by the canal, 💛\t");
    t.wait_for("Pass to Alex.");
    assert!(
        !t.contents().contains("canal"),
        "Sam's answer shows on Alex's turn"
    );
    t.send("\r");
    t.wait_for("stays hidden");
    t.send("Cooking side by side\t");
    t.wait_for("Cooking side by side");
    assert!(
        t.contents().contains("The walk by the canal"),
        "both revealed"
    );
    t.send("\r");
    t.wait_for("Pass to Sam.");
    t.send("\r");
    t.wait_for("Sam, one good thing about Alex");
    t.send("Alex waited up for me\t");
    t.wait_for("Pass to Alex.");
    t.send("\r");
    t.wait_for("Alex, one good thing about Sam");
    t.send("Sam fixed the bike\t");
    t.wait_for("For Sam, from Alex");
    t.send("\r");
    t.wait_for("Sam, one small act");
    t.send("Bring Alex tea\t");
    t.wait_for("Alex, one small act");
    t.send("A note in the bag\t");
    t.wait_for("one to do together");
    t.send("\t");
    t.wait_for("Pass to Sam.");
    t.send("\r");
    t.wait_for("Sam, keep your words");
    t.send("1\r");
    t.wait_for("Pass to Alex.");
    t.send("\r");
    t.wait_for("Alex, keep your words");
    t.send("2\r");
    t.wait_for("Saved to your journal.");
    t.send("\r");
    t.wait_for("A together evening again");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();

    let text = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{text}");
    let together = &entries[0]["together"];
    assert_eq!(together["owner"]["name"], "Sam");
    assert_eq!(together["owner"]["closeness"], 4);
    assert_eq!(together["owner"]["answer"], "The walk by the canal, 💛");
    assert_eq!(together["owner"]["good_thing"], "Alex waited up for me");
    assert_eq!(together["owner"]["small_act"], "Bring Alex tea");
    assert_eq!(together["partner"]["name"], "Alex");
    assert_eq!(
        together["partner"]["closeness"], 6,
        "a rating is kept either way"
    );
    // Alex kept only the rating: those words are nowhere in the folder.
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let path = file.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            for words in [
                "Cooking side by side",
                "Sam fixed the bike",
                "A note in the bag",
            ] {
                assert!(
                    memchr::memmem::find(&bytes, words.as_bytes()).is_none(),
                    "{} holds {words:?}, which Alex chose not to keep",
                    path.display()
                );
            }
        }
    }
}
