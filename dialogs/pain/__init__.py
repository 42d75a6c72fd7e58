"""Pain: reading what a runner says about pain, triaging it, and the dialog that asks.

vocabulary, report   the words of a report (signs, answers, places) and the report itself
lexicon              loading pain_lexicon.toml; normalising text; reading one sign in it
red_flags, emergency red-flag concepts across a sentence; emergency numbers by time zone
reading              a message into a PainReport (parse_pain_text, split_problems, merge)
typed_answers        short typed answers to the dialog's questions ("yeah", "6/10")
levels, rules        PainLevel and the clinical rules (assess); over_time: check-in rules
steps ... followup   the pain dialog: its steps and effects, questions, answers, verdict
                     and the check-ins on an open report
interrupt            whether typed words leave the current dialog for the pain dialog
"""
