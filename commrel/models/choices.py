"""Enumerations stored as short stable codes, with the label people read.

The codes never change (they are in databases and exported sheets); the
labels may be reworded or translated.
"""

STAKEHOLDER_KINDS = {"person": "Person", "organisation": "Organisation"}

STAKEHOLDER_TYPES = {
    "resident": "Resident",
    "civic_group": "Civic group",
    "ngo": "NGO",
    "business": "Business",
    "government": "Government / official",
    "media": "Media",
    "faith_group": "Faith group",
    "school": "School",
    "other": "Other",
}

POSITIONS = {
    "supportive": "Supportive",
    "leaning_supportive": "Leaning supportive",
    "neutral": "Neutral",
    "leaning_opposed": "Leaning opposed",
    "opposed": "Opposed",
    "unknown": "Unknown",
}

CONTACT_CHANNELS = {
    "email": "Email",
    "phone": "Phone",
    "letter": "Letter",
    "in_person": "In person",
    "sms": "Text message",
    "any": "Any",
}

RELATIONSHIP_TYPES = {
    "member_of": "Member of",
    "works_for": "Works for",
    "represents": "Represents",
    "partner_of": "Partner of",
    "family_of": "Family of",
}

INTERACTION_CHANNELS = {
    "meeting": "Meeting",
    "call": "Call",
    "email": "Email",
    "letter": "Letter",
    "door_knock": "Door-knock",
    "event": "Event",
    "social_media": "Social media",
}

EVENT_TYPES = {
    "public_meeting": "Public meeting",
    "open_house": "Open house",
    "town_hall": "Town hall",
    "workshop": "Workshop",
    "site_visit": "Site visit",
    "festival": "Festival / stall",
    "other": "Other",
}

EVENT_STATUSES = {
    "planned": "Planned",
    "confirmed": "Confirmed",
    "held": "Held",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
}

RSVP_STATUSES = {
    "invited": "Invited",
    "accepted": "Accepted",
    "declined": "Declined",
    "tentative": "Tentative",
    "no_reply": "No reply",
}

PARTICIPANT_ROLES = {
    "guest": "Guest",
    "speaker": "Speaker",
    "partner": "Partner",
    "staff": "Staff",
}

CONCERN_CHANNELS = {
    "phone": "Phone",
    "email": "Email",
    "letter": "Letter",
    "in_person": "In person",
    "event": "At an event",
    "web_form": "Web form",
    "social_media": "Social media",
}

SEVERITIES = {"low": "Low", "medium": "Medium", "high": "High", "critical": "Critical"}
PRIORITIES = {"low": "Low", "normal": "Normal", "high": "High", "urgent": "Urgent"}

CONCERN_STATUSES = {
    "received": "Received",
    "acknowledged": "Acknowledged",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "investigating": "Investigating",
    "response_proposed": "Response proposed",
    "responded": "Responded",
    "implemented": "Implemented",
    "closed_resolved": "Closed (resolved)",
    "appealed": "Appealed",
    "closed_unresolved": "Closed (unresolved)",
    "referred": "Referred to external body",
}

CLOSED_CONCERN_STATUSES = ("closed_resolved", "closed_unresolved", "referred", "rejected")

CONCERN_UPDATE_KINDS = {
    "note": "Note",
    "call": "Call",
    "letter": "Letter",
    "email": "Email",
    "site_visit": "Site visit",
    "meeting": "Meeting",
    "attachment": "Attachment",
    "status": "Status change",
}

SATISFACTION = {
    "satisfied": "Satisfied",
    "partly_satisfied": "Partly satisfied",
    "not_satisfied": "Not satisfied",
    "no_response": "No response",
}


def label(choices: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    return choices.get(code, code)
