"""The meaning layer: what a sentence *does* (recaps value, names the buyer's outcome, asks for a
commitment…), judged by small trained heads over a packaged sentence encoder.

Rules find candidates and structure (dates, order, speakers); the heads confirm or veto what a
candidate sentence does, seeing the sentence, the other side's turn before it, and the side that
speaks. Weights come from a registry package (no download at run time); heads are small JSON
files trained deterministically by `callreview train`.
"""
from .roles import ROLES, ROLE_TITLES
from .layer import MeaningLayer, SentenceRoles, load_layer

__all__ = ["ROLES", "ROLE_TITLES", "MeaningLayer", "SentenceRoles", "load_layer"]
