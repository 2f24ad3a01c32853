//! The one clock `runbook` reads. Outputs must be reproducible, so time comes
//! from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it is set.

/// The default for documents when `SOURCE_DATE_EPOCH` is not set: a fixed
/// date, so two runs give identical bytes.
pub const FIXED_EPOCH: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z

/// The latest `SOURCE_DATE_EPOCH` accepted: 9999-12-31T23:59:59Z, the last
/// moment a PDF date (four-digit year) can express. Earlier than 1970 is
/// refused too: Anki keeps times as positive milliseconds.
pub const MAX_EPOCH: i64 = 253_402_300_799;

/// A moment in UTC and whether the user fixed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub epoch: i64,
    /// True when it came from `SOURCE_DATE_EPOCH`.
    pub from_env: bool,
}

impl Timestamp {
    /// `SOURCE_DATE_EPOCH` if set and valid, else [`FIXED_EPOCH`].
    pub fn from_env() -> Result<Self, crate::Error> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if !v.trim().is_empty() => {
                let epoch = v.trim().parse::<i64>().map_err(|_| {
                    crate::Error::Usage(format!(
                        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not `{v}`"
                    ))
                })?;
                if !(0..=MAX_EPOCH).contains(&epoch) {
                    return Err(crate::Error::Usage(format!(
                        "SOURCE_DATE_EPOCH={epoch} is outside the dates a PDF and an Anki deck can \
                         hold; give seconds from 0 (1970-01-01) to {MAX_EPOCH} (9999-12-31)"
                    )));
                }
                Ok(Timestamp {
                    epoch,
                    from_env: true,
                })
            }
            _ => Ok(Timestamp {
                epoch: FIXED_EPOCH,
                from_env: false,
            }),
        }
    }

    /// A timestamp at `epoch`, as if set by the user.
    pub fn at(epoch: i64) -> Self {
        Timestamp {
            epoch,
            from_env: true,
        }
    }

    /// The time to stamp on things that must move forward when their content
    /// changes (Anki note modification times): `SOURCE_DATE_EPOCH` if set,
    /// else the real clock.
    pub fn modification_time(&self) -> i64 {
        if self.from_env {
            self.epoch
        } else {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(self.epoch, |d| d.as_secs() as i64)
        }
    }

    /// (year, month, day, hour, minute, second) in UTC.
    pub fn civil(&self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.epoch.div_euclid(86_400);
        let secs = self.epoch.rem_euclid(86_400) as u32;
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        let (y, m, d, ..) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// A PDF date string, `D:YYYYMMDDHHmmSSZ`.
    pub fn pdf_date(&self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        for (epoch, want) in [
            (0, "1970-01-01"),
            (FIXED_EPOCH, "2024-01-01"),
            (951_782_400, "2000-02-29"),
            (1_795_132_800, "2026-11-20"),
            (-86_400, "1969-12-31"),
        ] {
            assert_eq!(Timestamp::at(epoch).date(), want, "{epoch}");
        }
        assert_eq!(Timestamp::at(3_661).pdf_date(), "D:19700101010101Z");
    }
}
