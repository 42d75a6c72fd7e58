"""Pain: reading what a runner says about pain, triaging it, and the dialog that asks.

vocabulary, report   the words of a report (signs, answers, places) and the report itself
lexicon              loading pain_lexicon.toml; normalising text; reading one sign in it
red_flags, emergency red-flag concepts across a sentence; emergency numbers by time zone
reading              a message into a PainReport (parse_pain_text, split_problems, merge)
durations            how long it has hurt, from a message ("3 weeks", "since monday")
typed_answers        short typed answers to the dialog's questions ("yeah", "6/10")
levels, rules        PainLevel and the clinical rules (assess); over_time: check-in rules
soreness, loading     normal training soreness; which painful places the workout builder
                     rests and which tendons it keeps loading (the pain-monitoring model)
steps ... followup   the pain dialog: its steps and effects, questions, answers, verdict
                     and the check-ins on an open report
interrupt            whether typed words leave the current dialog for the pain dialog
holds, same_place    a held report (urgent, or told to rest): who is held, the reminder line,
                     typed follow-ups ("saw the physio, cleared"); one open report per place
walk_run,            the return to running after clearance: walk-run stages, the check after
return_to_run        each run (progress, repeat, step back), what the plan shapes meanwhile
"""
