//! Linking two data folders through one plain folder standing in for the synced one:
//! pairing, sharing both ways, forgeries, changed keys, files still arriving, conflict
//! copies of every engine, unpairing, and the folder's bytes searched for every word.

mod link_support;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use ed25519_dalek::Signer;
use link_support::{all_files, evening, eventually, files_holding, pair_both};
use nearer::link::card::{self, Card};
use nearer::link::folder::{self, Kind};
use nearer::link::{
    KeyChange, Link, Notice, OpenError, Publish, SharedEvening, SharedFile, Status, Waiting,
    Watcher, pairing, watch,
};
use sha2::Digest;

struct Two {
    _tmp: tempfile::TempDir,
    a: std::path::PathBuf,
    b: std::path::PathBuf,
    dir: std::path::PathBuf,
}

fn two() -> Two {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("shared"),
    );
    fs::create_dir(&dir).unwrap();
    Two {
        _tmp: tmp,
        a,
        b,
        dir,
    }
}

fn paired(t: &Two) -> (Link, Link) {
    pair_both(&t.a, &t.dir, &t.b, &t.dir, || {})
}

fn sealed_path(dir: &Path, link: &Link) -> std::path::PathBuf {
    folder::nearer_dir(dir).join(folder::file_name(link.install_id(), Kind::Sealed))
}

fn answers(evenings: &[SharedEvening]) -> Vec<String> {
    evenings
        .iter()
        .map(|e| e.answer.clone().unwrap_or_default())
        .collect()
}

#[test]
fn pair_confirm_on_both_then_each_reads_the_other() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    assert_eq!(a.status(), Status::Paired);
    assert_eq!(b.status(), Status::Paired);
    assert!(matches!(
        a.publish(&[evening("A", 0, 21, "the walk by the river")])
            .unwrap(),
        Publish::Written { evenings: 1, .. }
    ));
    b.publish(&[evening("B", 0, 22, "your laugh at dinner")])
        .unwrap();
    let (from_b, notices) = a.partner_evenings();
    assert_eq!(answers(&from_b), ["B: your laugh at dinner"]);
    assert!(notices.is_empty(), "{notices:?}");
    let (from_a, notices) = b.partner_evenings();
    assert_eq!(answers(&from_a), ["A: the walk by the river"]);
    assert!(notices.is_empty(), "{notices:?}");
    // Publishing the same again writes nothing (no needless sync traffic).
    assert_eq!(
        a.publish(&[evening("A", 0, 21, "the walk by the river")])
            .unwrap(),
        Publish::Unchanged
    );
    // A fresh open of the data folder reads the same (nothing is kept in memory only).
    let mut again = Link::open(&t.a).unwrap().unwrap();
    assert_eq!(again.status(), Status::Paired);
    assert_eq!(
        answers(&again.partner_evenings().0),
        ["B: your laugh at dinner"]
    );
}

#[test]
fn a_card_reveals_its_keys_only_after_the_other_card_is_seen_and_nothing_is_shared_early() {
    let t = two();
    let mut a = pairing::begin(&t.a, &t.dir).unwrap();
    let card_of = |l: &Link| {
        let path = folder::nearer_dir(&t.dir).join(folder::file_name(l.install_id(), Kind::Card));
        Card::parse(&fs::read(path).unwrap()).unwrap()
    };
    assert_eq!(
        card_of(&a).keys,
        None,
        "alone, the card holds a commitment only"
    );
    assert_eq!(a.status(), Status::WaitingForPartner(Waiting::Card));
    let mut b = pairing::begin(&t.b, &t.dir).unwrap();
    assert!(
        card_of(&b).keys.is_some(),
        "B saw A's commitment, so B reveals"
    );
    assert_eq!(a.status(), Status::WaitingForPartner(Waiting::Keys));
    a.refresh().unwrap();
    let Status::AwaitingConfirmation { code } = a.status() else {
        panic!()
    };
    // Only A confirms: nothing is shared yet, and A's file holds no evening.
    a.confirm(&code).unwrap();
    assert_eq!(a.status(), Status::WaitingForPartner(Waiting::Confirmation));
    assert!(matches!(
        a.publish(&[evening("A", 0, 21, "too early")]).unwrap(),
        Publish::Held(Status::WaitingForPartner(Waiting::Confirmation))
    ));
    assert!(files_holding(&t.dir, b"too early").is_empty());
    assert!(a.own_evenings().is_empty());
    assert_eq!(
        b.status(),
        Status::AwaitingConfirmation { code: code.clone() }
    );
    b.confirm(&code).unwrap();
    assert_eq!(
        a.status(),
        Status::Paired,
        "A sees B's signed file: B confirmed"
    );
    assert_eq!(b.status(), Status::Paired);
}

