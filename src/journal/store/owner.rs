//! Whose the journal's folder is, and who may look into it.
//!
//! nearer keeps a person's most private words there, so the folder is theirs alone: mode
//! 0700. A folder found open to others is made private; when others could write in it
//! (and so plant links or files there), the person is told, once. A
//! folder that belongs to another user is refused: run as root on someone's folder, nearer
//! would leave files there owned by root, and lock the owner out of their own journal.

use std::fs;
use std::path::Path;

use super::StoreError;

/// What to do about a journal folder, from its owner, its mode and the user nearer runs as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The folder is the user's and private.
    Fine,
    /// The folder is the user's, but others may look in (or write): make it 0700.
    Tighten { mode: u32 },
    /// The folder belongs to another user.
    NotYours { owner: u32 },
    /// Anyone may make files in the folder (the sticky bit of /tmp).
    Shared,
}

/// The decision alone, for a folder owned by `owner` with permission bits `mode`, looked at
/// by the user `me`.
pub fn verdict(owner: u32, mode: u32, me: u32) -> Verdict {
    if owner != me {
        Verdict::NotYours { owner }
    } else if mode & 0o1000 != 0 {
        Verdict::Shared
    } else if mode & 0o077 != 0 {
        Verdict::Tighten {
            mode: mode & 0o7777,
        }
    } else {
        Verdict::Fine
    }
}

/// Check the journal folder `dir` (it exists); make it private when it is not. Returns a
/// notice when it was made private.
pub(super) fn check_folder(dir: &Path) -> Result<Option<String>, StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = fs::metadata(dir).map_err(StoreError::io(dir, "reading"))?;
        match verdict(meta.uid(), meta.mode(), current_user()) {
            Verdict::Fine => Ok(None),
            Verdict::NotYours { owner } => Err(StoreError::NotYours {
                dir: dir.to_path_buf(),
                owner: user_name(owner),
                me: user_name(current_user()),
            }),
            Verdict::Shared => Err(StoreError::SharedFolder {
                dir: dir.to_path_buf(),
            }),
            Verdict::Tighten { mode } => {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                    .map_err(StoreError::io(dir, "making the folder private"))?;
                if mode & 0o022 == 0 {
                    // Others could look, not write (what mkdir makes): made private quietly.
                    return Ok(None);
                }
                Ok(Some(format!(
                    "The folder {} was open to other users (mode {mode:04o}); nearer has made \
                     it private (0700), as your journal is kept there.",
                    dir.display()
                )))
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

/// Make a folder of nearer's own (the backups) private again when it is not, quietly: only
/// nearer writes there.
pub(super) fn keep_private(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::symlink_metadata(dir)
            && meta.is_dir()
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The user nearer runs as (its effective user id: the one files it makes belong to).
#[cfg(unix)]
fn current_user() -> u32 {
    // SAFETY: geteuid cannot fail and touches no memory.
    unsafe { libc::geteuid() }
}

/// A user's name, with the id; the id alone when it has no name here.
#[cfg(unix)]
fn user_name(uid: u32) -> String {
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both live and of the sizes given.
    let found =
        unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if found == 0 && !result.is_null() && !pwd.pw_name.is_null() {
        // SAFETY: pw_name points into `buf`, a NUL-terminated string.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        return format!("the user {} (uid {uid})", name.to_string_lossy());
    }
    format!("the user with uid {uid}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_follows_owner_then_sharing_then_mode() {
        assert_eq!(verdict(1000, 0o40700, 1000), Verdict::Fine);
        assert_eq!(
            verdict(1000, 0o40777, 1000),
            Verdict::Tighten { mode: 0o777 }
        );
        assert_eq!(
            verdict(1000, 0o40750, 1000),
            Verdict::Tighten { mode: 0o750 }
        );
        // Root on a person's folder, and a person on another's (even one open to all).
        assert_eq!(verdict(1000, 0o40700, 0), Verdict::NotYours { owner: 1000 });
        assert_eq!(verdict(0, 0o40777, 1000), Verdict::NotYours { owner: 0 });
        assert_eq!(verdict(1000, 0o41777, 1000), Verdict::Shared);
    }

    #[cfg(unix)]
    #[test]
    fn names_are_found_and_unknown_ids_are_given_as_ids() {
        assert!(user_name(0).contains("root (uid 0)"), "{}", user_name(0));
        assert_eq!(user_name(4_000_000_000), "the user with uid 4000000000");
    }
}
