//! `tend attach` and `tend attachments list|save|remove`: files kept inside
//! the register with an asset, its coverage or its work log.

use std::path::PathBuf;

use super::selection::{chosen, Choice};
use super::Context;
use crate::attach_args::{AttachArgs, AttachmentsCommand};
use crate::failure::Failure;
use crate::output;
use tend_core::{human_size, AttachedTo, Error};

pub fn attach(cx: &mut Context, a: AttachArgs) -> Result<(), Failure> {
    let filtered =
        a.category.is_some() || a.location.is_some() || a.invoice_number.is_some() || a.all;
    let (tags, files): (&[String], &[String]) = if filtered {
        (&[], &a.args)
    } else {
        a.args.split_at(1)
    };
    if files.is_empty() {
        return Err(Error::validation("file", "give the files to attach after the tag").into());
    }
    let to = match &a.to {
        None => AttachedTo::Asset,
        Some(text) => parse_target(text)?,
    };
    let assets: Vec<i64> = chosen(
        cx,
        &Choice {
            command: "attach",
            tags,
            category: a.category.as_deref(),
            location: a.location.as_deref(),
            order_number: a.invoice_number.as_deref(),
            all: a.all,
        },
    )?
    .iter()
    .map(|asset| asset.id)
    .collect();
    if assets.is_empty() {
        return Err(Error::validation("attach", "no asset matches: nothing attached").into());
    }
    let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let done = cx
        .register
        .attach_files(&paths, &assets, to, a.note.as_deref())?;
    if cx.json {
        return output::json(cx.out, &done);
    }
    let places = done
        .links
        .iter()
        .map(|l| l.asset_id)
        .collect::<std::collections::HashSet<_>>()
        .len();
    writeln!(
        cx.out,
        "attached {} file{} to {} ({} link{}{})",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        match to {
            AttachedTo::Asset if places == 1 => done.links[0].asset_tag.clone(),
            AttachedTo::Asset => format!("{places} assets"),
            other => format!("{} of {}", other.label(), done.links[0].asset_tag),
        },
        done.links.len(),
        if done.links.len() == 1 { "" } else { "s" },
        if done.already_stored > 0 {
            format!("; {} already stored, kept once", done.already_stored)
        } else {
            String::new()
        }
    )?;
    Ok(())
}

/// `coverage:ID` or `work:ID`.
fn parse_target(text: &str) -> Result<AttachedTo, Failure> {
    let refuse = || -> Failure {
        Error::validation(
            "to",
            format!("expected coverage:ID or work:ID (ids from `tend coverage list` or `tend log list`), got {text:?}"),
        )
        .into()
    };
    let (kind, id) = text.trim().split_once(':').ok_or_else(refuse)?;
    let id: i64 = id.trim().parse().map_err(|_| refuse())?;
    if id < 1 {
        return Err(refuse());
    }
    match kind.trim().to_ascii_lowercase().as_str() {
        "coverage" => Ok(AttachedTo::Coverage(id)),
        "work" | "log" => Ok(AttachedTo::Work(id)),
        _ => Err(refuse()),
    }
}

pub fn run(cx: &mut Context, command: AttachmentsCommand) -> Result<(), Failure> {
    match command {
        AttachmentsCommand::List(a) => {
            let asset = cx.register.get_asset_by_tag(&a.tag)?;
            let list = cx.register.list_attachments(asset.id)?;
            if cx.json {
                return output::json(cx.out, &list);
            }
            if list.is_empty() {
                writeln!(cx.out, "{} has no attachments", asset.tag)?;
                return Ok(());
            }
            let mut table =
                output::table(["id", "name", "type", "size", "on", "added", "by", "note"]);
            for l in &list {
                table.add_row([
                    l.id.to_string(),
                    l.name.clone(),
                    l.media_type.clone(),
                    human_size(l.size),
                    l.attached_to.label(),
                    output::timestamp(&l.created_at),
                    output::text(&l.author),
                    output::text(&l.note),
                ]);
            }
            output::write_table(cx.out, &table)
        }
        AttachmentsCommand::Save(a) => {
            let link = cx.register.attachment(a.id)?;
            let path = a.output.unwrap_or_else(|| PathBuf::from(&link.name));
            let bytes = cx.register.save_attachment(a.id, &path)?;
            if cx.json {
                return output::json(
                    cx.out,
                    &serde_json::json!({ "file": path.display().to_string(), "bytes": bytes }),
                );
            }
            writeln!(cx.out, "saved {} ({})", path.display(), human_size(bytes))?;
            Ok(())
        }
        AttachmentsCommand::Remove(a) => {
            let link = cx.register.remove_attachment(a.id)?;
            if cx.json {
                return output::json(cx.out, &link);
            }
            writeln!(cx.out, "removed {} from {}", link.name, link.asset_tag)?;
            Ok(())
        }
    }
}
