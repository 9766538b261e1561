"""Reading users' words: the rule-based symptom extractor and its Rasa NLU wrapper."""
