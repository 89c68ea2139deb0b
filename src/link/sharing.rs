//! The link at work: where it stands, carrying pairing forward, writing this install's
//! shared file and reading the partner's, conflict copies included.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::card::{self, BadCard, Card};
use super::envelope::{self, OpenError};
use super::files;
use super::folder::{self, Found, Kind};
use super::identity::InstallId;
use super::shared::{Merged, SHARED_VERSION, SharedEvening, SharedFile, merge};
use super::status::{KeyChange, Notice, Status, Waiting};
use super::{Link, LinkError};

/// Temporaries of ours older than this are a crash's leftovers, not a write in progress.
const STALE_TMP: Duration = Duration::from_secs(3600);

/// What [`Link::publish`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publish {
    /// This install's shared file was written, holding this many evenings.
    Written { path: PathBuf, evenings: usize },
    /// What it holds already was the same: nothing written (no needless sync traffic).
    Unchanged,
    /// Not shared: the link is not `Paired` (the status says why). Publish again later.
    Held(Status),
    /// A copy of this install's own file is still arriving: publish again in a moment.
    Later,
}

impl Link {
    /// Where the link stands, read afresh from the folder.
    ///
    /// Reads cards and, once confirmed, opens the partner's signed file (kept from one call
    /// to the next while it does not change). The first time the partner's signed file is
    /// seen, `pairing.json` records that they confirmed.
    pub fn status(&mut self) -> Status {
        let found = match folder::scan(&self.state.dir) {
            Ok(found) => found,
            Err(_) => {
                return Status::FolderMissing {
                    dir: self.state.dir.clone(),
                };
            }
        };
        let me = self.install_id().clone();
        let cards = self.read_cards(&found);
        let others: Vec<&(PathBuf, Card)> =
            cards.iter().filter(|(_, c)| c.install_id != me).collect();
        let Some(partner) = self.state.partner.clone() else {
            return self.pairing_status(&cards, &others);
        };
        let partner_card = others
            .iter()
            .find(|(_, c)| c.install_id == partner.card.install_id);
        match partner_card {
            Some((path, c))
                if c.commit != partner.card.commitment()
                    || c.keys.as_ref().is_some_and(|k| k != &partner.card.keys) =>
            {
                return Status::KeyChanged(KeyChange::Changed { card: path.clone() });
            }
            None => {
                if let Some((path, _)) = others.first() {
                    return Status::KeyChanged(KeyChange::NewInstall { card: path.clone() });
                }
                // A card under the partner's name that breaks its own promise is a change.
                if let Some(f) = found.iter().find(|f| {
                    f.install_id == partner.card.install_id && f.kind == Kind::Card && !f.copy
                }) && folder::read(&f.path)
                    .ok()
                    .is_some_and(|b| Card::parse(&b) == Err(BadCard::BrokenPromise))
                {
                    return Status::KeyChanged(KeyChange::Changed {
                        card: f.path.clone(),
                    });
                }
            }
            _ => {}
        }
        let sealed: Vec<&Found> = found
            .iter()
            .filter(|f| f.install_id == partner.card.install_id && f.kind == Kind::Sealed)
            .collect();
        // Once they confirmed, that is known: their file need not be opened to say so.
        let verified =
            !partner.they_confirmed && sealed.iter().any(|f| self.open_cached(f).is_ok());
        if verified && !partner.they_confirmed {
            if let Some(p) = self.state.partner.as_mut() {
                p.they_confirmed = true;
            }
            // Known in memory either way; on disk at the next save if this one fails.
            let _ = self.state.save(&self.data_dir);
        }
        match (
            verified || partner.they_confirmed,
            partner_card.is_some() || !sealed.is_empty(),
        ) {
            (true, true) => Status::Paired,
            (true, false) => Status::WaitingForPartner(Waiting::PartnerGone),
            (false, _) => Status::WaitingForPartner(Waiting::Confirmation),
        }
    }

