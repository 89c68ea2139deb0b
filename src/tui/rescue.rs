//! The last save failed as nearer closes: everything is kept somewhere else, and the
//! person is told where.

use chrono::{DateTime, FixedOffset, Local};

use crate::app::App;
use crate::journal::{Store, StoreError};

/// The last save failed as nearer closes: keep everything somewhere else and say where.
pub(super) fn rescue(
    store: &Store,
    app: &App,
    error: &StoreError,
    started: DateTime<FixedOffset>,
) -> String {
    let mut message = format!(
        "the journal could not be saved to {}: {}.",
        store.journal_path().display(),
        error.reason()
    );
    let drafts = app.drafts_now();
    // Encrypted, with the key file beside them, when the journal has a passphrase.
    let draft = (!drafts.is_empty())
        .then(|| store.encode_drafts_for_disk(&drafts).ok())
        .flatten();
    let mut places = Vec::new();
    if let Some(dirs) = directories::ProjectDirs::from("", "", "nearer") {
        places.push(dirs.cache_dir().to_path_buf());
    }
    places.push(std::env::temp_dir());
    let stamp = Local::now().format("%Y%m%d-%H%M%S").to_string();
    let key = store.key_file_bytes();
    let kept = store.encode_for_disk(&app.journal).ok().and_then(|bytes| {
        for place in &places {
            let _ = std::fs::create_dir_all(place);
        }
        crate::journal::store::write_rescue(
            &places,
            &stamp,
            &bytes,
            draft.as_deref(),
            key.as_deref(),
        )
    });
    let draft_kept = !app.kept_for_save.is_empty() && store.drafts_path().is_file();
    match &kept {
        Some(dir) => message.push_str(&format!(
            "\nNothing is lost: the whole journal, with what you wrote this time, is kept in \
             {dir}. To carry on from it now: nearer --data-dir '{dir}'. Or, once {} can be \
             written again, move journal.json from there into it.",
            store.dir().display(),
            dir = dir.display(),
        )),
        None if draft_kept => message.push_str(&format!(
            "\nTonight's check-in is kept as a draft in {}; nearer offers it back next time. \
             Fix the problem above first.",
            store.drafts_path().display()
        )),
        None => {
            // Nowhere to write: show what was written this time, so it can be copied.
            let mut session = app.journal.as_ref().clone();
            session.entries.retain(|e| e.updated >= started);
            message.push_str(
                "\nnearer could not keep a copy anywhere else either. What you wrote this time \
                 is below; copy it somewhere safe.\n\n",
            );
            message.push_str(&crate::journal::export::export(
                &session,
                crate::journal::export::Format::Markdown,
                None,
                None,
            ));
            if let Some(d) = (!drafts.is_empty())
                .then(|| crate::journal::store::encode_drafts(&drafts).ok())
                .flatten()
            {
                message.push_str(&String::from_utf8_lossy(&d));
            }
        }
    }
    if draft_kept && kept.is_some() {
        message.push_str(&format!(
            "\nTonight's check-in is also kept as a draft in {}; nearer offers it back next time.",
            store.drafts_path().display()
        ));
    }
    message
}