#[test]
fn the_seed_and_the_code_are_the_same_on_both_sides_and_differ_between_pairs() {
    let (t, u) = (two(), two());
    let (mut a, mut b) = paired(&t);
    let (mut c, mut d) = paired(&u);
    assert_eq!(a.couple_seed(), b.couple_seed());
    assert!(a.couple_seed().is_some());
    assert_eq!(c.couple_seed(), d.couple_seed());
    assert_ne!(a.couple_seed(), c.couple_seed());
    assert_eq!(a.code(), b.code());
    assert_eq!(c.code(), d.code());
    assert_ne!(a.code(), c.code());
    assert_eq!(a.code().unwrap().words().len(), 6);
}

/// A file under B's name, sealed to A, signed by a key that is not B's.
fn forged_as(b: &Link, a: &Link, text: &str) -> Vec<u8> {
    let pair = card::pair_id(&a.own_card(), &b.own_card());
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let payload = serde_json::to_vec(&SharedFile {
        version: 1,
        install_id: b.install_id().clone(),
        evenings: vec![evening("B", 3, 23, text)],
    })
    .unwrap();
    let mut message = b"nearer/link/v1/sealed\0".to_vec();
    message.extend_from_slice(&1u32.to_be_bytes());
    message.extend_from_slice(&16u32.to_be_bytes());
    message.extend_from_slice(b.install_id().as_str().as_bytes());
    message.extend_from_slice(&pair);
    message.extend_from_slice(&sha2::Sha256::digest(&payload));
    let sig = stranger.sign(&message);
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut plain = format!(
        "nearer-sealed 1\nfrom {}\npair {}\nsig {}\n\n",
        b.install_id(),
        hex(&pair),
        hex(&sig.to_bytes())
    )
    .into_bytes();
    plain.extend_from_slice(&payload);
    let recipient = a.own_card().keys.age;
    age::encrypt(&recipient, &plain).unwrap()
}

#[test]
fn a_forged_file_is_ignored_with_a_notice_never_read_as_the_partners() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    b.publish(&[evening("B", 0, 22, "the real one")]).unwrap();
    let forged = forged_as(&b, &a, "a forged answer");
    // In place of B's file, and as a conflict copy of it.
    let copy = folder::nearer_dir(&t.dir).join(format!(
        "{}.sync-conflict-20261205-101500-ABCDEFG.age",
        b.install_id()
    ));
    fs::write(&copy, &forged).unwrap();
    let (evenings, notices) = a.partner_evenings();
    assert_eq!(answers(&evenings), ["B: the real one"]);
    assert!(
        matches!(&notices[..], [Notice::Ignored { file, why: OpenError::BadSignature }] if file == &copy),
        "{notices:?}"
    );
    assert!(
        notices[0]
            .to_string()
            .contains("not read as your partner's")
    );
    // In place of B's own file: never read, and what B's file held when it last opened
    // stands meanwhile; a nearer started since has only the notices.
    fs::write(sealed_path(&t.dir, &b), &forged).unwrap();
    let (evenings, notices) = a.partner_evenings();
    assert_eq!(answers(&evenings), ["B: the real one"]);
    assert_eq!(notices.len(), 2, "{notices:?}");
    let (evenings, notices) = Link::open(&t.a).unwrap().unwrap().partner_evenings();
    assert!(evenings.is_empty(), "{evenings:?}");
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(files_holding(&t.dir, b"a forged answer").is_empty());
}