    /// Status while the code is not confirmed yet.
    fn pairing_status(&self, cards: &[(PathBuf, Card)], others: &[&(PathBuf, Card)]) -> Status {
        if others.len() > 1 {
            return Status::Crowded {
                cards: others.iter().map(|(p, _)| p.clone()).collect(),
            };
        }
        let Some((path, other)) = others.first() else {
            return Status::WaitingForPartner(Waiting::Card);
        };
        if let Some((id, commit)) = &self.state.seen
            && (id != &other.install_id || commit != &other.commit)
        {
            return Status::KeyChanged(KeyChange::WhilePairing { card: path.clone() });
        }
        let own_revealed = cards
            .iter()
            .any(|(_, c)| &c.install_id == self.install_id() && c.keys.is_some());
        match (own_revealed && self.state.seen.is_some(), other.full()) {
            (true, Some(other)) => Status::AwaitingConfirmation {
                code: card::code(&self.own_card(), &other),
            },
            _ => Status::WaitingForPartner(Waiting::Keys),
        }
    }

    /// Carry the link forward; call at start and whenever the watcher signals.
    ///
    /// While pairing: once exactly one other card is there, record its commitment and
    /// reveal this install's keys. Once confirmed: put back this install's card or file if
    /// they went missing, and merge this install's conflict copies into its file (removing
    /// them). Never touches the partner's files. A missing folder is not an error.
    pub fn refresh(&mut self) -> Result<(), LinkError> {
        let Ok(found) = folder::scan(&self.state.dir) else {
            return Ok(());
        };
        files::remove_stale_temporaries(&folder::nearer_dir(&self.state.dir), STALE_TMP);
        let me = self.install_id().clone();
        let cards = self.read_cards(&found);
        let own_card = cards
            .iter()
            .find(|(_, c)| c.install_id == me)
            .map(|(_, c)| c);
        if self.state.partner.is_none() {
            let others: Vec<&Card> = cards
                .iter()
                .filter(|(_, c)| c.install_id != me)
                .map(|(_, c)| c)
                .collect();
            if let [other] = others[..]
                && self.state.seen.is_none()
            {
                self.state.seen = Some((other.install_id.clone(), other.commit));
                self.state.save(&self.data_dir)?;
            }
        } else if matches!(self.status(), Status::KeyChanged(_)) {
            return Ok(());
        }
        // Keys are revealed only after the other's commitment is on record.
        let want = if self.state.seen.is_some() {
            Card::revealed(&self.own_card())
        } else {
            Card::sealed(&self.own_card())
        };
        if own_card != Some(&want) {
            folder::write_own(&self.state.dir, &me, Kind::Card, &want.to_json())?;
        }
        for f in found
            .iter()
            .filter(|f| f.install_id == me && f.kind == Kind::Card && f.copy)
        {
            let _ = fs::remove_file(&f.path);
        }
        if self.state.partner.is_some() {
            let own_sealed = found
                .iter()
                .filter(|f| f.install_id == me && f.kind == Kind::Sealed);
            let (mut original, mut copies) = (false, false);
            for f in own_sealed {
                original |= !f.copy;
                copies |= f.copy;
            }
            if copies || !original {
                self.write_own_file(&[])?;
            }
        }
        Ok(())
    }

    /// Share `evenings`: merged into this install's shared file by date (the newer
    /// `updated` wins, see [`super::shared`]), with any of its conflict copies, then sealed
    /// and written atomically. Writes nothing unless the status is `Paired`.
    pub fn publish(&mut self, evenings: &[SharedEvening]) -> Result<Publish, LinkError> {
        match self.status() {
            Status::Paired => self.write_own_file(evenings),
            other => Ok(Publish::Held(other)),
        }
    }

