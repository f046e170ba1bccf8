//! `tend settings get|set`: the settings reports and the desktop app use.

use super::Context;
use crate::failure::Failure;
use crate::output;
use crate::report_args::SettingsCommand;
use std::collections::BTreeMap;
use tend_core::settings::{known_key, KNOWN_KEYS, LABEL_KEYS, SAFETY_KEYS};

pub fn run(cx: &mut Context, c: SettingsCommand) -> Result<(), Failure> {
    match c {
        SettingsCommand::Get(a) => match a.key {
            Some(key) => {
                let key = known_key(&key)?;
                let value = cx.register.get_setting(key)?.unwrap_or_default();
                if cx.json {
                    let one: BTreeMap<&str, String> = [(key, value)].into();
                    return output::json(cx.out, &one);
                }
                writeln!(cx.out, "{value}")?;
                Ok(())
            }
            None => {
                let settings = cx.register.settings()?;
                if cx.json {
                    return output::json(cx.out, &settings);
                }
                let value = |k: &str| -> Result<String, Failure> {
                    Ok(cx.register.get_setting(k)?.unwrap_or_default())
                };
                let keys = KNOWN_KEYS
                    .iter()
                    .chain(LABEL_KEYS.iter())
                    .chain(SAFETY_KEYS.iter());
                let mut rows = Vec::new();
                for key in keys.clone() {
                    rows.push((key, value(key)?));
                }
                let width = keys.map(|k| k.len()).max().unwrap_or(0);
                for (key, value) in rows {
                    writeln!(cx.out, "{key:<width$}  {value}")?;
                }
                Ok(())
            }
        },
        SettingsCommand::Set(a) => {
            let key = known_key(&a.key)?;
            cx.register.set_setting(key, &a.value)?;
            let stored = cx.register.get_setting(key)?.unwrap_or_default();
            if cx.json {
                let one: BTreeMap<&str, String> = [(key, stored)].into();
                return output::json(cx.out, &one);
            }
            writeln!(cx.out, "{key} = {stored}")?;
            Ok(())
        }
    }
}
