//! The use-case API for category plan templates: define a plan once for a
//! category, apply it to every active asset of the category in one
//! transaction (a campaign), and — when the template says so — to each asset
//! that joins the category later.

use super::plans::{first_occurrence, iso};
use super::Register;
use crate::model::*;
use crate::record::PlanRecord;
use crate::store::history::{Change, Stamp};
use crate::store::sql::Connection;
use crate::store::{history, lookups, plan_templates, plans};
use crate::{Error, Result};
use chrono::NaiveDate;

/// Creates the plan of `template` on one asset. Call inside a write transaction.
fn plan_from_template(
    conn: &Connection,
    template: &PlanTemplate,
    asset_id: i64,
    today: NaiveDate,
    stamp: &Stamp,
) -> Result<i64> {
    let rec = PlanRecord {
        title: template.title.clone(),
        interval: template.interval,
        anchoring: template.anchoring,
        start: template
            .start_date
            .as_deref()
            .and_then(crate::validate::parse_date),
        end: None,
        lead_days: template.lead_days,
        assignee: template.assignee.clone(),
        expected_minutes: template.expected_minutes,
        checklist: template.checklist.clone(),
        notes: template.notes.clone(),
    };
    let schedule = rec.schedule(today);
    let next_due = first_occurrence(&schedule, today);
    let id = plans::insert(
        conn,
        asset_id,
        &rec,
        schedule.start,
        next_due,
        Some(template.id),
        &stamp.at,
    )?;
    let summary = format!(
        "Maintenance plan added from the {} template: {}, next due {}",
        template.category,
        rec.title,
        next_due.map_or("never (ended)".into(), iso)
    );
    history::record(
        conn,
        &Change::event(
            asset_id,
            EntityKind::Plan,
            id,
            ChangeAction::Created,
            &summary,
        ),
        stamp,
    )?;
    Ok(id)
}

/// Applies the category's automatic templates to an asset that has just
/// been created or moved into it (skipping templates it already has a plan
/// from, and assets no longer in use). Call inside the asset's write
/// transaction. Returns how many plans were created.
pub(crate) fn apply_automatic(
    conn: &Connection,
    asset_id: i64,
    today: NaiveDate,
    stamp: &Stamp,
) -> Result<u64> {
    let (category_id, active) = plan_templates::asset_category(conn, asset_id)?;
    if !active {
        return Ok(0);
    }
    let mut created = 0;
    for template in plan_templates::automatic_for(conn, category_id)? {
        if !plan_templates::has_plan_from(conn, asset_id, template.id)? {
            plan_from_template(conn, &template, asset_id, today, stamp)?;
            created += 1;
        }
    }
    Ok(created)
}

impl Register {
    /// Defines a plan template for a category (which must exist). The plan's
    /// start date may be left empty: each plan then starts on the day the
    /// template reaches its asset.
    pub fn create_template(&mut self, input: &PlanTemplateInput) -> Result<PlanTemplate> {
        let rec = PlanRecord::from_template_input(&input.plan)?;
        let category = input.category.trim();
        if category.is_empty() {
            return Err(Error::validation("category", "is required"));
        }
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let found = lookups::find(&tx, LookupKind::Category, category)?.ok_or_else(|| {
            Error::validation("category", format!("no category named \"{category}\""))
        })?;
        let id = plan_templates::insert(&tx, found.id, &rec, input.auto_apply, &stamp.at)?;
        let template = plan_templates::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(template)
    }

    pub fn list_templates(&self) -> Result<Vec<PlanTemplate>> {
        plan_templates::list(&self.conn)
    }

    /// Every template with its reach today: how many active assets its
    /// category has, and how many of them already have its plan.
    pub fn template_reach(&self) -> Result<Vec<TemplateReach>> {
        plan_templates::list_reach(&self.conn)
    }

    /// Deletes a template. The plans it created stay on their assets as
    /// ordinary plans (their history keeps where they came from); each
    /// records that it is no longer linked to the template.
    pub fn delete_template(&mut self, id: i64) -> Result<()> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let template = plan_templates::require(&tx, id)?;
        let linked = plan_templates::plans_from(&tx, id)?;
        plan_templates::delete(&tx, id)?;
        let old_value = id.to_string();
        let summary = format!(
            "The {} template \"{}\" was deleted; this plan stays",
            template.category, template.title
        );
        for (plan_id, asset_id) in linked {
            history::record(
                &tx,
                &Change {
                    asset_id,
                    entity: EntityKind::Plan,
                    entity_id: plan_id,
                    action: ChangeAction::Updated,
                    field: Some("template_id"),
                    old_value: Some(&old_value),
                    new_value: None,
                    summary: &summary,
                },
                &stamp,
            )?;
        }
        Register::commit(tx, timeout)
    }

    /// Creates the template's plan on every active asset of its category that
    /// does not have one from it yet, in one transaction, after a backup (a
    /// bulk change). A category without assets is not an error: the result
    /// says 0 assets.
    pub fn apply_template(&mut self, id: i64, today: NaiveDate) -> Result<TemplateApplied> {
        let title = plan_templates::require(&self.conn, id)?.title;
        self.back_up_before(&format!("applying the template \"{title}\""))?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let template = plan_templates::require(&tx, id)?;
        let assets = plan_templates::category_assets(&tx, template.category_id, id)?;
        let mut created = 0;
        let mut already_planned = 0;
        for (asset_id, has_plan) in &assets {
            if *has_plan {
                already_planned += 1;
            } else {
                plan_from_template(&tx, &template, *asset_id, today, &stamp)?;
                created += 1;
            }
        }
        Register::commit(tx, timeout)?;
        Ok(TemplateApplied {
            template,
            assets: assets.len() as u64,
            created,
            already_planned,
        })
    }

    /// Creates the template's plan on each of `asset_ids` (a selection in
    /// the register, of any category: the user chose them) that is in use
    /// and has no plan from it yet, in one write after a backup. `assets`
    /// in the result counts the selected assets in use.
    pub fn apply_template_to(
        &mut self,
        id: i64,
        asset_ids: &[i64],
        today: NaiveDate,
    ) -> Result<TemplateApplied> {
        if asset_ids.is_empty() {
            return Err(Error::validation("selection", "no asset is selected"));
        }
        if asset_ids.len() > SELECTION_MAX {
            return Err(Error::validation(
                "selection",
                format!(
                    "{} assets selected; a plan reaches at most {SELECTION_MAX} at once",
                    asset_ids.len()
                ),
            ));
        }
        let title = plan_templates::require(&self.conn, id)?.title;
        self.back_up_before(&format!("applying the template \"{title}\" to a selection"))?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let template = plan_templates::require(&tx, id)?;
        let (mut in_use, mut created, mut already_planned) = (0, 0, 0);
        for &asset_id in asset_ids {
            let (_, active) = plan_templates::asset_category(&tx, asset_id)?;
            if !active {
                continue;
            }
            in_use += 1;
            if plan_templates::has_plan_from(&tx, asset_id, id)? {
                already_planned += 1;
            } else {
                plan_from_template(&tx, &template, asset_id, today, &stamp)?;
                created += 1;
            }
        }
        Register::commit(tx, timeout)?;
        Ok(TemplateApplied {
            template,
            assets: in_use,
            created,
            already_planned,
        })
    }
}
