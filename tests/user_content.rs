//! The person's own prompts and cards: a `content.toml` in nearer's config folder, merged
//! at start. A mistake gets an error naming the file, the line and the field, and nearer
//! keeps the bundled content.

mod common;

use common::*;
use nearer::app::App;
use nearer::content::{ContentError, Library, USER_CONTENT_FILE};
use nearer::journal::Journal;
use nearer::ui::Theme;

/// The cards the library shows a couple living together, with no children at home.
fn fitting(content: &Library) -> usize {
    (content.cards.iter())
        .filter(|c| nearer::suggest::card_fits(c, &Default::default()))
        .count()
}

const VALID: &str = r#"# My own cards.
[[prompt]]
id = "my-sunday"
section = "everyday"
depth = "light"
text = "What would make next Sunday feel like ours?"

[[card]]
id = "my-walk"
section = "everyday"
title = "An evening walk"
why = "Walking side by side makes talking easier."
steps = ["Ask if they would like a short walk.", "Leave the phones at home."]
minutes = 20
mode = "together"
depth = "light"
love_languages = ["time"]
kind = "action"

[lines]
arrive = ["Breathe out the day."]
"#;

fn write(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join(USER_CONTENT_FILE);
    std::fs::write(&path, text).unwrap();
    path
}

/// Merge `text` as the person's file; the errors, with the library left as bundled.
fn errors_of(text: &str) -> (Vec<ContentError>, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), text);
    let bundled = Library::bundled();
    let mut lib = Library::bundled();
    let errors = lib
        .merge_user_file(&path)
        .expect_err("the file has a mistake");
    assert_eq!(lib.cards.len(), bundled.cards.len(), "nothing merged");
    assert_eq!(lib.prompts.len(), bundled.prompts.len(), "nothing merged");
    assert_eq!(lib.user_cards, 0);
    assert_eq!(lib.user_errors, errors, "kept for the library page");
    (errors, path)
}

fn only(errors: &[ContentError]) -> (&ContentError, String) {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    (&errors[0], errors[0].to_string())
}

#[test]
fn a_valid_file_adds_its_prompts_cards_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), VALID);
    let bundled = Library::bundled();
    let mut lib = Library::bundled();
    lib.merge_user_file(&path).expect("valid");
    assert_eq!(lib.cards.len(), bundled.cards.len() + 1);
    assert_eq!(lib.prompts.len(), bundled.prompts.len() + 1);
    assert_eq!((lib.user_cards, lib.user_prompts), (1, 1));
    assert_eq!(lib.card("my-walk").unwrap().title, "An evening walk");
    assert_eq!(lib.prompt("my-sunday").unwrap().section, "everyday");
    assert!(
        lib.lines
            .arrive
            .contains(&"Breathe out the day.".to_string())
    );
    assert!(lib.is_own_card("my-walk"));
    assert!(!lib.is_own_card("slow-hug"));
    assert_eq!(lib.user_path.as_deref(), Some(path.to_str().unwrap()));
    assert!(lib.user_errors.is_empty());

    // The library says so, and the card is in its section and on its own page.
    let mut app = App::new(
        Journal::default(),
        lib,
        evening(),
        Theme::new(true),
        "journal.json".into(),
        Default::default(),
        &[],
    );
    press(&mut app, "b");
    // Tall enough for every row of the contents.
    let screen = render(&app, 100, 40);
    assert!(
        screen.contains(&format!(
            "{} cards in 7 sections and 10 topics, from light to deep; 1 of them your own.",
            fitting(&app.content)
        )),
        "{screen}"
    );
    assert!(screen.contains("Your own cards"));
}

#[test]
fn a_missing_file_is_no_error_and_the_library_says_where_it_would_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(USER_CONTENT_FILE);
    let mut lib = Library::bundled();
    assert_eq!(lib.merge_user_file(&path), Ok(()));
    assert_eq!(lib.cards.len(), Library::bundled().cards.len());
    let mut app = App::new(
        Journal::default(),
        lib,
        evening(),
        Theme::new(true),
        "j".into(),
        Default::default(),
        &[],
    );
    assert!(app.notice.is_none());
    press(&mut app, "b");
    // Under the last row of the contents.
    let screen = render(&app, 200, 40);
    assert!(
        screen.contains(&format!(
            "Your own cards and prompts can go in {}.",
            path.display()
        )),
        "{screen}"
    );
}

