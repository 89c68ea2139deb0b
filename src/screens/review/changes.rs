//! The changes a person makes to past evenings from Look back, each asked of `update`:
//! change an evening (its check-in), star it, delete it, bring the last one deleted back.

use chrono::NaiveDate;

use super::Review;
use crate::protocol::{Cx, Destination, Intent};

/// "Wednesday 25 November 2026".
fn long(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

impl Review {
    pub(super) fn edit(&mut self, date: NaiveDate, cx: &mut Cx) {
        if date > cx.evening {
            self.message = Some("That evening has not come yet.".into());
            return;
        }
        self.checkin_for = Some(date);
        cx.ask(Intent::Open(Destination::Checkin {
            date,
            back_to_review: true,
        }));
    }

    pub(super) fn toggle_star(&mut self, date: NaiveDate, cx: &mut Cx) {
        if cx.journal.entry(date).is_some() {
            cx.ask(Intent::ToggleStar(date));
        }
    }

    pub(super) fn delete(&mut self, date: NaiveDate, cx: &mut Cx) {
        if cx.journal.entry(date).is_some() {
            cx.ask(Intent::DeleteEntry(date));
            self.message = Some(format!(
                "Deleted the evening of {}. u brings it back until you quit nearer.",
                long(date)
            ));
        }
    }

    pub(super) fn undo(&mut self, cx: &mut Cx) {
        let Some(entry) = cx.deleted.last() else {
            self.message = Some("Nothing to bring back.".into());
            return;
        };
        let date = entry.date;
        if cx.journal.entry(date).is_some() {
            self.message = Some(format!(
                "{} was checked in again after it was deleted; the new entry stays.",
                long(date)
            ));
        } else {
            self.message = Some(format!("Brought back the evening of {}.", long(date)));
            self.checkin_for = Some(date);
        }
        cx.ask(Intent::UndoDelete);
    }
}
