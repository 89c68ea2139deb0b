//! The built binary in a pseudo-terminal, as two people at one keyboard: a stress-reducing
//! conversation (its clock moving on its own, a pause, both turns, a note), then a State
//! of us from start to the screen that says to put it away; then journal.json read back
//! for the two `Talk` records and nothing more than they chose to keep.

mod support;

use std::time::Duration;

use support::Spawn;

#[test]
fn a_stress_talk_and_a_state_of_us_in_a_real_terminal_land_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("Start tonight");

    // The stress-reducing conversation.
    t.send("r");
    t.wait_for("Who is here?");
    t.send("Alex\t");
    t.send("Sam\t");
    t.wait_for("Who talks first");
    // One minute a turn.
    for _ in 0..9 {
        t.send("-");
    }
    t.wait_for("1 minute ");
    t.send("\r");
    t.wait_for("Alex talks");
    t.wait_for("Sam, while you listen");
    // No key is pressed: the clock moves on by itself, a second at a time.
    t.wait_for_within("0:58 left of 1:00", Duration::from_secs(10));
    t.send(" ");
    t.wait_for("Paused");
    t.send(" ");
    t.wait_for(" left of 1:00");
    t.send("\r");
    t.wait_for("Sam talks");
    t.send("\r");
    t.wait_for("That is both turns");
    t.send("n");
    t.wait_for("A note about this conversation");
    t.send("Lighter, both of us 💛");
    t.send("\t");
    t.wait_for("Your note is kept");
    t.send("\r");
    t.wait_for("Start tonight");

    // The State of us.
    t.send("w");
    t.wait_for("A State of us");
    t.send("\r");
    t.wait_for("This week's appreciations");
    t.send("\r");
    t.wait_for("What went well this week?");
    t.send("Cooking together on Friday");
    t.send("\t");
    t.wait_for("one thing either of you");
    t.send("2\r");
    t.wait_for("Sam, the issue");
    t.send("You never call");
    t.wait_for("“you never”");
    t.wait_for("A softer start");
    t.send("\t");
    t.wait_for("Turn 1 of 2");
    t.send("\r");
    t.wait_for("left of 5:00");
    t.send("\r");
    t.wait_for("Alex talks");
    t.send("\r");
    t.wait_for("A repair");
    t.send("3\r");
    t.wait_for("Alex, one small act for Sam next week");
    t.send("Call at lunch on Wednesday");
    t.send("\t");
    t.wait_for("Sam, one small act for Alex next week");
    t.send("A walk on Sunday");
    t.send("\t");
    t.wait_for("What should this journal keep");
    t.send("2\r");
    t.wait_for("Put the screen away");
    t.send("\r");
    t.wait_for("Start tonight");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();

    let text = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let talks = json["talks"].as_array().expect("talks kept");
    assert_eq!(talks.len(), 2, "{text}");
    assert_eq!(talks[0]["kind"], "stress_talk");
    assert_eq!(talks[0]["minutes"], 1);
    assert_eq!(talks[0]["note"], "Lighter, both of us 💛");
    assert_eq!(talks[1]["kind"], "state_of_us");
    assert_eq!(
        talks[1]["note"],
        "What went well: Cooking together on Friday\n\
         Next week, Alex: Call at lunch on Wednesday\n\
         Next week, Sam: A walk on Sunday"
    );
    assert!(!text.contains("You never call"), "the issue was not kept");
    assert_eq!(json["preferences"]["about"]["my_name"], "Alex");
    assert!(
        !dir.path().join("drafts.json").exists(),
        "a finished State of us leaves no draft"
    );
}