#[test]
fn a_changed_partner_key_stops_all_sharing_and_says_so() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    b.publish(&[evening("B", 0, 22, "before the change")])
        .unwrap();
    let card_path = folder::nearer_dir(&t.dir).join(folder::file_name(b.install_id(), Kind::Card));
    let good_card = fs::read(&card_path).unwrap();
    // New keys under B's install id, as a re-install or an intruder would leave them.
    let stranger = nearer::link::Identity::generate().unwrap();
    let mut changed = Card::revealed(&card::FullCard {
        install_id: b.install_id().clone(),
        keys: stranger.public(),
    });
    fs::write(&card_path, changed.to_json()).unwrap();
    let status = a.status();
    assert!(
        matches!(status, Status::KeyChanged(KeyChange::Changed { .. })),
        "{status:?}"
    );
    assert!(status.words(&t.dir).contains("Sharing has stopped"));
    let before = fs::read(sealed_path(&t.dir, &a)).unwrap();
    assert!(matches!(
        a.publish(&[evening("A", 1, 21, "must not be written")])
            .unwrap(),
        Publish::Held(Status::KeyChanged(_))
    ));
    assert_eq!(
        fs::read(sealed_path(&t.dir, &a)).unwrap(),
        before,
        "A's file untouched"
    );
    let (evenings, notices) = a.partner_evenings();
    assert!(evenings.is_empty());
    assert!(
        matches!(&notices[..], [Notice::KeyChanged(_)]),
        "{notices:?}"
    );
    a.refresh().unwrap();
    assert_eq!(
        fs::read(sealed_path(&t.dir, &a)).unwrap(),
        before,
        "refresh writes nothing"
    );
    // A card that breaks its own commitment under B's name is a change too.
    changed.commit = [1; 32];
    fs::write(&card_path, changed.to_json()).unwrap();
    assert!(matches!(
        a.status(),
        Status::KeyChanged(KeyChange::Changed { .. })
    ));
    // B's card gone, another install's card there: a new install, also a change.
    fs::remove_file(&card_path).unwrap();
    fs::write(
        folder::nearer_dir(&t.dir).join(folder::file_name(stranger.install_id(), Kind::Card)),
        Card::revealed(&card::FullCard {
            install_id: stranger.install_id().clone(),
            keys: stranger.public(),
        })
        .to_json(),
    )
    .unwrap();
    assert!(matches!(
        a.status(),
        Status::KeyChanged(KeyChange::NewInstall { .. })
    ));
    // The right card back: sharing carries on.
    fs::remove_file(
        folder::nearer_dir(&t.dir).join(folder::file_name(stranger.install_id(), Kind::Card)),
    )
    .unwrap();
    fs::write(&card_path, good_card).unwrap();
    assert_eq!(a.status(), Status::Paired);
    assert_eq!(answers(&a.partner_evenings().0), ["B: before the change"]);
}

#[test]
fn a_file_still_arriving_is_not_reported_as_forged() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    b.publish(&[evening("B", 0, 22, "whole")]).unwrap();
    assert_eq!(answers(&a.partner_evenings().0), ["B: whole"]);
    let path = sealed_path(&t.dir, &b);
    let full = fs::read(&path).unwrap();
    // A sync engine writing in place: the first half is there, the rest is not yet.
    fs::File::create(&path)
        .unwrap()
        .write_all(&full[..full.len() / 2])
        .unwrap();
    let (evenings, notices) = a.partner_evenings();
    assert!(
        notices.is_empty(),
        "nothing reported while it may be arriving: {notices:?}"
    );
    assert_eq!(
        answers(&evenings),
        ["B: whole"],
        "what was read last stays meanwhile"
    );
    assert_eq!(a.status(), Status::Paired);
    // The rest arrives.
    fs::write(&path, &full).unwrap();
    let (evenings, notices) = a.partner_evenings();
    assert_eq!(answers(&evenings), ["B: whole"]);
    assert!(notices.is_empty());
    // Cut short for good: once it had its time, it is reported, as unreadable, not forged.
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    a.set_settle(Duration::ZERO);
    let (_, notices) = a.partner_evenings();
    assert!(
        matches!(&notices[..], [Notice::Unreadable { .. }]),
        "{notices:?}"
    );
}