#[test]
fn a_file_that_cannot_be_read_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(USER_CONTENT_FILE);
    std::fs::create_dir(&path).unwrap();
    let mut lib = Library::bundled();
    let errors = lib.merge_user_file(&path).unwrap_err();
    let (_, text) = only(&errors);
    assert!(text.starts_with(&path.display().to_string()), "{text}");
    assert!(text.contains("cannot be read"), "{text}");
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let (errors, path) = errors_of("[[card]]\nid = \"my-card\"\ntitle = \"unfinished\n");
    let (e, text) = only(&errors);
    assert_eq!(e.file, path.display().to_string());
    assert_eq!(e.line, Some(3));
    assert!(e.column.is_some());
    assert!(
        text.starts_with(&format!("{}:3:", path.display())),
        "{text}"
    );
}

#[test]
fn a_wrong_type_names_the_entry_and_the_field() {
    let text = VALID.replace("minutes = 20", "minutes = \"twenty\"");
    let (errors, path) = errors_of(&text);
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(14));
    assert_eq!(
        e.entry.as_deref(),
        Some("card \"my-walk\", field `minutes`")
    );
    assert_eq!(
        text,
        format!(
            "{}:14:11 (card \"my-walk\", field `minutes`): should be a whole number, like 5, not the text \"twenty\"",
            path.display()
        )
    );
}

#[test]
fn a_missing_field_names_the_entry_and_the_field() {
    let text = VALID.replace("why = \"Walking side by side makes talking easier.\"\n", "");
    let (errors, _) = errors_of(&text);
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(8), "the card's table starts there");
    assert!(text.contains("card \"my-walk\", field `why`"), "{text}");
    assert!(text.contains("missing field `why`"), "{text}");
}

#[test]
fn an_unknown_field_or_value_names_it() {
    let (errors, _) = errors_of(&VALID.replace("kind = \"action\"", "colour = \"red\""));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(18));
    assert!(text.contains("card \"my-walk\", field `colour`"), "{text}");
    assert!(text.contains("unknown field `colour`"), "{text}");

    let (errors, _) = errors_of(&VALID.replace("mode = \"together\"", "mode = \"alone\""));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(15));
    assert!(text.contains("field `mode`"), "{text}");
    assert!(text.contains("expected `solo` or `together`"), "{text}");
}

#[test]
fn an_unknown_section_is_named_with_its_line() {
    // A card in a section that does not exist.
    let (errors, path) = errors_of(&VALID.replace(
        "section = \"everyday\"\ntitle",
        "section = \"weekends\"\ntitle",
    ));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(10));
    assert_eq!(
        text,
        format!(
            "{}:10 (card \"my-walk\", field `section`): no section is called \"weekends\"",
            path.display()
        )
    );
    // A table the format does not know (a typo for [[card]]).
    let (errors, _) = errors_of(&VALID.replace("[[card]]", "[[cards]]"));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(8));
    assert!(
        text.contains("([[cards]]): is not a table nearer knows"),
        "{text}"
    );
    // A new section: sections come with nearer.
    let (errors, _) = errors_of(&format!(
        "{VALID}\n[[section]]\nid = \"mine\"\norder = 8\ntitle = \"Mine\"\nintro = \"x\"\n"
    ));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(23));
    assert!(text.contains("sections come with nearer"), "{text}");
}

#[test]
fn a_duplicate_id_is_named_with_its_line() {
    // The same id as a bundled card.
    let (errors, path) = errors_of(&VALID.replace("id = \"my-walk\"", "id = \"slow-hug\""));
    let (e, text) = only(&errors);
    assert_eq!(e.line, Some(9));
    assert_eq!(
        text,
        format!(
            "{}:9 (card \"slow-hug\", field `id`): this id is already used by another card",
            path.display()
        )
    );
    // Twice in the person's own file.
    let twice = format!(
        "{VALID}\n[[prompt]]\nid = \"my-sunday\"\nsection = \"everyday\"\ndepth = \"deep\"\ntext = \"Again?\"\n"
    );
    let (errors, _) = errors_of(&twice);
    let (_, text) = only(&errors);
    assert!(text.contains("prompt \"my-sunday\", field `id`"), "{text}");
    assert!(text.contains("already used by another prompt"), "{text}");
}

