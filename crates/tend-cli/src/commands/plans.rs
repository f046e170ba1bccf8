//! `tend plans …`: maintenance plans of an asset, the operations on their
//! next occurrence, and category templates.

use super::Context;
use crate::failure::Failure;
use crate::output;
use crate::plan_args::{
    PlanAddArgs, PlanCompleteArgs, PlanFields, PlanIdArg, PlanShowArgs, PlanSkipArgs,
    PlanSnoozeArgs, PlanTagArg, PlansCommand, TemplateAddArgs, TemplateIdArg,
};
use chrono::NaiveDate;
use tend_core::schedule::{Anchoring, Interval};
use tend_core::{validate, CompletionInput, Error, Plan, PlanInput, PlanTemplateInput};

pub fn run(cx: &mut Context, command: PlansCommand) -> Result<(), Failure> {
    let today = crate::clock::today();
    match command {
        PlansCommand::Add(a) => add(cx, a, today),
        PlansCommand::List(PlanTagArg { tag }) => list(cx, &tag),
        PlansCommand::Show(a) => show(cx, a, today),
        PlansCommand::Complete(a) => complete(cx, a, today),
        PlansCommand::Skip(PlanSkipArgs {
            id,
            reason,
            occurrence,
        }) => {
            let plan = cx
                .register
                .skip_plan(id, &reason, occurrence.as_deref().unwrap_or(""))?;
            changed(cx, &plan, "skipped the occurrence")
        }
        PlansCommand::Snooze(PlanSnoozeArgs {
            id,
            until,
            occurrence,
        }) => {
            let plan =
                cx.register
                    .snooze_plan(id, &until, today, occurrence.as_deref().unwrap_or(""))?;
            changed(cx, &plan, "snoozed")
        }
        PlansCommand::Pause(PlanIdArg { id }) => {
            let plan = cx.register.pause_plan(id)?;
            changed(cx, &plan, "paused")
        }
        PlansCommand::Resume(PlanIdArg { id }) => {
            let plan = cx.register.resume_plan(id)?;
            changed(cx, &plan, "resumed")
        }
        PlansCommand::Undo(PlanIdArg { id }) => {
            let plan = cx.register.undo_plan(id)?;
            changed(cx, &plan, "undid the last completion or skip")
        }
        PlansCommand::AddTemplate(a) => add_template(cx, a),
        PlansCommand::Templates => templates(cx),
        PlansCommand::ApplyTemplate(TemplateIdArg { id }) => apply_template(cx, id, today),
        PlansCommand::DeleteTemplate(TemplateIdArg { id }) => delete_template(cx, id),
    }
}

fn plan_input(f: PlanFields) -> PlanInput {
    PlanInput {
        title: f.title,
        every: f.every,
        unit: f.unit,
        anchoring: if f.floating { "floating" } else { "fixed" }.into(),
        start_date: f.start.unwrap_or_default(),
        end_date: f.end.unwrap_or_default(),
        lead_days: f.lead_days.unwrap_or_default(),
        assignee: f.assignee.unwrap_or_default(),
        expected_minutes: f.expected_minutes.unwrap_or_default(),
        checklist: f.checklist,
        notes: f.notes.unwrap_or_default(),
        expected_updated_at: String::new(),
    }
}

/// "every 3 months, fixed".
pub fn rule(interval: &Interval, anchoring: Anchoring) -> String {
    let unit = interval.unit.as_str();
    let unit = if interval.every == 1 {
        unit.trim_end_matches('s')
    } else {
        unit
    };
    let how = match anchoring {
        Anchoring::Fixed => "fixed",
        Anchoring::Floating => "floating",
    };
    format!("every {} {unit}, {how}", interval.every)
}

/// The next due date as people read it: snoozed, paused or ended.
fn next_due_text(p: &Plan) -> String {
    let mut text = match (&p.next_due, &p.snoozed_until) {
        (None, _) => "ended".to_string(),
        (Some(next), None) => next.clone(),
        (Some(next), Some(until)) => format!("{until} (snoozed from {next})"),
    };
    if p.paused {
        text.push_str(" — paused");
    }
    text
}

fn add(cx: &mut Context, a: PlanAddArgs, today: NaiveDate) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.tag)?;
    let plan = cx
        .register
        .create_plan(asset.id, &plan_input(a.fields), today)?;
    if cx.json {
        return output::json(cx.out, &plan);
    }
    writeln!(
        cx.out,
        "added plan #{} on {}: {} ({}), next due {}",
        plan.id,
        asset.tag,
        plan.title,
        rule(&plan.interval, plan.anchoring),
        next_due_text(&plan)
    )?;
    Ok(())
}

fn list(cx: &mut Context, tag: &str) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(tag)?;
    let plans = cx.register.list_plans(asset.id)?;
    if cx.json {
        return output::json(cx.out, &plans);
    }
    if plans.is_empty() {
        writeln!(cx.out, "no maintenance plans on {}", asset.tag)?;
        return Ok(());
    }
    let mut table = output::table(["id", "title", "rule", "next due", "last done", "assignee"]);
    for p in &plans {
        table.add_row([
            p.id.to_string(),
            p.title.clone(),
            rule(&p.interval, p.anchoring),
            next_due_text(p),
            output::text(&p.last_done),
            output::text(&p.assignee),
        ]);
    }
    output::write_table(cx.out, &table)
}