    /// Make this install's shared file hold exactly `evenings` (what the journal shares
    /// now), where [`Link::publish`] only adds: an evening the file holds that is not among
    /// them is withdrawn, replaced by an empty version of its date (no prompt, no words)
    /// stamped `now`, which wins over the old one wherever it was copied. An evening whose
    /// words changed is stamped `now` if its own time is not later than the file's, so
    /// a choice changed back and forth always reaches the partner. Evenings the file holds
    /// as they are stay as they are (nothing is written when nothing changed). Writes
    /// nothing unless the status is `Paired`.
    pub fn publish_exactly(
        &mut self,
        evenings: &[SharedEvening],
        now: DateTime<FixedOffset>,
    ) -> Result<Publish, LinkError> {
        match self.status() {
            Status::Paired => {}
            other => return Ok(Publish::Held(other)),
        }
        let existing = self.own_evenings();
        let want: BTreeMap<NaiveDate, SharedEvening> = evenings
            .iter()
            .filter(|e| !e.is_withdrawn())
            .map(|e| (e.date, e.clone().tidied()))
            .collect();
        let after = |e: &SharedEvening| now.max(e.updated + chrono::Duration::milliseconds(1));
        let mut out: Vec<SharedEvening> = Vec::with_capacity(want.len());
        let mut held: BTreeMap<NaiveDate, &SharedEvening> = BTreeMap::new();
        for e in &existing {
            held.insert(e.date, e);
        }
        for (date, w) in &want {
            out.push(match held.get(date) {
                Some(e) if e.same_words(w) => (*e).clone(),
                Some(e) if e.updated >= w.updated => SharedEvening {
                    updated: after(e),
                    ..w.clone()
                },
                _ => w.clone(),
            });
        }
        for e in &existing {
            if !want.contains_key(&e.date) && !e.is_withdrawn() {
                out.push(SharedEvening::withdrawn(e.date, after(e)));
            }
        }
        out.sort_by_key(|e| e.date);
        self.write_own_file(&out)
    }

    /// Merge `new` into this install's shared file and its own conflict copies, write the
    /// result, and remove the copies that were merged.
    pub(super) fn write_own_file(&mut self, new: &[SharedEvening]) -> Result<Publish, LinkError> {
        let (Some(partner), Some(pair)) = (self.state.partner.clone(), self.pair_id()) else {
            return Ok(Publish::Held(Status::WaitingForPartner(Waiting::Card)));
        };
        let found = folder::scan(&self.state.dir).map_err(|_| LinkError::FolderMissing {
            dir: self.state.dir.clone(),
        })?;
        let me = self.install_id().clone();
        let mut merged = Merged::new();
        let (mut current, mut merged_copies) = (None, Vec::new());
        let now = SystemTime::now();
        for f in found
            .iter()
            .filter(|f| f.install_id == me && f.kind == Kind::Sealed)
        {
            match self.open_cached(f) {
                Ok(evenings) => {
                    merged.extend(evenings.iter().cloned());
                    if f.copy {
                        merged_copies.push(f.path.clone());
                    } else {
                        current = Some(evenings);
                    }
                }
                Err(e) if e.may_be_incomplete() && f.stamp.age(now) < self.settle => {
                    return Ok(Publish::Later);
                }
                // A file under this install's name that is not its own: overwritten (the
                // original) or left for the notices (a copy).
                Err(_) => {}
            }
        }
        merged.extend(new.iter().cloned().map(SharedEvening::tidied));
        let evenings = merged.into_vec();
        if merged_copies.is_empty() && current.as_deref() == Some(&evenings) {
            return Ok(Publish::Unchanged);
        }
        let file = SharedFile {
            version: SHARED_VERSION,
            install_id: me.clone(),
            evenings,
        };
        let sealed = envelope::seal(&file, &self.identity, &partner.card.keys, &pair)
            .map_err(LinkError::Crypto)?;
        let path = folder::write_own(&self.state.dir, &me, Kind::Sealed, &sealed)?;
        for copy in &merged_copies {
            fs::remove_file(copy).map_err(LinkError::io(copy, "removing the merged copy"))?;
            self.cache.remove(copy);
            self.good.remove(copy);
        }
        Ok(Publish::Written {
            path,
            evenings: file.evenings.len(),
        })
    }

