use super::*;

fn file(bytes: &[u8]) -> File {
    let mut file = tempfile::tempfile().unwrap();
    io::Write::write_all(&mut file, bytes).unwrap();
    file
}

fn entries_text(n: usize) -> Vec<u8> {
    let journal = super::super::sample::journal(n, 1);
    serde_json::to_vec_pretty(&journal.entries).unwrap()
}

#[test]
fn a_run_stops_only_exactly_where_an_entry_starts() {
    let bytes = entries_text(5);
    let starts: Vec<u64> = bytes
        .windows(6)
        .enumerate()
        .filter(|(_, w)| w == b"\n  {\n ")
        .map(|(i, _)| i as u64 + 3)
        .collect();
    assert_eq!(starts.len(), 5);
    let f = file(&bytes);
    // At the start of the third entry: two entries, then a stop just before it.
    let mut p = Pieces::new(Box::new(&f), 1, 64, u64::MAX);
    let mut got = Vec::new();
    assert_eq!(
        p.entries_until(Some(starts[2]), &mut got).ok(),
        Some(End::Stopped)
    );
    assert_eq!((got.len(), p.position()), (2, starts[2]));
    // Anywhere inside an entry is no place to stop: the run goes on to the end.
    for inside in [starts[2] + 1, starts[2] + 40, starts[3] - 3] {
        let mut p = Pieces::new(Box::new(&f), 1, 64, u64::MAX);
        let mut got = Vec::new();
        assert_eq!(
            p.entries_until(Some(inside), &mut got).ok(),
            Some(End::Closed)
        );
        assert_eq!(got.len(), 5, "{inside}");
    }
}

#[test]
fn the_guesses_fall_where_entries_start_in_a_journal_as_nearer_writes_it() {
    let journal = super::super::sample::journal(300, 2);
    let bytes = serde_json::to_vec_pretty(&journal).unwrap();
    let f = file(&bytes);
    let splits = guess_splits(&mut &f, bytes.len() as u64, 4);
    assert_eq!(splits.len(), 3);
    for at in splits {
        let at = at as usize;
        assert!(bytes[..at].ends_with(b"},\n    "), "{at}");
        assert!(bytes[at..].starts_with(b"{\n      \"date\""), "{at}");
    }
}