/// B's sealed file holding exactly `evenings`, made with B's keys from a second data folder
/// of B's (one person's two machines), then taken out of the folder.
fn sealed_holding(t: &Two, b2: &Path, evenings: &[SharedEvening]) -> Vec<u8> {
    let mut link = Link::open(b2).unwrap().unwrap();
    let path = sealed_path(&t.dir, &link);
    let _ = fs::remove_file(&path);
    assert!(matches!(
        link.publish(evenings).unwrap(),
        Publish::Written { .. }
    ));
    let bytes = fs::read(&path).unwrap();
    fs::remove_file(&path).unwrap();
    bytes
}

fn copy_dir(from: &Path, to: &Path) {
    for f in all_files(from) {
        let target = to.join(f.strip_prefix(from).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&f, &target).unwrap();
    }
}

#[test]
fn conflict_copies_of_every_engine_merge_by_date_and_time_and_own_copies_are_folded_in() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    b.publish(&[]).unwrap();
    assert_eq!(a.status(), Status::Paired);
    // B's second machine: the same data folder, synced or copied.
    let b2 = t.dir.parent().unwrap().join("b2");
    copy_dir(&t.b, &b2);
    let original = sealed_holding(
        &t,
        &b2,
        &[
            evening("B", 0, 21, "first, older"),
            evening("B", 1, 21, "second"),
        ],
    );
    let syncthing = sealed_holding(
        &t,
        &b2,
        &[
            evening("B", 0, 23, "first, newer"),
            evening("B", 2, 21, "third"),
        ],
    );
    let dropbox = sealed_holding(&t, &b2, &[evening("B", 3, 21, "fourth")]);
    let duplicate = sealed_holding(
        &t,
        &b2,
        &[
            evening("B", 4, 21, "fifth"),
            evening("B", 0, 22, "first, middle"),
        ],
    );
    let icloud = sealed_holding(&t, &b2, &[evening("B", 5, 21, "sixth")]);
    let sub = folder::nearer_dir(&t.dir);
    let id = b.install_id().to_string();
    fs::write(sub.join(format!("{id}.age")), original).unwrap();
    fs::write(
        sub.join(format!("{id}.sync-conflict-20261206-093012-7QXKJ2M.age")),
        syncthing,
    )
    .unwrap();
    fs::write(
        sub.join(format!("{id} (Sam's conflicted copy 2026-12-06).age")),
        dropbox,
    )
    .unwrap();
    fs::write(sub.join(format!("{id} (1).age")), duplicate).unwrap();
    fs::write(sub.join(format!("{id} 2.age")), icloud).unwrap();
    let want = [
        "B: first, newer",
        "B: second",
        "B: third",
        "B: fourth",
        "B: fifth",
        "B: sixth",
    ];
    let (evenings, notices) = a.partner_evenings();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(answers(&evenings), want);
    // B's own machine folds its copies into its one file and removes them.
    b.refresh().unwrap();
    let own: Vec<String> = all_files(&sub)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&id) && n.ends_with(".age"))
        .collect();
    assert_eq!(own, [format!("{id}.age")]);
    assert_eq!(answers(&b.own_evenings()), want);
    assert_eq!(answers(&a.partner_evenings().0), want);
    // A's own copies, the same way, through publish: A's laptop wrote while apart.
    let a_id = a.install_id().to_string();
    let a_file = sealed_path(&t.dir, &a);
    a.publish(&[evening("A", 0, 21, "mine")]).unwrap();
    let mine = fs::read(&a_file).unwrap();
    let a2 = t.dir.parent().unwrap().join("a2");
    copy_dir(&t.a, &a2);
    fs::remove_file(&a_file).unwrap();
    let mut laptop = Link::open(&a2).unwrap().unwrap();
    laptop
        .publish(&[evening("A", 1, 21, "from my laptop")])
        .unwrap();
    let conflict = sub.join(format!("{a_id}.sync-conflict-20261206-093012-ABCDEFG.age"));
    fs::write(&conflict, mine).unwrap();
    assert!(matches!(
        a.publish(&[evening("A", 2, 21, "tonight")]).unwrap(),
        Publish::Written { evenings: 3, .. }
    ));
    assert!(!conflict.exists(), "the merged copy is removed");
    assert_eq!(
        answers(&b.partner_evenings().0),
        ["A: mine", "A: from my laptop", "A: tonight"]
    );
}

