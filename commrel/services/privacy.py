"""Residents' rights: erasure that keeps the figures, and the audit trail of it.

Erasure replaces what identifies a person with a placeholder and keeps what
the programme's statistics count (type, neighbourhood, dates, channels,
concern categories and outcomes), so reports before and after agree.
"""
from __future__ import annotations

from .. import search
from ..errors import ValidationError
from ..models import (AuditEvent, Change, Concern, ConcernUpdate, Interaction, Membership, Relationship,
                      Stakeholder, database)
from ..timeutil import utcnow
from ..users import current_user
from .stakeholders import _refresh_organisation_names, get

ERASED_TEXT = "(erased at the person's request)"


def anonymise(stakeholder_id: int) -> None:
    """Erase a person's identifying data for good (one transaction, logged without the data)."""
    with database.atomic():
        s = get(stakeholder_id)
        if s.anonymised:
            raise ValidationError("stakeholder", f"Record #{s.id} has already been erased.")
        label = "Erased person" if s.kind == "person" else "Erased organisation"
        (Stakeholder.update(
            given_name="", family_name="", display_name=f"{label} #{s.id}", sort_name=f"~erased {s.id:09d}",
            email="", phone="", address="", postcode="", notes="", preferred_channel="", language="",
            consent=False, consent_date=None, consent_source="", do_not_contact=True, anonymised=True,
            organisation_name="", updated_at=utcnow(), version=Stakeholder.version + 1)
         .where(Stakeholder.id == s.id).execute())
        members = [m.person_id for m in Membership.select(Membership.person).where(Membership.organisation == s.id)]
        Membership.delete().where((Membership.person == s.id) | (Membership.organisation == s.id)).execute()
        Relationship.delete().where((Relationship.from_stakeholder == s.id)
                                    | (Relationship.to_stakeholder == s.id)).execute()
        _refresh_organisation_names(members)
        # Interactions with only this person would still describe them: keep the
        # date and channel (the counts), drop the words.
        solo = [r[0] for r in database.execute_sql(
            "SELECT p.interaction_id FROM interaction_participant p WHERE p.stakeholder_id = ? AND"
            " (SELECT COUNT(*) FROM interaction_participant q WHERE q.interaction_id = p.interaction_id) = 1",
            (s.id,))]
        if solo:
            Interaction.update(summary=ERASED_TEXT, follow_up="").where(
                Interaction.id.in_(solo)).execute()
        concerns = [c.id for c in Concern.select(Concern.id).where(Concern.complainant == s.id)]
        if concerns:
            Concern.update(complainant=None, anonymous=True, description=ERASED_TEXT,
                           complainant_response="").where(Concern.id.in_(concerns)).execute()
            ConcernUpdate.update(text=ERASED_TEXT, attachment="").where(
                ConcernUpdate.concern.in_(concerns) & (ConcernUpdate.kind != "status")).execute()
            search.reindex("concern", concerns)
        Change.update(old_value=None, new_value=None).where(
            (Change.entity == "stakeholder") & (Change.entity_id == s.id)).execute()
        AuditEvent.create(by=current_user(), action="erasure",
                          detail=f"stakeholder #{s.id} erased; {len(concerns)} concerns and "
                                 f"{len(solo)} interactions scrubbed")
        search.reindex("stakeholder", [s.id] + members)


def empty_archive() -> int:
    """Delete every archived stakeholder for good; returns how many. The UI asks first."""
    with database.atomic():
        ids = [s.id for s in Stakeholder.select(Stakeholder.id).where(Stakeholder.archived == True)]  # noqa: E712
        if ids:
            from .stakeholders import delete

            delete(ids)
            AuditEvent.create(by=current_user(), action="empty-archive", detail=f"{len(ids)} archived records deleted")
    return len(ids)
