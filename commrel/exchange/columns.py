"""The columns of exported and imported sheets, declared once per kind.

Each :class:`Column` says what a spreadsheet column holds: its header, the
stable key Commrel uses for it, the kind of value, the allowed values of an
enumeration, a sentence for the About sheet, and other names partners use
for it ("E-mail", "Organization", "Ward") so their sheets map on their own.
Headers may be reworded; keys never change.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..models import choices as ch
from ..models.media import TONES

TYPES = ("id", "version", "text", "long_text", "email", "phone", "postcode", "int", "bool", "enum",
         "tags", "names", "emails", "date", "datetime")

_WIDTHS = {"id": 10, "version": 8, "long_text": 40, "email": 28, "phone": 16, "postcode": 10, "int": 10,
           "bool": 10, "enum": 18, "tags": 24, "names": 30, "emails": 30, "date": 12, "datetime": 17}


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: Any) -> str:
    """Lower-case ASCII words: "E-mail address" → "e mail address", "Organización" → "organizacion"."""
    text = str(text)
    if not text.isascii():  # most names are; they need no decomposition
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str
    description: str
    choices: dict[str, str] | None = None
    synonyms: tuple[str, ...] = ()
    # other words people write for an enumeration's values: word -> code
    choice_synonyms: tuple[tuple[str, str], ...] = ()
    hidden: bool = False
    # False: exported for information; changes in the sheet are not imported.
    importable: bool = True
    # False: read for new records only (links that an update would not undo).
    on_update: bool = True
    # "personal", "notes", "consent", "assessment", "internal": profiles drop by these.
    sensitivity: tuple[str, ...] = ()
    width: int | None = None

    @property
    def display_width(self) -> int:
        base = self.width or _WIDTHS.get(self.type, 20)
        return max(base, len(self.header) + 4)

    def choice_lookup(self) -> dict[str, str]:
        """Every accepted spelling, normalised, to its code."""
        out: dict[str, str] = {}
        for word, code in self.choice_synonyms:
            out[normalise(word)] = code
        for code, label in (self.choices or {}).items():
            out[normalise(label)] = code
            out[normalise(code)] = code
        return out

    def about(self) -> str:
        text = self.description
        if self.choices:
            text += " Allowed: " + ", ".join(self.choices.values()) + "."
        if not self.importable:
            text += " For information: changes to it are not imported."
        elif not self.on_update:
            text += " Read for new rows only; change it for existing records in Commrel."
        return text


def _c(key, header, type, description, **kw) -> Column:
    if "synonyms" in kw:
        kw["synonyms"] = tuple(kw["synonyms"])
    if "choice_synonyms" in kw:
        kw["choice_synonyms"] = tuple(kw["choice_synonyms"].items())
    return Column(key, header, type, description, **kw)


ID = _c("id", "Commrel ID", "id", "Commrel's number for the record; keep it so the row updates that record.",
        hidden=True, synonyms=["ID", "Record ID"])
VERSION = _c("version", "Row version", "version",
             "How many times the record had been saved when exported; Commrel uses it to notice edits made "
             "in both places.", hidden=True, synonyms=["Version"])

STAKEHOLDER_COLUMNS: tuple[Column, ...] = (
    ID, VERSION,
    _c("kind", "Kind", "enum", "A person or an organisation.", choices=ch.STAKEHOLDER_KINDS,
       synonyms=["Person or organisation", "Record type", "Entity"],
       choice_synonyms={"individual": "person", "people": "person", "organization": "organisation",
                        "org": "organisation", "company": "organisation", "group": "organisation"}),
    _c("display_name", "Name", "text", "Name shown in Commrel; for people it follows the given and family "
       "names unless set on purpose.", synonyms=["Full name", "Display name", "Contact name", "Stakeholder",
                                                 "Stakeholder name"], width=26),
    _c("given_name", "Given name", "text", "A person's first name.", sensitivity=("personal",),
       synonyms=["First name", "Forename", "Firstname", "Christian name"]),
    _c("family_name", "Family name", "text", "A person's last name.", sensitivity=("personal",),
       synonyms=["Last name", "Surname", "Lastname"]),
    _c("organisation", "Organisation", "text", "The organisation a person belongs to (the first one listed "
       "in Commrel). Read for new people only.", on_update=False, width=24,
       synonyms=["Organization", "Organisation name", "Organization name", "Company", "Employer",
                 "Affiliation", "Group"]),
    _c("type", "Type", "enum", "What sort of stakeholder.", choices=ch.STAKEHOLDER_TYPES,
       synonyms=["Stakeholder type", "Category", "Sector"],
       choice_synonyms={"company": "business", "shop": "business", "council": "government",
                        "local authority": "government", "official": "government", "government": "government",
                        "community group": "civic_group", "residents association": "civic_group",
                        "charity": "ngo", "non profit": "ngo", "nonprofit": "ngo", "church": "faith_group",
                        "mosque": "faith_group", "faith": "faith_group", "press": "media",
                        "journalist": "media", "college": "school", "university": "school",
                        "local resident": "resident"}),
    _c("email", "Email", "email", "Email address.", sensitivity=("personal",),
       synonyms=["E-mail", "Email address", "E-mail address", "Mail address", "Electronic mail"]),
    _c("phone", "Phone", "phone", "Phone number, kept exactly as written.", sensitivity=("personal",),
       synonyms=["Telephone", "Tel", "Phone number", "Telephone number", "Mobile", "Mobile number",
                 "Cell", "Contact number"]),
    _c("address", "Address", "long_text", "Postal address.", sensitivity=("personal",),
       synonyms=["Street address", "Postal address", "Home address"]),
    _c("postcode", "Postcode", "postcode", "Postcode or ZIP code.", sensitivity=("personal",),
       synonyms=["Post code", "Postal code", "ZIP", "ZIP code", "Zipcode", "PLZ"]),
    _c("neighbourhood", "Neighbourhood", "text", "The area of the project the stakeholder is in.",
       synonyms=["Neighborhood", "Ward", "Area", "District", "Locality", "Community", "Zone"]),
    _c("preferred_channel", "Preferred channel", "enum", "How they like to be contacted.",
       choices=ch.CONTACT_CHANNELS,
       synonyms=["Contact preference", "Preferred contact", "Preferred contact method", "Channel"],
       choice_synonyms={"telephone": "phone", "call": "phone", "mobile": "phone", "e mail": "email",
                        "post": "letter", "postal": "letter", "face to face": "in_person", "visit": "in_person",
                        "text": "sms", "no preference": "any"}),
    _c("language", "Language", "text", "Language they prefer.", synonyms=["Preferred language"]),
    _c("position", "Position", "enum", "Their position on the project.", choices=ch.POSITIONS,
       sensitivity=("assessment",), synonyms=["Stance", "Attitude", "View", "Support"],
       choice_synonyms={"support": "supportive", "supporter": "supportive", "for": "supportive",
                        "positive": "supportive", "against": "opposed", "oppose": "opposed",
                        "opponent": "opposed", "negative": "opposed", "indifferent": "neutral",
                        "not known": "unknown", "n a": "unknown", "leaning support": "leaning_supportive",
                        "leaning against": "leaning_opposed"}),
    _c("influence", "Influence", "int", "Influence on the project, 1 (low) to 5 (high).",
       sensitivity=("assessment",), synonyms=["Power"]),
    _c("interest", "Interest", "int", "Interest in the project, 1 (low) to 5 (high).",
       sensitivity=("assessment",)),
    _c("tags", "Tags", "tags", "Tags, separated by semicolons.", sensitivity=("internal",),
       synonyms=["Labels", "Keywords", "Groups"]),
    _c("consent", "Consent", "bool", "Whether they agreed to be contacted (Yes/No).", sensitivity=("consent",),
       synonyms=["Consent given", "Consented", "Opt in", "GDPR consent"]),
    _c("consent_date", "Consent date", "date", "When consent was given.", sensitivity=("consent",),
       synonyms=["Date of consent", "Consent given on"]),
    _c("consent_source", "Consent source", "text", "How consent was recorded.", sensitivity=("consent",),
       synonyms=["Consent method", "Source of consent"]),
    _c("do_not_contact", "Do not contact", "bool", "Yes if they asked not to be contacted.",
       sensitivity=("consent",), synonyms=["DNC", "Opt out", "Opted out", "Unsubscribed"]),
    _c("notes", "Notes", "long_text", "Internal notes.", sensitivity=("notes",),
       synonyms=["Note", "Comments", "Comment", "Remarks"]),
    _c("last_contacted_at", "Last contacted", "datetime", "When Commrel last logged an interaction with them.",
       importable=False, sensitivity=("internal",)),
)

INTERACTION_COLUMNS: tuple[Column, ...] = (
    ID, VERSION,
    _c("occurred_at", "Date", "datetime", "When it happened (local time).",
       synonyms=["When", "Date and time", "Occurred", "Contact date", "Date of contact", "Occurred at"]),
    _c("channel", "Channel", "enum", "How it happened.", choices=ch.INTERACTION_CHANNELS,
       synonyms=["Type", "Method", "How", "Contact type", "Interaction type"],
       choice_synonyms={"phone": "call", "telephone": "call", "phone call": "call", "face to face": "meeting",
                        "in person": "meeting", "visit": "meeting", "e mail": "email", "doorstep": "door_knock",
                        "door knocking": "door_knock", "doorknock": "door_knock", "post": "letter",
                        "social": "social_media", "facebook": "social_media"}),
    _c("stakeholders", "Stakeholders", "names", "Who it was with: names separated by semicolons.",
       on_update=False, sensitivity=("personal",),
       synonyms=["With", "Stakeholder", "Participants", "Names", "Name", "Contacts", "Attendees"]),
    _c("stakeholder_emails", "Stakeholder emails", "emails",
       "Their email addresses, separated by semicolons; used first to find them.", on_update=False,
       sensitivity=("personal",), synonyms=["Email", "Emails", "E-mail", "Email address"]),
    _c("staff", "Staff", "text", "Who from the team took part.", sensitivity=("internal",),
       synonyms=["Officer", "Staff member", "Recorded by", "By", "Team member"]),
    _c("summary", "Summary", "long_text", "What was discussed.", sensitivity=("notes",),
       synonyms=["Notes", "Details", "Description", "Subject", "Discussion"]),
    _c("follow_up", "Follow-up", "text", "What is to be done next.",
       synonyms=["Follow up", "Action", "Next step", "To do"]),
    _c("follow_up_due", "Follow-up due", "date", "When the follow-up is due.",
       synonyms=["Due", "Due date", "Action due", "Follow up date"]),
    _c("follow_up_done", "Follow-up done", "bool", "Yes once the follow-up is done.",
       synonyms=["Done", "Completed"]),
    _c("event", "Event", "text", "The event it happened at.", importable=False),
    _c("concern", "Concern", "text", "The concern it is about (reference).", importable=False),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    ID, VERSION,
    _c("uid", "Calendar UID", "text", "The event's calendar identifier.", hidden=True, on_update=False,
       synonyms=["UID", "iCalendar UID"]),
    _c("title", "Title", "text", "What the event is called.", width=30,
       synonyms=["Event", "Event name", "Event title", "Name", "Subject"]),
    _c("type", "Type", "enum", "What sort of event.", choices=ch.EVENT_TYPES,
       synonyms=["Event type", "Format"],
       choice_synonyms={"meeting": "public_meeting", "drop in": "open_house", "exhibition": "open_house",
                        "stall": "festival", "fair": "festival", "site tour": "site_visit", "tour": "site_visit"}),
    _c("status", "Status", "enum", "Where the event stands.", choices=ch.EVENT_STATUSES,
       synonyms=["Event status", "State"],
       choice_synonyms={"canceled": "cancelled", "done": "held", "completed": "held", "took place": "held",
                        "scheduled": "confirmed", "draft": "planned"}),
    _c("starts_at", "Starts", "datetime", "Start, in the event's time zone (a date alone for all-day events).",
       synonyms=["Start", "Start time", "Start date", "Begins", "From", "Date"]),
    _c("ends_at", "Ends", "datetime", "End, in the event's time zone (the last day for all-day events).",
       synonyms=["End", "End time", "End date", "Finish", "Until", "To"]),
    _c("all_day", "All day", "bool", "Yes for events without times.", synonyms=["All-day", "Whole day"]),
    _c("timezone", "Time zone", "text", "IANA time zone of the times, e.g. Europe/London.",
       synonyms=["Timezone", "TZ", "Zone"]),
    _c("venue", "Venue", "text", "Where it takes place.", synonyms=["Location", "Place", "Where"]),
    _c("address", "Address", "long_text", "The venue's address.", synonyms=["Venue address"]),
    _c("capacity", "Capacity", "int", "How many people the venue holds.",
       synonyms=["Places", "Seats", "Max attendees"]),
    _c("organiser", "Organiser", "text", "Who organises it.", synonyms=["Organizer", "Host"]),
    _c("organiser_email", "Organiser email", "email", "The organiser's email.",
       synonyms=["Organizer email", "Host email"]),
    _c("description", "Description", "long_text", "What it is about.", synonyms=["Details", "Agenda"]),
    _c("tags", "Tags", "tags", "Tags, separated by semicolons.", synonyms=["Labels", "Keywords"]),
    _c("url", "Web link", "text", "A page about the event.", synonyms=["URL", "Link", "Website"]),
    _c("rrule", "Repeats", "text", "The repeat rule of a recurring event.", importable=False),
)

PARTICIPANT_COLUMNS: tuple[Column, ...] = (
    _c("event_id", "Event ID", "id", "Commrel's number for the event."),
    _c("event", "Event", "text", "The event's title.", width=30),
    _c("event_starts", "Starts", "datetime", "When the event starts (its time zone)."),
    _c("stakeholder_id", "Stakeholder ID", "id", "Commrel's number for the stakeholder."),
    _c("name", "Name", "text", "The participant.", width=26),
    _c("email", "Email", "email", "Their email.", sensitivity=("personal",)),
    _c("organisation", "Organisation", "text", "Their organisation."),
    _c("role", "Role", "enum", "Their role at the event.", choices=ch.PARTICIPANT_ROLES),
    _c("rsvp", "RSVP", "enum", "Their reply to the invitation.", choices=ch.RSVP_STATUSES),
    _c("attended", "Attended", "bool", "Yes if they came."),
    _c("checked_in_at", "Checked in", "datetime", "When they were checked in (local time)."),
)

CONCERN_COLUMNS: tuple[Column, ...] = (
    ID, VERSION,
    _c("reference", "Reference", "text", "The concern's reference; a new row without one gets the next.",
       on_update=False, synonyms=["Ref", "Reference number", "Case", "Case number", "Ticket"]),
    _c("received_at", "Received", "datetime", "When it was received (local time).", on_update=False,
       synonyms=["Date", "Date received", "Received on", "Logged", "Reported", "Received at"]),
    _c("channel", "Channel", "enum", "How it was received.", choices=ch.CONCERN_CHANNELS,
       synonyms=["How received", "Source", "Method"],
       choice_synonyms={"telephone": "phone", "call": "phone", "website": "web_form", "online": "web_form",
                        "web": "web_form", "walk in": "in_person", "face to face": "in_person",
                        "e mail": "email", "at event": "event"}),
    _c("complainant", "Complainant", "text", "Who raised it (blank when anonymous or confidential in a "
       "partner sheet). Read for new concerns only.", on_update=False, sensitivity=("personal",),
       synonyms=["Complainant name", "Raised by", "Reported by", "Name", "From"]),
    _c("complainant_email", "Complainant email", "email", "Their email; used first to find them.",
       on_update=False, sensitivity=("personal",), synonyms=["Email", "E-mail", "Email address"]),
    _c("anonymous", "Anonymous", "bool", "Yes if the complainant is not to be known.", synonyms=["Anon"]),
    _c("confidential", "Confidential", "bool", "Yes if their identity is kept within the team."),
    _c("category", "Category", "text", "One of the concern categories set up in Commrel.", on_update=False,
       synonyms=["Topic", "Issue type", "Theme"]),
    _c("subcategory", "Subcategory", "text", "A subcategory of that category.", on_update=False,
       synonyms=["Sub-category"]),
    _c("location", "Location", "text", "Where the issue is.", synonyms=["Where", "Site", "Address"]),
    _c("neighbourhood", "Neighbourhood", "text", "The area of the project.",
       synonyms=["Neighborhood", "Ward", "Area", "District", "Locality"]),
    _c("summary", "Summary", "text", "The concern in a line.", width=30,
       synonyms=["Subject", "Title", "Issue", "Concern"]),
    _c("description", "Description", "long_text", "The concern in full.", sensitivity=("internal",),
       synonyms=["Details", "Complaint", "Full description"]),
    _c("severity", "Severity", "enum", "How serious.", choices=ch.SEVERITIES,
       choice_synonyms={"med": "medium", "very high": "critical"}),
    _c("priority", "Priority", "enum", "How urgent.", choices=ch.PRIORITIES,
       choice_synonyms={"medium": "normal", "critical": "urgent"}),
    _c("owner", "Owner", "text", "Who handles it.", sensitivity=("internal",),
       synonyms=["Assigned to", "Handled by", "Officer"]),
    _c("status", "Status", "enum", "Where it stands.", choices=ch.CONCERN_STATUSES, importable=False),
    _c("acknowledge_due", "Acknowledge by", "datetime", "Acknowledgement due (local time).", importable=False,
       sensitivity=("internal",)),
    _c("acknowledged_at", "Acknowledged", "datetime", "When it was acknowledged.", importable=False),
    _c("resolution_target", "Resolve by", "datetime", "Resolution due (local time).", importable=False,
       sensitivity=("internal",)),
    _c("resolution", "Response", "long_text", "The response given.", importable=False,
       sensitivity=("internal",)),
    _c("closed_at", "Closed", "datetime", "When it was closed.", importable=False),
)

COVERAGE_COLUMNS: tuple[Column, ...] = (
    ID, VERSION,
    _c("published_on", "Date", "date", "When it was published or broadcast.",
       synonyms=["Published", "Published on", "Publication date", "Date published", "Broadcast", "Aired",
                 "Air date", "Issue date"]),
    _c("outlet", "Outlet", "text", "The newspaper, station or site that carried it; matched by name to a media "
       "organisation in Commrel, else kept as written.", on_update=False, width=24,
       synonyms=["Publication", "Media outlet", "Media", "Newspaper", "Station", "Publisher"]),
    _c("headline", "Headline", "text", "The headline or programme item.", width=40,
       synonyms=["Article", "Article title", "Story", "Subject", "Item", "Heading"]),
    _c("url", "Link", "text", "Where it can be read or heard.",
       synonyms=["URL", "Web link", "Web address", "Website", "Article link"]),
    _c("reach", "Reach", "int", "How many readers, listeners or viewers.",
       synonyms=["Audience", "Circulation", "Readership", "Views", "Impressions"]),
    _c("tone", "Tone", "enum", "How it portrayed the programme; blank is neutral.", choices=TONES,
       synonyms=["Sentiment", "Favourability", "Rating"],
       choice_synonyms={"pos": "positive", "good": "positive", "favourable": "positive", "favorable": "positive",
                        "neu": "neutral", "mixed": "neutral", "balanced": "neutral",
                        "neg": "negative", "bad": "negative", "unfavourable": "negative",
                        "unfavorable": "negative", "critical": "negative", "hostile": "negative"}),
    _c("topics", "Topics", "text", "What it was about.", synonyms=["Topic", "Themes", "Theme", "Keywords", "Tags"]),
)

TIMELINE_COLUMNS: tuple[Column, ...] = (
    _c("concern_id", "Concern ID", "id", "Commrel's number for the concern."),
    _c("reference", "Reference", "text", "The concern's reference."),
    _c("at", "When", "datetime", "When (local time)."),
    _c("kind", "Kind", "enum", "What sort of entry.", choices=ch.CONCERN_UPDATE_KINDS),
    _c("text", "Text", "long_text", "What was recorded.", sensitivity=("notes",), width=50),
    _c("from_status", "From status", "enum", "Status before.", choices=ch.CONCERN_STATUSES),
    _c("to_status", "To status", "enum", "Status after.", choices=ch.CONCERN_STATUSES),
    _c("recorded_by", "Recorded by", "text", "Who recorded it.", sensitivity=("internal",)),
)


@dataclass(frozen=True)
class SheetDef:
    name: str  # stable key
    title: str  # sheet name in the workbook
    entity: str
    columns: tuple[Column, ...]
    importable: bool = True


SHEETS = {
    "stakeholders": SheetDef("stakeholders", "Stakeholders", "stakeholder", STAKEHOLDER_COLUMNS),
    "interactions": SheetDef("interactions", "Interactions", "interaction", INTERACTION_COLUMNS),
    "events": SheetDef("events", "Events", "event", EVENT_COLUMNS),
    "event_participants": SheetDef("event_participants", "Event participants", "event_participant",
                                   PARTICIPANT_COLUMNS, importable=False),
    "concerns": SheetDef("concerns", "Concerns", "concern", CONCERN_COLUMNS),
    "concern_timeline": SheetDef("concern_timeline", "Concern timeline", "concern_update", TIMELINE_COLUMNS,
                                 importable=False),
    "coverage": SheetDef("coverage", "Coverage", "coverage", COVERAGE_COLUMNS),
}

# Which sheets an export of each kind holds, in order.
KIND_SHEETS = {
    "stakeholders": ("stakeholders",),
    "interactions": ("interactions",),
    "events": ("events", "event_participants"),
    "concerns": ("concerns", "concern_timeline"),
    "all": ("stakeholders", "interactions", "events", "event_participants", "concerns", "concern_timeline"),
}

IMPORT_KINDS = ("stakeholders", "interactions", "events", "concerns", "coverage")


def columns_for(kind: str) -> tuple[Column, ...]:
    """The columns of the main sheet of ``kind`` (stakeholders, interactions, events, concerns)."""
    return SHEETS[kind].columns


def by_key(kind: str) -> dict[str, Column]:
    return {c.key: c for c in columns_for(kind)}
