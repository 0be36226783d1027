"""callanalysis: what the speakers on an earnings call claim, how they hedge, what they forecast.

The data flows one way through one table:

    transcript.load(path) -> Call            metadata, participants, turns (offsets into the raw file)
    sentences.sentences_frame(call)          one row per sentence
    annotate.annotate(call)                  the sentence table with claim / forecast / hedge / booster labels

The chapters of the report only group and filter the sentence table.
"""

from .errors import TranscriptError
from .parse.sentences import sentences_frame, split_call, split_text, turns_frame
from .parse.transcript import Call, Participant, Turn, load, parse

__all__ = ["Call", "Participant", "TranscriptError", "Turn", "load", "parse", "sentences_frame", "split_call",
           "split_text", "turns_frame"]
__version__ = "0.1.0"