fn show(cx: &mut Context, a: PlanShowArgs, today: NaiveDate) -> Result<(), Failure> {
    let today = match a.today.as_deref() {
        Some(text) => validate::parse_date(text.trim()).ok_or_else(|| {
            Error::validation("--today", format!("expected YYYY-MM-DD, got \"{text}\""))
        })?,
        None => today,
    };
    let detail = cx.register.plan_detail(a.id, today)?;
    if cx.json {
        return output::json(cx.out, &detail);
    }
    let p = &detail.plan;
    output::fields(
        cx.out,
        &[
            ("plan", format!("#{} {}", p.id, p.title)),
            ("asset", format!("{} — {}", p.asset_tag, p.asset_name)),
            ("rule", rule(&p.interval, p.anchoring)),
            ("start", p.start_date.clone()),
            ("end", output::text(&p.end_date)),
            ("next due", next_due_text(p)),
            (
                "overdue by",
                match detail.periods_overdue {
                    0 => "-".to_string(),
                    1 => "1 period".to_string(),
                    n => format!("{n} periods"),
                },
            ),
            ("last done", output::text(&p.last_done)),
            ("lead time", format!("{} days", p.lead_days)),
            ("assignee", output::text(&p.assignee)),
            (
                "expected",
                p.expected_minutes
                    .map_or("-".into(), |m| format!("{m} minutes")),
            ),
            ("checklist", p.checklist.join("; ")),
        ],
    )?;
    if detail.events.is_empty() {
        return Ok(());
    }
    writeln!(cx.out)?;
    let mut table = output::table(["when", "action", "occurrence", "on", "reason / missed"]);
    for e in &detail.events {
        let mut action = output::words(&e.action);
        if e.undone {
            action.push_str(" (undone)");
        }
        let extra = match (&e.reason, e.missed.is_empty()) {
            (Some(r), _) => r.clone(),
            (None, false) => format!("missed {}", e.missed.join(", ")),
            (None, true) => String::new(),
        };
        table.add_row([
            output::timestamp(&e.at),
            action,
            output::text(&e.occurrence),
            output::text(&e.on_date),
            extra,
        ]);
    }
    output::write_table(cx.out, &table)
}

fn complete(cx: &mut Context, a: PlanCompleteArgs, today: NaiveDate) -> Result<(), Failure> {
    let input = CompletionInput {
        completed_on: a.on.unwrap_or_default(),
        performed_by: a.by.unwrap_or_default(),
        notes: a.notes.unwrap_or_default(),
        cost: a.cost.unwrap_or_default(),
        currency: a.currency.unwrap_or_default(),
        minutes_spent: a.minutes.unwrap_or_default(),
        checked: a.checked,
        occurrence: a.occurrence.unwrap_or_default(),
    };
    let done = cx.register.complete_plan(a.id, &input, today)?;
    if cx.json {
        return output::json(cx.out, &done);
    }
    writeln!(
        cx.out,
        "completed \"{}\" on {} (occurrence due {}), logged as work #{}; next due {}",
        done.plan.title,
        done.work.performed_on,
        done.occurrence,
        done.work.id,
        next_due_text(&done.plan)
    )?;
    if !done.missed.is_empty() {
        writeln!(
            cx.out,
            "missed occurrences recorded: {}",
            done.missed.join(", ")
        )?;
    }
    Ok(())
}

fn changed(cx: &mut Context, plan: &Plan, what: &str) -> Result<(), Failure> {
    if cx.json {
        return output::json(cx.out, plan);
    }
    writeln!(
        cx.out,
        "{what}: plan #{} \"{}\" on {}, next due {}",
        plan.id,
        plan.title,
        plan.asset_tag,
        next_due_text(plan)
    )?;
    Ok(())
}

fn add_template(cx: &mut Context, a: TemplateAddArgs) -> Result<(), Failure> {
    let template = cx.register.create_template(&PlanTemplateInput {
        category: a.category,
        plan: plan_input(a.fields),
        auto_apply: a.auto,
    })?;
    if cx.json {
        return output::json(cx.out, &template);
    }
    writeln!(
        cx.out,
        "added template #{} for {}: {} ({}){}",
        template.id,
        template.category,
        template.title,
        rule(&template.interval, template.anchoring),
        if template.auto_apply {
            ", also for assets added later"
        } else {
            ""
        }
    )?;
    Ok(())
}

fn templates(cx: &mut Context) -> Result<(), Failure> {
    let list = cx.register.list_templates()?;
    if cx.json {
        return output::json(cx.out, &list);
    }
    if list.is_empty() {
        writeln!(cx.out, "no plan templates")?;
        return Ok(());
    }
    let mut table = output::table(["id", "category", "title", "rule", "start", "automatic"]);
    for t in &list {
        table.add_row([
            t.id.to_string(),
            t.category.clone(),
            t.title.clone(),
            rule(&t.interval, t.anchoring),
            t.start_date
                .clone()
                .unwrap_or_else(|| "when applied".into()),
            if t.auto_apply { "yes" } else { "no" }.into(),
        ]);
    }
    output::write_table(cx.out, &table)
}

fn delete_template(cx: &mut Context, id: i64) -> Result<(), Failure> {
    cx.register.delete_template(id)?;
    if cx.json {
        return output::json(cx.out, &serde_json::json!({ "deleted_template": id }));
    }
    writeln!(
        cx.out,
        "deleted template #{id}; the plans it created stay on their assets"
    )?;
    Ok(())
}

fn apply_template(cx: &mut Context, id: i64, today: NaiveDate) -> Result<(), Failure> {
    let applied = cx.register.apply_template(id, today)?;
    if cx.json {
        return output::json(cx.out, &applied);
    }
    writeln!(
        cx.out,
        "{} assets in {}: created {} plan(s) \"{}\"; {} already had it",
        applied.assets,
        applied.template.category,
        applied.created,
        applied.template.title,
        applied.already_planned
    )?;
    Ok(())
}
