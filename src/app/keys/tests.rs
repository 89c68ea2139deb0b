use super::*;

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn letters_are_text_in_text_boxes_but_commands_elsewhere() {
    let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(lookup(Context::Home, &q), Some(Command::Quit));
    assert_eq!(lookup(Context::CheckinText, &q), None);
    let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Context::CheckinText, &ctrl_c), Some(Command::Quit));
}

#[test]
fn no_key_means_two_things_in_one_context() {
    for context in ALL_CONTEXTS {
        let own: Vec<Binding> = groups(context)
            .iter()
            .flat_map(|g| g.iter())
            .copied()
            .collect();
        for (i, b) in own.iter().enumerate() {
            for other in &own[i + 1..] {
                for key in b.keys {
                    assert!(
                        !other.keys.contains(key) || b.command == other.command,
                        "{key:?} in {context:?} is bound twice",
                    );
                }
            }
        }
    }
}