    /// The partner's shared evenings, merged by date from their file and its conflict
    /// copies, with notices for whatever was ignored. Only what verifies with the confirmed
    /// partner key is returned. While the folder is away, the evenings read last.
    ///
    /// Shared, not copied: ten years of evenings are megabytes, and the link keeps them to
    /// answer the next call (or a missing folder) without reading again.
    pub fn partner_evenings(&mut self) -> (Arc<Vec<SharedEvening>>, Vec<Notice>) {
        let mut notices = Vec::new();
        match self.status() {
            Status::FolderMissing { dir } => {
                notices.push(Notice::FolderMissing { dir });
                return (self.last.clone(), notices);
            }
            Status::KeyChanged(change) => {
                self.last = Arc::default();
                notices.push(Notice::KeyChanged(change));
                return (Arc::default(), notices);
            }
            _ => {}
        }
        let Some(partner) = self.state.partner.clone() else {
            return (Arc::default(), notices);
        };
        let Ok(found) = folder::scan(&self.state.dir) else {
            return (self.last.clone(), notices);
        };
        let me = self.install_id().clone();
        for (file, card) in self.read_cards_noting(&found, &mut notices) {
            if card.install_id != me && card.install_id != partner.card.install_id {
                notices.push(Notice::Stranger { file });
            }
        }
        let now = SystemTime::now();
        let mut sources: Vec<Arc<Vec<SharedEvening>>> = Vec::new();
        let ours = |id: &InstallId| id == &me || id == &partner.card.install_id;
        for f in found
            .iter()
            .filter(|f| f.kind == Kind::Sealed && ours(&f.install_id))
        {
            match self.open_cached(f) {
                Ok(evenings) if f.install_id != me => sources.push(evenings),
                Ok(_) => {}
                Err(why) => {
                    // Still arriving, damaged or forged, it is never read in place of what
                    // it held when it last opened, which stands meanwhile (in memory only:
                    // a nearer started since has nothing to show of it but the notice).
                    let arriving = why.may_be_incomplete() && f.stamp.age(now) < self.settle;
                    if f.install_id != me
                        && let Some(evenings) = self.good.get(&f.path)
                    {
                        sources.push(evenings.clone());
                    }
                    if !arriving {
                        let file = f.path.clone();
                        notices.push(if why.may_be_incomplete() {
                            Notice::Unreadable { file, why }
                        } else {
                            Notice::Ignored { file, why }
                        });
                    }
                }
            }
        }
        self.last = match &sources[..] {
            [] => Arc::default(),
            [one] => one.clone(),
            many => Arc::new(merge(many.iter().map(|s| s.iter().cloned()))),
        };
        (self.last.clone(), notices)
    }

    /// This install's own shared evenings as the folder holds them (its file and copies).
    pub fn own_evenings(&mut self) -> Vec<SharedEvening> {
        let Ok(found) = folder::scan(&self.state.dir) else {
            return Vec::new();
        };
        let me = self.install_id().clone();
        let mut merged = Merged::new();
        for f in found
            .iter()
            .filter(|f| f.install_id == me && f.kind == Kind::Sealed)
        {
            if let Ok(evenings) = self.open_cached(f) {
                merged.extend(evenings.iter().cloned());
            }
        }
        merged.into_vec()
    }

    /// Open a sealed file of this install's or the partner's, remembering the result while
    /// the file's size and time stay the same.
    fn open_cached(&mut self, f: &Found) -> Result<Arc<Vec<SharedEvening>>, OpenError> {
        if let Some((stamp, result)) = self.cache.get(&f.path)
            && *stamp == f.stamp
        {
            return result.clone();
        }
        let result = self.open_file(f).map(Arc::new);
        if let Ok(evenings) = &result {
            self.good.insert(f.path.clone(), evenings.clone());
        }
        self.cache.insert(f.path.clone(), (f.stamp, result.clone()));
        result
    }

    fn open_file(&self, f: &Found) -> Result<Vec<SharedEvening>, OpenError> {
        let pair = self.pair_id().ok_or(OpenError::OtherPairing)?;
        let key = if &f.install_id == self.install_id() {
            self.identity.verifying_key()
        } else {
            match &self.state.partner {
                Some(p) if p.card.install_id == f.install_id => p.card.keys.ed25519,
                _ => return Err(OpenError::BadSignature),
            }
        };
        let bytes = folder::read(&f.path).map_err(|e| OpenError::Unreadable(e.to_string()))?;
        let file = envelope::open(&bytes, &self.identity, &f.install_id, &key, &pair)?;
        Ok(file
            .evenings
            .into_iter()
            .map(SharedEvening::tidied)
            .collect())
    }
}
