//! Where nearer keeps its files.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "nearer")
}

/// The journal folder: `--data-dir`, else `NEARER_DATA_DIR`, else the user's data folder.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os("NEARER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    project()
        .map(|p| p.data_dir().to_path_buf())
        .context("no home folder was found; give a folder with --data-dir or NEARER_DATA_DIR")
}

/// The config folder (the person's own content file): `NEARER_CONFIG_DIR`, else the
/// user's config folder.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NEARER_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    project().map(|p| p.config_dir().to_path_buf())
}
