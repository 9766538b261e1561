"""The fixed vocabulary of ../shared/spec/contract.md, as Python constants.

Everything else (lexicon, store, extractor, triage) is checked against these names.
"""

from __future__ import annotations

FINDING_VALUES: dict[str, tuple[str, ...]] = {
    "symptom": (
        "aching", "throbbing", "cramping", "crawling", "tingling", "burning", "stabbing",
        "numbness", "heaviness", "swelling", "weakness", "urge_to_move", "redness", "warmth",
        "skin_changes", "chest_pain", "shortness_of_breath",
    ),
    "body_part": ("calf", "foot", "toes", "thigh", "shin", "knee", "ankle", "leg"),
    "side": ("left", "right", "both"),
    "timing": ("night", "evening", "rest", "after_exercise", "during_exercise", "daytime"),
    "relief": ("movement", "stretching", "elevation", "heat", "massage", "rest"),
    "trigger": (
        "prolonged_sitting", "prolonged_standing", "dehydration", "long_travel", "toxin_exposure",
    ),
    "risk_factor": (
        "diabetes", "alcohol", "kidney_disease", "iron_deficiency", "pregnancy", "older_age",
        "recent_surgery",
    ),
    "medication": ("statin", "diuretic"),
    "severity": ("severe", "mild"),
    "duration": ("persistent", "long_episode"),
}

CAUSE_IDS: tuple[str, ...] = (
    "muscle_cramps", "restless_legs_syndrome", "peripheral_neuropathy", "venous_insufficiency",
    "medication_side_effect", "blood_clot", "poor_circulation", "muscle_strain", "arthritis",
    "lifestyle",
)

# Most to least urgent.
TRIAGE_LEVELS: tuple[str, ...] = ("emergency", "urgent", "see_doctor", "self_care")

