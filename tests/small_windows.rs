//! Every screen readable at the smallest size nearer accepts (40×12): the home menu and the
//! closeness list keep the selection in view, and the footer keeps `? keys`.

mod common;

use common::*;
use nearer::journal::Journal;

const W: u16 = 40;
const H: u16 = 12;

#[test]
fn the_home_menu_keeps_the_selection_in_view() {
    let mut a = app(Journal::default());
    for _ in 0..8 {
        let screen = draw(&mut a, W, H);
        assert!(
            screen.contains('▸'),
            "the selection is on screen:\n{screen}"
        );
        assert!(screen.contains("? keys"), "{screen}");
        press(&mut a, "down");
    }
}

#[test]
fn the_closeness_list_keeps_the_choice_in_view() {
    let mut a = app(Journal::default());
    press(&mut a, "c enter");
    for n in 1..=7 {
        press(&mut a, &n.to_string());
        let screen = draw(&mut a, W, H);
        assert!(
            screen.contains(&format!("▸ {n}")),
            "choice {n} is on screen:\n{screen}"
        );
        assert!(screen.contains("? keys"), "{screen}");
    }
}

#[test]
fn every_check_in_step_keeps_the_way_to_all_keys_in_its_footer() {
    let mut a = app(Journal::default());
    for keys in ["c", "enter", "5 enter", "3 enter", "tab", "tab"] {
        press(&mut a, keys);
        let screen = draw(&mut a, W, H);
        let footer = screen.lines().nth(usize::from(H) - 1).unwrap_or("");
        assert!(
            footer.contains("keys"),
            "after {keys}, the footer: {footer:?}\n{screen}"
        );
    }
}

#[test]
fn a_home_row_too_long_for_the_window_ends_in_an_ellipsis() {
    let mut a = app(Journal::default());
    let screen = draw(&mut a, W, 20);
    let row = screen
        .lines()
        .find(|l| l.contains("A together evening"))
        .unwrap_or_else(|| panic!("the together row is on screen:\n{screen}"));
    assert!(
        row.trim_end().ends_with('…'),
        "a cut row says it is cut: {row:?}\n{screen}"
    );
    // A row that fits is not cut.
    assert!(screen.contains("   Look back"), "{screen}");
    assert!(!screen.contains("Look back…"), "{screen}");
}
