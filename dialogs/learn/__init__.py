"""Learning: answering what runners ask, in /learn and anywhere in the chat.

dialog    the /learn dialog: topics, exercise how-tos, and typed questions
answers   the question answerer: knowledge-base passages ranked with bm25s
passages  the knowledge base as passages, with the BM25 indexes the answerer ranks them by
synonyms  the answerer's runners' words, intents and ignored words (data, checked at load)
asking    the router hook that answers a question typed in the middle of any dialog
search    finding a topic or exercise named in a message (rapidfuzz)
"""
