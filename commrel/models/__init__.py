"""Peewee models, one module per aggregate."""
from .base import BaseModel, database
from .concerns import Concern, ConcernCategory, ConcernUpdate, ReferenceCounter
from .engagement import Interaction, InteractionParticipant
from .events import (ChecklistTask, ChecklistTemplate, Event, EventException,
                     EventOverride, EventParticipant)
from .history import AuditEvent, Change, ImportBatch, ImportBatchItem, Setting
from .media import (MEDIA_MODELS, Coverage, Distribution, MediaInquiry, MediaKit, MediaKitFile, MediaList,
                    MediaListMember, MediaProfile, PressMaterial)
from .stakeholders import Membership, Relationship, SavedView, Stakeholder, StakeholderTag, Tag

# Creation order: every table after the tables it refers to.
ALL_MODELS = [
    Setting, AuditEvent, Change, ImportBatch, ImportBatchItem,
    Stakeholder, Tag, StakeholderTag, Membership, Relationship, SavedView,
    Event, EventException, EventOverride, EventParticipant, ChecklistTask, ChecklistTemplate,
    ConcernCategory, ReferenceCounter, Concern, ConcernUpdate,
    Interaction, InteractionParticipant,
    *MEDIA_MODELS,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "BaseModel", "database"]
