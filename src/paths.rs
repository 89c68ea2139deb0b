//! Where nearer keeps its files.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "nearer")
}

/// The journal folder: `--data-dir`, else `NEARER_DATA_DIR`, else the user's data folder.
/// Always an absolute path: a relative `--data-dir` is taken from the folder nearer was
/// started in, and said as the whole path.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    let dir = if let Some(dir) = flag {
        dir
    } else if let Some(dir) = std::env::var_os("NEARER_DATA_DIR").filter(|d| !d.is_empty()) {
        PathBuf::from(dir)
    } else {
        project()
            .map(|p| p.data_dir().to_path_buf())
            .context("no home folder was found; give a folder with --data-dir or NEARER_DATA_DIR")?
    };
    std::path::absolute(&dir)
        .with_context(|| format!("the folder {} cannot be found from here", dir.display()))
}

/// The config folder (the person's own content file): `NEARER_CONFIG_DIR`, else the
/// user's config folder.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NEARER_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    project().map(|p| p.config_dir().to_path_buf())
}