#[test]
fn unpair_removes_this_installs_files_and_state_and_nothing_of_the_partners() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    a.publish(&[evening("A", 0, 21, "x")]).unwrap();
    b.publish(&[evening("B", 0, 21, "y")]).unwrap();
    let theirs: Vec<_> = all_files(&t.dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(b.install_id().as_str()))
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    assert_eq!(theirs.len(), 2);
    let mut out = Vec::new();
    nearer::link::command::unpair(&t.a, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("Unpaired") && out.contains(a.install_id().as_str()),
        "{out}"
    );
    assert!(
        out.contains("pairing.json") && out.contains("identity"),
        "{out}"
    );
    let left: Vec<_> = all_files(&t.dir)
        .into_iter()
        .filter(|p| !p.ends_with(".stignore"))
        .collect();
    assert_eq!(
        left,
        theirs.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    );
    for (p, bytes) in &theirs {
        assert_eq!(&fs::read(p).unwrap(), bytes);
    }
    assert!(Link::open(&t.a).unwrap().is_none());
    assert!(!t.a.join("link/identity").exists());
    assert_eq!(b.status(), Status::WaitingForPartner(Waiting::PartnerGone));
    assert!(matches!(b.publish(&[]).unwrap(), Publish::Held(_)));
    let mut out = Vec::new();
    nearer::link::command::unpair(&t.a, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("not paired"));
}

#[test]
fn the_shared_folder_holds_no_word_of_the_journal_nor_of_what_is_shared() {
    use nearer::journal::{Entry, Journal, Reflection, Store};
    let t = two();
    let (mut a, mut b) = paired(&t);
    let private = [
        "PRIVATE: the argument about my mother's visit",
        "Stress 5, and I nearly cried at work",
        "Zoë Marchetti",
        "Samuel Okafor",
    ];
    let now = link_support::at("2026-12-01T22:00:00+01:00");
    let mut journal = Journal::default();
    journal.upsert(Entry {
        date: now.date_naive(),
        created: now,
        updated: now,
        closeness: 3,
        stress: Some(5),
        followup: None,
        reflection: Some(Reflection {
            prompt_id: "p".into(),
            prompt: "What stayed with you?".into(),
            answer: format!("{} — {} — {}", private[0], private[1], private[2]),
        }),
        appreciation: Some(private[3].into()),
        small_act: None,
        starred: false,
        together: None,
        shown: Vec::new(),
    });
    Store::open(&t.a).unwrap().save(&journal).unwrap();
    let shared_a = evening(
        "Zoë Marchetti",
        0,
        21,
        "SHARED: the walk, and your hand in mine",
    );
    let shared_b = evening("Samuel Okafor", 0, 22, "SHARED: you made soup for me");
    a.publish(std::slice::from_ref(&shared_a)).unwrap();
    b.publish(std::slice::from_ref(&shared_b)).unwrap();
    assert_eq!(b.partner_evenings().0[..], *std::slice::from_ref(&shared_a));
    let mut texts: Vec<String> = private.iter().map(|s| s.to_string()).collect();
    for e in [&shared_a, &shared_b] {
        texts.extend([
            e.prompt.clone(),
            e.answer.clone().unwrap(),
            e.good_thing.clone().unwrap(),
        ]);
        texts.push(e.small_act.clone().unwrap());
    }
    texts.extend([
        "Marchetti".into(),
        "Okafor".into(),
        "SHARED".into(),
        "PRIVATE".into(),
    ]);
    for text in &texts {
        for needle in [text.clone(), text.to_lowercase(), text.to_uppercase()] {
            let found = files_holding(&t.dir, needle.as_bytes());
            assert!(found.is_empty(), "{needle:?} is readable in {found:?}");
        }
    }
    // The search itself works: the journal holds the private words, the folder the ids.
    assert!(!files_holding(&t.a, private[0].as_bytes()).is_empty());
    assert!(!files_holding(&t.dir, a.install_id().as_str().as_bytes()).is_empty());
    assert!(all_files(&t.dir).len() >= 4);
}