#[test]
fn a_broken_file_shows_on_home_and_in_the_library_and_nearer_keeps_going() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        &VALID.replace("minutes = 20", "minutes = \"twenty\""),
    );
    let mut lib = Library::bundled();
    let errors = lib.merge_user_file(&path).unwrap_err();
    let mut app = App::new(
        Journal::default(),
        lib,
        evening(),
        Theme::new(true),
        "j".into(),
        Default::default(),
        &errors,
    );
    let notice = app.notice.clone().expect("a notice on home");
    assert!(
        notice.starts_with("Your content file was not loaded: "),
        "{notice}"
    );
    assert!(
        notice.contains(":14:11 (card \"my-walk\", field `minutes`)"),
        "{notice}"
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("field `minutes`"),
        "wrapped, not cut:\n{screen}"
    );
    insta::assert_snapshot!(
        "home_content_error",
        screen.replace(&dir.path().display().to_string(), "/CONFIG")
    );

    press(&mut app, "b");
    let screen = render(&app, 120, 30);
    assert!(
        screen.contains(&format!(
            "{} cards in 7 sections",
            fitting(&Library::bundled())
        )),
        "bundled content intact:\n{screen}"
    );
    assert!(
        screen.contains("Your own content file has a problem, so it was not loaded:"),
        "{screen}"
    );
    assert!(screen.contains("· "), "{screen}");
    insta::assert_snapshot!(
        "library_content_error",
        render(&app, 80, 24).replace(&dir.path().display().to_string(), "/CONFIG")
    );
}

#[test]
fn a_content_file_larger_than_the_limit_is_refused_without_being_parsed() {
    let dir = tempfile::tempdir().unwrap();
    // A valid file, made over 4 MB with comments (a real 4 GB one hangs the start).
    let mut text = VALID.to_string();
    let comment = "# ".to_string() + &"x".repeat(1022) + "\n";
    while text.len() as u64 <= nearer::content::MAX_USER_CONTENT_BYTES {
        text.push_str(&comment);
    }
    let path = write(dir.path(), &text);
    let mut lib = Library::bundled();
    let prompts = lib.prompts.len();
    let started = std::time::Instant::now();
    let errors = lib.merge_user_file(&path).unwrap_err();
    let (e, message) = only(&errors);
    assert_eq!(e.file, path.display().to_string());
    assert!(message.contains("4 MB at most"), "{message}");
    assert_eq!(lib.prompts.len(), prompts, "nothing merged");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // Just under the limit is read as usual.
    text.truncate(nearer::content::MAX_USER_CONTENT_BYTES as usize - 2048);
    let path = write(dir.path(), &text);
    Library::bundled().merge_user_file(&path).unwrap();
}

#[test]
fn a_content_file_that_is_not_text_is_refused_without_quoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(USER_CONTENT_FILE);
    // A link to the process's environment: NUL-separated NAME=value pairs.
    std::os::unix::fs::symlink("/proc/self/environ", &path).unwrap();
    let errors = Library::bundled().merge_user_file(&path).unwrap_err();
    let (_, message) = only(&errors);
    assert!(message.contains("is not a text file"), "{message}");
    // The message is these words and the file's name, nothing of what it holds.
    assert_eq!(
        message,
        format!(
            "{}: is not a text file, so it is not a nearer content file; nearer started \
             with its own content only",
            path.display()
        )
    );
    // The same for a file of NUL bytes and a file with escape codes.
    for bytes in [&b"\0\0\0[[card]]\n"[..], b"id = \"\x1b]0;title\x07\"\n"] {
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let errors = Library::bundled().merge_user_file(&path).unwrap_err();
        let (_, message) = only(&errors);
        assert!(message.contains("is not a text file"), "{message}");
        assert!(
            !message.contains('\u{1b}') && !message.contains("title"),
            "{message}"
        );
    }
}
