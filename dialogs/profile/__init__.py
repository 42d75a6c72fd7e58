"""The runner's profile: the question catalogue (questions.py) and the two dialogs that ask it,
/start (onboarding.py) and /settings with /schedule (settings.py).

Adding a profile question: one entry in questions.CATALOGUE (its reader and asker beside the
others in choices.py, when.py or zones.py), its texts in dialogs/data/messages/onboarding.toml
and settings.toml, its words in dialogs/data/vocabulary.toml [summary], and its field (records,
models, a migration, the repository mapper).
"""
