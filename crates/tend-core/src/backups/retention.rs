//! Which backups to keep: the newest of each of the last N days, weeks and
//! months that have one (as restic's `forget --keep-daily` does), always
//! the newest of all, and every copy made before a schema upgrade or a
//! restore (the way back from those; deleted only by hand).

use super::BackupInfo;
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Local};

/// How many daily, weekly and monthly backups are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for Keep {
    fn default() -> Self {
        Keep {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// The settings holding [`Keep`].
pub const KEEP_SETTINGS: [&str; 3] = [
    "backup_keep_daily",
    "backup_keep_weekly",
    "backup_keep_monthly",
];

/// The most of each kind a setting may ask for.
pub const KEEP_MAX: u32 = 1000;

impl Keep {
    /// Reads the three settings through `get` (unset: the default).
    pub(crate) fn from_settings(
        mut get: impl FnMut(&str) -> Result<Option<String>>,
    ) -> Result<Keep> {
        let default = Keep::default();
        let mut values = [default.daily, default.weekly, default.monthly];
        for (key, value) in KEEP_SETTINGS.iter().zip(values.iter_mut()) {
            if let Some(text) = get(key)?.filter(|t| !t.trim().is_empty()) {
                *value = parse_count(key, &text)?;
            }
        }
        Ok(Keep {
            daily: values[0],
            weekly: values[1],
            monthly: values[2],
        })
    }
}

/// A count of backups to keep: a whole number from 0 to [`KEEP_MAX`].
pub fn parse_count(key: &str, text: &str) -> Result<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= KEEP_MAX)
        .ok_or_else(|| {
            Error::validation(
                key,
                format!(
                    "expected a whole number of backups from 0 to {KEEP_MAX}, got \"{}\"",
                    text.trim()
                ),
            )
        })
}

/// The backups of `all` (newest first) that the policy no longer keeps.
/// Backups without a readable time are kept.
pub(super) fn to_prune<'a>(all: &'a [BackupInfo], keep: &Keep) -> Vec<&'a BackupInfo> {
    let mut last: [Option<(i32, u32)>; 3] = [None; 3];
    let mut counts = [0u32; 3];
    let limits = [keep.daily, keep.weekly, keep.monthly];
    let mut prune = Vec::new();
    // The copies kept as a way back neither rotate nor take a slot.
    let rotating = all.iter().filter(|b| !is_way_back(&b.reason));
    for (i, backup) in rotating.enumerate() {
        let Ok(at) = DateTime::parse_from_rfc3339(&backup.taken_at) else {
            continue;
        };
        let local = at.with_timezone(&Local);
        let week = local.iso_week();
        let keys = [
            (local.year(), local.ordinal()),
            (week.year(), week.week()),
            (local.year(), local.month()),
        ];
        let mut kept = i == 0;
        for k in 0..3 {
            if last[k] != Some(keys[k]) && counts[k] < limits[k] {
                last[k] = Some(keys[k]);
                counts[k] += 1;
                kept = true;
            }
        }
        if !kept {
            prune.push(backup);
        }
    }
    prune
}

/// A copy made before a schema upgrade or a restore.
fn is_way_back(reason: &str) -> bool {
    reason.starts_with("before upgrade") || reason.starts_with("before restore")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn backup(at: DateTime<Utc>) -> BackupInfo {
        BackupInfo {
            path: format!("b-{}", at.timestamp()).into(),
            taken_at: at.to_rfc3339(),
            size: 1,
            schema_version: 6,
            reason: "daily".into(),
            sha256: None,
            verified: true,
        }
    }

    #[test]
    fn two_years_of_daily_backups_keep_seven_days_four_weeks_and_twelve_months() {
        let start = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        // Newest first: one backup a day for two years, and two more today.
        let mut all = vec![
            backup(start + Duration::hours(2)),
            backup(start + Duration::hours(1)),
        ];
        all.extend((0..730).map(|d| backup(start - Duration::days(d))));
        let pruned = to_prune(&all, &Keep::default());
        let kept: Vec<&BackupInfo> = all
            .iter()
            .filter(|b| !pruned.iter().any(|p| p.path == b.path))
            .collect();
        assert_eq!(kept[0].path, all[0].path, "the newest is kept");
        // 7 days (today counts once), plus older week and month ends.
        assert!(kept.len() <= 7 + 4 + 12, "{} kept", kept.len());
        assert!(kept.len() >= 12, "{} kept", kept.len());
        let oldest = DateTime::parse_from_rfc3339(&kept.last().unwrap().taken_at).unwrap();
        let age = start
            .signed_duration_since(oldest.with_timezone(&Utc))
            .num_days();
        assert!((300..=370).contains(&age), "oldest kept is {age} days old");
        // Of today's three backups only the newest stays.
        assert!(pruned.iter().any(|p| p.path == all[1].path));
    }

    #[test]
    fn keeping_nothing_still_keeps_the_newest() {
        let start = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        let all: Vec<_> = (0..5).map(|d| backup(start - Duration::days(d))).collect();
        let keep = Keep {
            daily: 0,
            weekly: 0,
            monthly: 0,
        };
        assert_eq!(to_prune(&all, &keep).len(), 4);
    }

    #[test]
    fn copies_made_before_an_upgrade_or_a_restore_are_never_pruned() {
        let start = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        let mut all: Vec<_> = (0..5).map(|d| backup(start - Duration::hours(d))).collect();
        all[0].reason = "before restore".into();
        all[2].reason = "before upgrade from v5 to v6".into();
        let pruned = to_prune(&all, &Keep::default());
        let paths: Vec<_> = pruned.iter().map(|b| b.path.clone()).collect();
        // The newest of all is a way back and takes no slot: the newest
        // rotating one (1) is today's; the other rotating ones go.
        assert_eq!(paths, vec![all[3].path.clone(), all[4].path.clone()]);
    }

    #[test]
    fn a_count_setting_must_be_a_small_whole_number() {
        assert_eq!(parse_count("backup_keep_daily", " 3 ").unwrap(), 3);
        for bad in ["-1", "two", "1.5", "100000"] {
            let err = parse_count("backup_keep_daily", bad).unwrap_err();
            assert_eq!(err.field(), Some("backup_keep_daily"), "{bad}");
        }
    }
}