#[test]
fn a_missing_folder_is_a_state_and_sharing_carries_on_when_it_is_back() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    b.publish(&[evening("B", 0, 22, "kept while away")])
        .unwrap();
    assert_eq!(a.partner_evenings().0.len(), 1);
    let away = t.dir.with_file_name("unmounted");
    fs::rename(&t.dir, &away).unwrap();
    let status = a.status();
    assert_eq!(
        status,
        Status::FolderMissing {
            dir: a.dir().to_path_buf()
        }
    );
    assert!(status.words(&t.dir).contains("not reachable"));
    assert!(matches!(
        a.publish(&[evening("A", 0, 21, "later")]).unwrap(),
        Publish::Held(_)
    ));
    let (evenings, notices) = a.partner_evenings();
    assert_eq!(answers(&evenings), ["B: kept while away"]);
    assert!(matches!(&notices[..], [Notice::FolderMissing { .. }]));
    a.refresh().unwrap();
    let mut reopened = Link::open(&t.a).unwrap().unwrap();
    assert!(matches!(reopened.status(), Status::FolderMissing { .. }));
    fs::rename(&away, &t.dir).unwrap();
    assert_eq!(a.status(), Status::Paired);
    assert!(matches!(
        a.publish(&[evening("A", 0, 21, "later")]).unwrap(),
        Publish::Written { .. }
    ));
}

#[test]
fn a_third_card_while_pairing_stops_it_and_a_card_that_changes_midway_too() {
    let t = two();
    let c = t.dir.parent().unwrap().join("c");
    let mut a = pairing::begin(&t.a, &t.dir).unwrap();
    let _b = pairing::begin(&t.b, &t.dir).unwrap();
    let _c = pairing::begin(&c, &t.dir).unwrap();
    let crowded = a.status();
    assert!(
        matches!(&crowded, Status::Crowded { cards } if cards.len() == 2),
        "{crowded:?}"
    );
    assert!(crowded.words(&t.dir).contains("remove the others"));

    let u = two();
    let mut a = pairing::begin(&u.a, &u.dir).unwrap();
    let b = pairing::begin(&u.b, &u.dir).unwrap();
    a.refresh().unwrap();
    assert!(matches!(a.status(), Status::AwaitingConfirmation { .. }));
    // B's card is swapped for another's after A has revealed its keys to it.
    let b_card = folder::nearer_dir(&u.dir).join(folder::file_name(b.install_id(), Kind::Card));
    fs::remove_file(b_card).unwrap();
    let _m = pairing::begin(&u.dir.with_file_name("m"), &u.dir).unwrap();
    assert!(matches!(
        a.status(),
        Status::KeyChanged(KeyChange::WhilePairing { .. })
    ));
}

