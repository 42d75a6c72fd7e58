"""The runner's profile: the question catalogue (questions.py) and the two dialogs that ask it,
/start (onboarding.py) and /settings with /schedule (settings.py).

Adding a profile question: one entry in questions.CATALOGUE, whose name is its step in both
dialogs (its asker and reader beside the others in choices.py, when.py, season.py or zones.py),
its texts in dialogs/data/messages/onboarding.toml (/settings uses the same), its words in
dialogs/data/vocabulary.toml [summary], and its field: dialogs/records.py, bot/storage/models.py
and a migration (tests hold each to the next). See the README for the list.
"""
