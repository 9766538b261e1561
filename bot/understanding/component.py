"""The Rasa 3.6 NLU graph component that wraps the symptom extractor.

It builds its own pipeline from the lexicon (no SpacyNLP model path to resolve, no vectors
needed) and emits one Rasa entity per finding: ``entity`` is the finding type, ``value``
the canonical id, and a negated mention carries ``role: "negated"``. Entities another
extractor (e.g. DIETClassifier) found for the same type and value, or over the same
characters, are dropped: the rule extractor wins on canonical values.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding.extractor import Extraction, get_extractor

EXTRACTOR_NAME = "LegbotEntityExtractor"
NEGATED_ROLE = "negated"
TRUNCATED_KEY = "legbot_truncated"


def extraction_to_entities(extraction: Extraction) -> list[dict[str, Any]]:
    entities = []
    for finding in extraction.findings:
        entity: dict[str, Any] = {
            "entity": finding.type,
            "value": finding.value,
            "start": finding.start,
            "end": finding.end,
            "confidence_entity": 1.0,
            "extractor": EXTRACTOR_NAME,
        }
        if not finding.present:
            entity["role"] = NEGATED_ROLE
        entities.append(entity)
    for alarm in extraction.alarms:
        entities.append({"entity": alarm.type, "value": alarm.value, "start": alarm.start,
                         "end": alarm.end, "confidence_entity": 1.0, "extractor": EXTRACTOR_NAME})
    return entities


def merge_entities(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ours first; another extractor's entity stays only if it adds something new."""
    merged = list(ours)
    for entity in theirs:
        same_value = any(e["entity"] == entity.get("entity") and e["value"] == entity.get("value")
                         for e in ours)
        overlaps = any(e["start"] < entity.get("end", -1) and entity.get("start", -1) < e["end"]
                       for e in ours)
        if not same_value and not overlaps:
            merged.append(entity)
    return merged


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LegbotEntityExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LegbotEntityExtractor:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        extractor = get_extractor()
        for message in messages:
            extraction = extractor(message.get(TEXT) or "")
            ours = extraction_to_entities(extraction)
            message.set(ENTITIES, merge_entities(ours, message.get(ENTITIES, []) or []), add_to_output=True)
            message.set(TRUNCATED_KEY, extraction.truncated, add_to_output=True)
        return messages