#[test]
fn a_data_folder_inside_the_shared_folder_is_refused() {
    let t = two();
    let inside = t.dir.join("my-nearer-data");
    let err = pairing::begin(&inside, &t.dir).unwrap_err().to_string();
    assert!(err.contains("would be synced"), "{err}");
    assert!(!t.dir.join("nearer").exists());
    assert!(!inside.exists(), "nothing made in the shared folder");
    let err = pairing::begin(&t.a, &t.dir.join("not-there"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not there"), "{err}");
    assert!(!t.a.exists(), "nothing made for a folder that is not there");
}

#[test]
fn the_keys_are_private_and_never_in_the_shared_folder() {
    let t = two();
    let (a, _b) = paired(&t);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&t.a.join("link")), 0o700);
        assert_eq!(mode(&t.a.join("link/identity")), 0o600);
        assert_eq!(mode(&t.a.join("link/pairing.json")), 0o600);
    }
    let identity = fs::read_to_string(t.a.join("link/identity")).unwrap();
    for line in identity.lines().skip(2) {
        let secret = line.split_once(' ').unwrap().1;
        assert!(files_holding(&t.dir, secret.as_bytes()).is_empty());
        assert!(files_holding(&t.dir, secret.to_lowercase().as_bytes()).is_empty());
    }
    // A link where the keys should be is refused, not followed.
    #[cfg(unix)]
    {
        let elsewhere = t.dir.parent().unwrap().join("elsewhere");
        fs::copy(t.a.join("link/identity"), &elsewhere).unwrap();
        fs::remove_file(t.a.join("link/identity")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, t.a.join("link/identity")).unwrap();
        let err = Link::open(&t.a).unwrap_err().to_string();
        assert!(err.contains("is a link"), "{err}");
    }
    drop(a);
}

#[test]
fn the_watcher_tells_within_two_seconds_with_notifications_and_with_the_poll_alone() {
    let t = two();
    let (mut a, mut b) = paired(&t);
    for use_notify in [true, false] {
        let watcher = Watcher::start_with(&t.dir, None, use_notify);
        std::thread::sleep(Duration::from_millis(300));
        watcher.changed();
        let start = std::time::Instant::now();
        b.publish(&[evening("B", use_notify as i64, 22, "hello")])
            .unwrap();
        assert!(watcher.wait(Duration::from_secs(2)), "notify: {use_notify}");
        assert!(start.elapsed() < Duration::from_secs(2));
        let got = eventually(Duration::from_secs(1), || {
            let (e, _) = a.partner_evenings();
            e.iter()
                .any(|e| {
                    e.date
                        .to_string()
                        .ends_with(&format!("0{}", use_notify as u8 + 1))
                })
                .then_some(())
        });
        assert!(got.is_some());
        // Temporaries alone are no change (once the poll has also seen the publish).
        std::thread::sleep(watch::POLL + Duration::from_millis(300));
        watcher.changed();
        fs::write(folder::nearer_dir(&t.dir).join(".~nearer-abc123.tmp"), b"x").unwrap();
        assert!(
            !watcher.wait(Duration::from_millis(1500)),
            "notify: {use_notify}"
        );
        fs::remove_file(folder::nearer_dir(&t.dir).join(".~nearer-abc123.tmp")).unwrap();
    }
}

mod merging {
    use super::*;
    use nearer::link::shared::merge;
    use proptest::prelude::*;

    fn an_evening() -> impl Strategy<Value = SharedEvening> {
        (
            0i64..12,
            0u32..3,
            0i32..3,
            "[a-z]{0,3}",
            proptest::option::of(1u8..8),
        )
            .prop_map(|(day, hour, zone, answer, closeness)| {
                let mut e = evening("B", day, 20 + hour, &answer);
                // The same instant or another, written in another offset.
                let offset = chrono::FixedOffset::east_opt(zone * 3600).unwrap();
                e.updated = e.updated.with_timezone(&offset);
                e.closeness = closeness;
                e
            })
    }

    proptest! {
        #[test]
        fn merging_is_order_independent_and_loses_no_evening(
            lists in proptest::collection::vec(proptest::collection::vec(an_evening(), 0..8), 1..5),
            seed in any::<u64>(),
        ) {
            let forward = merge(lists.clone());
            let mut backward = lists.clone();
            backward.reverse();
            for l in &mut backward {
                l.reverse();
            }
            prop_assert_eq!(&merge(backward), &forward);
            // Any order of all the evenings, one at a time, and merging twice.
            let mut flat: Vec<SharedEvening> = lists.iter().flatten().cloned().collect();
            let mut rng = seed;
            for i in (1..flat.len()).rev() {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                flat.swap(i, (rng >> 33) as usize % (i + 1));
            }
            prop_assert_eq!(&merge(flat.iter().cloned().map(|e| vec![e])), &forward);
            prop_assert_eq!(&merge([forward.clone(), forward.clone()]), &forward);
            // Every date is there, with its latest version.
            let dates: std::collections::BTreeSet<_> = flat.iter().map(|e| e.date).collect();
            prop_assert_eq!(forward.iter().map(|e| e.date).collect::<std::collections::BTreeSet<_>>(), dates);
            for e in &forward {
                let latest = flat.iter().filter(|x| x.date == e.date).map(|x| x.updated).max().unwrap();
                prop_assert_eq!(e.updated, latest);
                prop_assert!(flat.contains(e));
            }
        }
    }
}

#[test]
fn a_link_can_be_read_on_a_worker_thread_after_the_first_frame() {
    let t = two();
    let (_a, mut b) = paired(&t);
    b.publish(&[evening("B", 0, 22, "read off the drawing thread")])
        .unwrap();
    let data = t.a.clone();
    let worker = std::thread::spawn(move || {
        let mut link = Link::open(&data).unwrap().unwrap();
        let (evenings, _) = link.partner_evenings();
        (link, evenings)
    });
    let (mut link, evenings) = worker.join().unwrap();
    assert_eq!(answers(&evenings), ["B: read off the drawing thread"]);
    assert_eq!(link.status(), Status::Paired);
}

#[test]
fn unpair_gets_past_a_pairing_file_that_does_not_read() {
    // Its error says to run `nearer unpair`: that must then work, whatever is in the file.
    let state = |data: &Path| data.join("link").join("pairing.json");
    let dir_json = |dir: &Path| serde_json::to_string(&dir.display().to_string()).unwrap();

    // A newer version, or a field gone wrong, that still names the folder: cleaned as usual.
    let t = two();
    let (a, _b) = paired(&t);
    fs::write(
        state(&t.a),
        format!(r#"{{"version":99,"dir":{}}}"#, dir_json(&t.dir)),
    )
    .unwrap();
    assert!(Link::open(&t.a).is_err());
    let mut out = Vec::new();
    nearer::link::command::unpair(&t.a, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Removed from the shared folder"), "{out}");
    assert!(
        !all_files(&t.dir)
            .iter()
            .any(|p| p.to_string_lossy().contains(a.install_id().as_str())),
        "this install's files are gone from the folder"
    );
    assert!(Link::open(&t.a).unwrap().is_none());

    // Bytes that are not JSON at all: the local files go, and the words say what is left.
    let t = two();
    let (a, _b) = paired(&t);
    fs::write(state(&t.a), b"\x00\xff{ not json").unwrap();
    let mut out = Vec::new();
    nearer::link::command::unpair(&t.a, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("does not name the shared folder")
            && out.contains(&format!("nearer/{}.pub", a.install_id())),
        "{out}"
    );
    assert!(Link::open(&t.a).unwrap().is_none());
    assert!(!t.a.join("link/identity").exists());
    assert!(
        all_files(&t.dir)
            .iter()
            .any(|p| p.to_string_lossy().contains(a.install_id().as_str())),
        "nothing in a folder it cannot name is touched"
    );

    // A link planted in its place: the link goes, what it points at stays as it was.
    #[cfg(unix)]
    {
        let t = two();
        let (_a, _b) = paired(&t);
        let target = t._tmp.path().join("elsewhere.json");
        fs::write(&target, b"keep me").unwrap();
        fs::remove_file(state(&t.a)).unwrap();
        std::os::unix::fs::symlink(&target, state(&t.a)).unwrap();
        nearer::link::command::unpair(&t.a, &mut Vec::new()).unwrap();
        assert!(fs::symlink_metadata(state(&t.a)).is_err());
        assert_eq!(fs::read(&target).unwrap(), b"keep me");
    }
}
